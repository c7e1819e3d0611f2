"""Fault test: `kill -9` a real `python -m game serve` mid-game, start it again on the same data
directory: the room is back at the same version with no applied action lost, and the teams
reconnect with the links they had."""
from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

websockets = pytest.importorskip("websockets")
from websockets.sync.client import connect  # noqa: E402

from game.saves import GameSession  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data: Path, port: int):
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--ruleset", SHORT, "--port", str(port),
                             "--data", str(data), "--seed", "21", "--level", "random"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    info, lines = {}, []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Room code:"):
            info["code"] = line.split()[2]
        if line.startswith("Facilitator:"):
            info["facilitator"] = line.split("#k=")[1].strip()
        if line.startswith("Listening on"):
            break
    assert "code" in info, "".join(lines)
    for _ in range(100):  # until the port answers
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/rooms/{info['code']}", timeout=2).read()
            break
        except OSError:
            time.sleep(0.1)
    return proc, info


def post(url: str, data: dict) -> dict:
    req = urllib.request.Request(url, json.dumps(data).encode(), {"content-type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=10).read())


def hello(ws, code, role, token=""):
    ws.send(json.dumps({"type": "hello", "room": code, "role": role, "token": token}))
    w = json.loads(ws.recv(10))
    assert w["type"] == "welcome", w
    return w


def latest(ws, wait: float = 0.5) -> dict:
    """The last state frame that arrives before the socket goes quiet for `wait` seconds."""
    last = None
    while True:
        try:
            f = json.loads(ws.recv(wait if last else 10))
        except TimeoutError:
            return last
        if f["type"] == "state":
            last = f


def test_kill_9_mid_game_and_restart_loses_nothing(tmp_path):
    port = free_port()
    proc, info = start(tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    code = info["code"]
    try:
        tokens = {f: post(f"{base}/api/rooms/{code}/join", {"faction": f, "team": f})["token"]
                  for f in ("japan", "china")}
        rng = random.Random(3)
        socks = {f: connect(f"ws://127.0.0.1:{port}/ws").__enter__() for f in tokens}
        for f, ws in socks.items():
            hello(ws, code, "team", tokens[f])
        with connect(f"ws://127.0.0.1:{port}/ws") as fac:
            hello(fac, code, "facilitator", info["facilitator"])
            fac.send(json.dumps({"type": "control", "version": 0, "op": "start"}))
            latest(fac)
        acted = 0
        seen = 0
        rnd = 1
        while acted < 8 or (rnd < 2 and acted < 200):  # into round 2: a snapshot was written at round 1's end
            for f, ws in socks.items():
                fr = latest(ws, 0.3)
                if fr and fr["legal"]:
                    ws.send(json.dumps({"type": "act", "version": fr["version"], "action": rng.choice(fr["legal"])}))
                    acted += 1
                if fr:
                    seen = max(seen, fr["version"])
                    rnd = max(rnd, fr["view"]["round"])
        last = [latest(ws, 1.0) for ws in socks.values()]
        final = max([seen] + [fr["version"] for fr in last if fr])
        assert final >= seen > 0
        os.kill(proc.pid, signal.SIGKILL)  # mid-game, no shutdown of any kind
        proc.wait(10)
        # the room comes back from its latest snapshot (written at a round's end) and the log after it
        import sqlite3
        db = sqlite3.connect(tmp_path / "rooms.sqlite3")
        (snap_n,) = db.execute("SELECT n FROM snapshots WHERE code = ?", (code,)).fetchone()
        (last_n,) = db.execute("SELECT MAX(n) FROM log WHERE code = ?", (code,)).fetchone()
        db.close()
        assert 0 < snap_n <= last_n
        for ws in socks.values():
            ws.close()

        proc, info2 = start(tmp_path, port)
        assert info2["code"] == code
        # the teams come back with their old links and get the whole current view
        for f, tok in tokens.items():
            with connect(f"ws://127.0.0.1:{port}/ws") as ws:
                assert hello(ws, code, "team", tok)["faction"] == f
                fr = latest(ws, 0.5)
                assert fr["full"] and fr["version"] == final and fr["view"]["viewer"] == f
        # the old facilitator link was replaced by the one printed now
        req = urllib.request.Request(f"{base}/api/rooms/{code}/save",
                                     headers={"authorization": f"Bearer {info2['facilitator']}"})
        save = json.loads(urllib.request.urlopen(req, timeout=20).read())
        session = GameSession.from_data(save)
        assert session.steps == final and session.verify() is None
        old = urllib.request.Request(f"{base}/api/rooms/{code}/save",
                                     headers={"authorization": f"Bearer {info['facilitator']}"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(old, timeout=10)
        # and the game goes on from there
        with connect(f"ws://127.0.0.1:{port}/ws") as ws, connect(f"ws://127.0.0.1:{port}/ws") as ws2:
            hello(ws, code, "team", tokens["japan"])
            hello(ws2, code, "team", tokens["china"])
            moved = False
            for _ in range(10):
                for w in (ws, ws2):
                    fr = latest(w, 0.3)
                    if fr and fr["legal"] and not moved:
                        w.send(json.dumps({"type": "act", "version": fr["version"], "action": fr["legal"][0]}))
                        moved = True
                        after = json.loads(w.recv(10))
                        while after["type"] != "state":
                            after = json.loads(w.recv(10))
                        assert after["version"] > final
                if moved:
                    break
            assert moved
    finally:
        proc.kill()
        proc.wait(10)


def test_an_agent_plays_a_seat_over_the_protocol_to_the_end(tmp_path):
    port = free_port()
    proc, info = start(tmp_path, port)
    code = info["code"]
    try:
        token = post(f"http://127.0.0.1:{port}/api/rooms/{code}/join", {"faction": "eu", "team": "agent"})["token"]
        agent = subprocess.Popen([sys.executable, "-m", "game", "agent", "--url",
                                  f"http://127.0.0.1:{port}/play/{code}#t={token}", "--bot", "normal"],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        with connect(f"ws://127.0.0.1:{port}/ws") as fac:
            hello(fac, code, "facilitator", info["facilitator"])
            fac.send(json.dumps({"type": "control", "version": 0, "op": "start"}))
            out, _ = agent.communicate(timeout=120)
        assert agent.returncode == 0, out
        assert "Playing eu in room" in out and "Game over" in out
    finally:
        proc.kill()
        proc.wait(10)


def test_serve_refuses_bad_arguments_and_files():
    from game.cli.main import main
    from game.server import is_loopback as _is_loopback
    assert main(["serve", "--port", "0"]) == 2
    assert main(["serve", "--absent-limit", "-1"]) == 2
    assert main(["serve", "--ruleset", "/nonexistent.yaml"]) == 1
    assert main(["agent", "--url", "ftp://x"]) == 2
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.10")


def test_an_oversized_frame_gets_an_error_frame_and_the_connection_stays_up(tmp_path):
    """Through `serve`'s real uvicorn: a message over the frame limit is read and refused with an
    error frame; only one over the hard cap (game.server.WS_MAX_BYTES) closes the socket (1009)."""
    from websockets.exceptions import ConnectionClosed

    from game.server import WS_MAX_BYTES
    from game.server.frames import MAX_FRAME_CHARS
    port = free_port()
    proc, info = start(tmp_path, port)
    try:
        with connect(f"ws://127.0.0.1:{port}/ws", max_size=2**22) as ws:
            hello(ws, info["code"], "projector")
            latest(ws, 0.3)
            for size in (MAX_FRAME_CHARS + 1, 65_537, 200_000, WS_MAX_BYTES - 100):
                head = '{"type": "ping", "pad": "'
                ws.send(head + "x" * (size - len(head) - 2) + '"}')  # `size` characters
                err = json.loads(ws.recv(10))
                while err["type"] == "state":
                    err = json.loads(ws.recv(10))
                assert err["type"] == "error" and err["code"] == "too_big", err
                assert "frame too large" in err["message"] and f"{MAX_FRAME_CHARS}" in err["message"]
                assert "x" * 20 not in err["message"]
                ws.send(json.dumps({"type": "ping"}))  # still up
                assert json.loads(ws.recv(10))["type"] == "pong"
        with connect(f"ws://127.0.0.1:{port}/ws", max_size=2**22) as ws:
            hello(ws, info["code"], "projector")
            ws.send("x" * (WS_MAX_BYTES + 1))
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    ws.recv(10)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    finally:
        proc.kill()
        proc.wait(10)
