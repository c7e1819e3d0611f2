"""The GUI's host mode: the classroom server of `python -m game serve`, run inside the window.

The server is started through `game.server.create_server` (its single public entry point) and
served by uvicorn in a background thread. The window then talks to it as two clients of the
protocol (docs/PROTOCOL.md), over WebSockets on loopback like any browser: a **projector**
connection, whose frames (the public view and the log lines everyone may read) are all the
projector view draws, and a **facilitator** connection that sends the same `control` frames the
facilitator page sends. The window never touches a room's state itself."""
from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field

from game.server import WS_OPTIONS, is_loopback

START_SECONDS = 15.0     # uvicorn and the two connections are up well within this


def lan_address() -> str:
    """This machine's address on its network, as teams' devices would reach it ("" unknown).
    A UDP socket's connect sends nothing; it only picks the interface of the default route."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            ip = s.getsockname()[0]
    except OSError:
        return ""
    return "" if is_loopback(ip) else ip


def network_warning(host: str, port: int) -> str:
    """The warning `serve` prints when it listens beyond this machine."""
    return (f"WARNING: listening on {host}:{port} — devices on this network can reach the server. "
            "Use it on a classroom network you trust; stop hosting after the class.")


@dataclass
class Feed:
    """What one connection has been told: the latest room status, view, log and extras."""
    texts: dict = field(default_factory=dict)
    room: dict = field(default_factory=dict)
    view: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    log: list[dict] = field(default_factory=list)
    version: int = 0
    error: str = ""
    frames: int = 0


class HostedRoom:
    """One classroom room served from this process: `start()`, read `projector`, `control()`, `stop()`."""

    def __init__(self, ruleset_path: str, *, host: str = "127.0.0.1", port: int = 0, level: str = "normal",
                 time_limit: int = 0, seed: int | None = None, lang: str = "en") -> None:
        self.ruleset_path = str(ruleset_path)
        self.host = host
        self.port = port
        self.level = level
        self.time_limit = time_limit
        self.seed = seed
        self.lang = lang
        self.code = ""
        self.manager = None
        self._server = None
        self._thread: threading.Thread | None = None
        self._token = ""
        self._lock = threading.Lock()
        self._feeds = {"projector": Feed(), "facilitator": Feed()}
        self._sockets: dict = {}
        self._readers: list[threading.Thread] = []
        self.running = False

    # ---------------------------------------------------------------- addresses
    @property
    def shown_host(self) -> str:
        """The address teams type: a LAN address when listening on every interface."""
        if self.host in ("0.0.0.0", "::"):
            return lan_address() or "127.0.0.1"
        return self.host

    @property
    def base_url(self) -> str:
        return f"http://{self.shown_host}:{self.port}"

    @property
    def join_url(self) -> str:
        return f"{self.base_url}/join/{self.code}"

    @property
    def facilitator_url(self) -> str:
        return f"{self.base_url}/facilitator/{self.code}#k={self._token}"

    @property
    def local(self) -> bool:
        return is_loopback(self.host)

    def qr_matrix(self) -> list[list[bool]]:
        """The join URL's QR code as rows of dark (True) and light modules, without the border."""
        import segno
        q = segno.make(self.join_url, error="m")
        return [[bool(v) for v in row] for row in q.matrix]

    # ---------------------------------------------------------------- life
    def start(self) -> None:
        import uvicorn

        from game.server import create_server
        self.manager, app = create_server(None, default_ruleset=self.ruleset_path, process_bots=True,
                                          bot_options={"hard": {"seconds": 1.0}})
        try:
            room, self._token = self.manager.create_room(self.ruleset_path, self.seed, self.level, self.time_limit)
            room.settings["lang"] = self.lang
            self.code = room.code
            config = uvicorn.Config(app, host=self.host, port=self.port, log_level="warning", **WS_OPTIONS,
                                    ws_ping_interval=20, ws_ping_timeout=20, lifespan="on")
            self._server = uvicorn.Server(config)
            self._thread = threading.Thread(target=self._server.run, name=f"classroom-{self.code}", daemon=True)
            self._thread.start()
            deadline = time.monotonic() + START_SECONDS
            while not self._server.started:
                if not self._thread.is_alive() or time.monotonic() > deadline:
                    raise OSError(f"the server could not listen on {self.host}:{self.port}")
                time.sleep(0.02)
            self.port = self._server.servers[0].sockets[0].getsockname()[1]
            self.running = True
            for role in ("projector", "facilitator"):
                self._connect(role)
        except BaseException:
            self.stop()
            raise

    def _connect(self, role: str) -> None:
        t = threading.Thread(target=self._read, args=(role,), name=f"classroom-{role}", daemon=True)
        t.start()
        self._readers.append(t)
        deadline = time.monotonic() + START_SECONDS
        while self._feeds[role].frames == 0:   # the first state frame: the window has a table to draw
            if not t.is_alive() or time.monotonic() > deadline:
                raise OSError(f"the server did not answer the {role}'s hello")
            time.sleep(0.01)

    def _read(self, role: str) -> None:
        from websockets.sync.client import connect
        feed = self._feeds[role]
        at = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        try:
            with connect(f"ws://{at}:{self.port}/ws", open_timeout=START_SECONDS, max_size=2**24) as ws:
                self._sockets[role] = ws
                if not self.running:   # stopped while connecting
                    return
                ws.send(json.dumps({"type": "hello", "room": self.code, "role": role,
                                    "token": self._token if role == "facilitator" else ""}))
                for text in ws:
                    self._take(feed, json.loads(text))
        except Exception:  # the socket closed (the server stopped): nothing more to read
            pass

    def _take(self, feed: Feed, frame: dict) -> None:
        kind = frame.get("type")
        with self._lock:
            feed.version = frame.get("version", feed.version)
            if kind == "welcome":
                feed.texts = frame.get("texts", {})
            elif kind == "state":
                feed.room, feed.view, feed.extra = frame["room"], frame["view"], frame.get("extra", {})
                if frame.get("full"):
                    feed.log = list(frame["log"])
                else:
                    feed.log.extend(frame["log"])
                    del feed.log[:-400]
                feed.frames += 1
            elif kind == "error":
                feed.error = frame.get("message", "")

    def stop(self) -> None:
        """Close the connections, stop uvicorn and the room's bots; the port is free afterwards."""
        self.running = False
        for ws in list(self._sockets.values()):
            try:
                ws.close()
            except Exception:
                pass
        self._sockets.clear()
        for t in self._readers:
            t.join(timeout=5)
        self._readers.clear()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self.manager is not None:
            self.manager.close()
            self.manager = None

    # ---------------------------------------------------------------- reading
    def feed(self, role: str = "projector") -> Feed:
        """A copy of what the `role` connection was sent last (the projector's: the public view)."""
        with self._lock:
            f = self._feeds[role]
            return Feed(f.texts, dict(f.room), f.view, dict(f.extra), list(f.log), f.version, f.error, f.frames)

    def take_error(self) -> str:
        """The facilitator's last refusal (once)."""
        with self._lock:
            e, self._feeds["facilitator"].error = self._feeds["facilitator"].error, ""
            return e

    def export(self, folder) -> list:
        """The facilitator's downloads, as the facilitator page gets them (HTTP with its token): the
        room's save (`replay --verify` accepts it, the GUI loads it) and the debrief page, into `folder`."""
        from pathlib import Path
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        save = _get(self, f"/api/rooms/{self.code}/save")
        gid = json.loads(save).get("game_id") or f"room-{self.code}"
        out = [folder / f"{gid}.json", folder / f"{gid}-debrief.html"]
        out[0].write_bytes(save)
        out[1].write_bytes(_get(self, f"/api/rooms/{self.code}/debrief?lang={self.lang}"))
        return out

    # ---------------------------------------------------------------- the facilitator's controls
    def control(self, op: str, **fields) -> None:
        """Send a facilitator `control` frame (start, pause, resume, end_round, seat_ai, seat_team,
        time_limit, ai_level, inject); the server checks it and every viewer sees the result."""
        ws = self._sockets.get("facilitator")
        if ws is None:
            return
        with self._lock:
            version = self._feeds["facilitator"].version
        ws.send(json.dumps({"type": "control", "version": version, "op": op, **fields}))


def _get(room: "HostedRoom", path: str) -> bytes:
    import urllib.request
    at = "127.0.0.1" if room.host in ("0.0.0.0", "::") else room.host
    req = urllib.request.Request(f"http://{at}:{room.port}{path}",
                                 headers={"authorization": f"Bearer {room._token}"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def demo_room(room: HostedRoom, teams: dict[str, str]) -> None:
    """Join `teams` ({faction: team name}) as their browsers would (HTTP on loopback), then start."""
    import urllib.request
    at = "127.0.0.1" if room.host in ("0.0.0.0", "::") else room.host
    for faction, team in teams.items():
        req = urllib.request.Request(f"http://{at}:{room.port}/api/rooms/{room.code}/join", method="POST",
                                     data=json.dumps({"faction": faction, "team": team}).encode(),
                                     headers={"content-type": "application/json"})
        urllib.request.urlopen(req, timeout=10).read()
    room.control("start")
