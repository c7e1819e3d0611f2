"""`python -m bench.classroom`: 20 rooms x 7 clients on loopback playing short games.

Each room has six team sockets and a projector. Four seats are played by their sockets (a seeded
random choice from the legal ids the server sends); two are given to the server's AI, `hard` in
the first ROOMS_HARD rooms (thinking in a process pool), `normal` elsewhere. Reported: actions per
second (all rooms), the time from a team's action leaving its socket to the last of the room's 7
clients holding the new version (median, p99), and the server's memory per room."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")
FACTIONS = ["japan", "us", "china", "south_korea", "asean", "eu"]


def serve(port: int, hard_seconds: float) -> None:
    import uvicorn

    from game.server import WS_OPTIONS, calm_gc, create_server
    manager, app = create_server(process_bots=True, bot_options={"hard": {"seconds": hard_seconds}},
                                 default_ruleset=SHORT)
    calm_gc()
    print("ready", flush=True)
    if os.environ.get("BENCH_STALLS"):
        watch_stalls(app)  # a daemon thread; it writes its samples as it goes
    try:
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", **WS_OPTIONS)
    finally:
        manager.close()


def watch_stalls(app):
    """BENCH_STALLS=FILE: a thread that samples where the server's event loop is while it has not
    come round for 200 ms (what holds it: a slow callback, or the CPU it waits for)."""
    import collections
    import threading
    import traceback
    seen = {"t": time.monotonic(), "thread": None}
    stalls: collections.Counter = collections.Counter()

    async def beat():
        seen["thread"] = threading.get_ident()
        while True:
            seen["t"] = time.monotonic()
            await asyncio.sleep(0.02)

    def watch():
        last = time.monotonic()
        while True:
            time.sleep(0.05)
            if time.monotonic() - last > 5:  # the tally so far, where the bench's end cannot lose it
                last = time.monotonic()
                Path(os.environ["BENCH_STALLS"]).write_text(
                    "\n".join(f"{n:5d}  {w}" for w, n in stalls.most_common(8)), encoding="utf-8")
            if seen["thread"] and time.monotonic() - seen["t"] > 0.2:
                frame = sys._current_frames().get(seen["thread"])
                if frame is not None:
                    st = traceback.extract_stack(frame)[-6:]
                    stalls[" < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(st))] += 1
    real = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(a):
        task = asyncio.get_running_loop().create_task(beat())
        async with real(a) as state:
            yield state
        task.cancel()
    app.router.lifespan_context = lifespan
    threading.Thread(target=watch, daemon=True).start()
    return stalls


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (its own threads, not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            out += [int(x) for x in (task / "children").read_text().split()]
    return out


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def post(url: str, data: dict) -> dict:
    req = urllib.request.Request(url, json.dumps(data).encode(), {"content-type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=30).read())


async def room_game(base: str, ws_url: str, i: int, hard: bool, lat: list, counts: dict, deadline: float,
                    phase: dict) -> None:
    import websockets
    room = post(f"{base}/api/rooms", {"seed": 1000 + i, "level": "hard" if hard else "normal"})
    code = room["code"]
    tokens = {f: post(f"{base}/api/rooms/{code}/join", {"faction": f, "team": f})["token"] for f in FACTIONS}
    phase["ready"] += 1
    if phase["ready"] == phase["rooms"]:  # every room is made: from now on the games alone
        phase["since"] = time.time()
    arrivals: dict[int, list[float]] = {}
    sent: dict[int, float] = {}
    done = asyncio.Event()

    async def client(role: str, faction: str = "", token: str = "", plays: bool = False):
        rng = random.Random(i * 31 + len(faction))
        async with websockets.connect(ws_url, max_size=2**22) as ws:
            await ws.send(json.dumps({"type": "hello", "room": code, "role": role, "token": token}))
            async for text in ws:
                f = json.loads(text)
                if f["type"] != "state":
                    continue
                arrivals.setdefault(f["version"], []).append(time.perf_counter())
                if f["view"]["over"] or time.monotonic() > deadline:
                    done.set()
                    return
                if plays and f["legal"]:
                    sent[f["version"] + 1] = time.perf_counter()
                    await ws.send(json.dumps({"type": "act", "version": f["version"], "action": rng.choice(f["legal"])}))

    async def facilitator():
        async with websockets.connect(ws_url) as ws:
            await ws.send(json.dumps({"type": "hello", "room": code, "role": "facilitator",
                                      "token": room["facilitator_token"]}))
            await ws.recv()
            for f in FACTIONS[4:]:  # two seats to the server's AI
                await ws.send(json.dumps({"type": "control", "version": 0, "op": "seat_ai", "faction": f}))
            await asyncio.sleep(0.5)
            await ws.send(json.dumps({"type": "control", "version": 0, "op": "start"}))
            await done.wait()

    tasks = [asyncio.create_task(client("team", f, tokens[f], plays=f in FACTIONS[:4])) for f in FACTIONS]
    tasks.append(asyncio.create_task(client("projector")))
    tasks.append(asyncio.create_task(facilitator()))
    await asyncio.wait(tasks, timeout=max(1, deadline - time.monotonic()) + 5)
    for t in tasks:
        t.cancel()
    for v, t0 in sent.items():
        got = arrivals.get(v, [])
        if len(got) >= 7:  # 6 teams and the projector (the facilitator is not counted)
            lat.append(sorted(got)[6] - t0 if len(got) == 7 else max(got) - t0)
    counts[code] = max(arrivals) if arrivals else 0


async def watch_lag(lags: list, phase: dict, every: float = 0.05) -> None:
    while True:
        t = time.perf_counter()
        await asyncio.sleep(every)
        if phase["since"] is not None:
            lags.append(max(0.0, time.perf_counter() - t - every))


def pct(values: list, q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * q))] * 1000 if v else float("nan")


async def main_async(args) -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "bench.classroom", "--serve", str(port),
                             "--hard-seconds", str(args.hard_seconds)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        base, ws_url = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}/ws"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                await asyncio.sleep(0.1)
        mem0 = rss_kb(proc.pid)
        cpu0 = cpu_seconds(proc.pid)
        load0 = __import__("os").getloadavg()[0]
        lat: list[float] = []
        counts: dict = {}
        lags: list[float] = []
        t0 = time.perf_counter()
        deadline = time.monotonic() + args.seconds
        phase = {"ready": 0, "rooms": args.rooms, "since": None}  # the lag of the games, not of making rooms
        watch = asyncio.create_task(watch_lag(lags, phase))
        await asyncio.gather(*(room_game(base, ws_url, i, i < args.hard_rooms, lat, counts, deadline, phase)
                               for i in range(args.rooms)))
        started = phase["since"] or 0.0
        watch.cancel()
        dt = time.perf_counter() - t0
        mem1 = rss_kb(proc.pid)
        cpu1 = cpu_seconds(proc.pid)
        workers = sum(cpu_seconds(c) for c in children(proc.pid) if Path(f"/proc/{c}").exists())
        server = json.loads(urllib.request.urlopen(f"{base}/api/stats?since={started}", timeout=30).read())
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    actions = sum(counts.values())
    lat.sort()
    med = statistics.median(lat) * 1000 if lat else float("nan")
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end "
          f"({load0:.1f} at the start)")
    print(f"rooms {args.rooms} x 7 clients, {args.hard_rooms} rooms with 2 hard seats "
          f"({args.hard_seconds}s a decision), 2 normal AI seats elsewhere")
    print(f"actions applied        {actions} in {dt:.1f} s = {actions / dt:.1f} actions/s")
    print(f"team action -> 7th client's frame: median {med:.1f} ms, p99 {p99:.1f} ms over {len(lat)} actions "
          f"(target p99 < 50 ms)")
    print(f"inside the server, a team action's arrival -> its frame written to the last socket: "
          f"median {server['broadcast_ms_median']} ms, p99 {server['broadcast_ms_p99']} ms over "
          f"{server['team_actions_timed']} actions")
    print(f"server event loop lag  p99 {server['loop_lag_ms_p99']} ms, max {server['loop_lag_ms_max']} ms; "
          f"this client process's loop lag p99 {pct(lags, 0.99):.1f} ms, max {max(lags, default=0) * 1000:.1f} ms")
    print(f"CPU                    server process {cpu1 - cpu0:.1f} s ({(cpu1 - cpu0) / dt * 100:.0f}% of a core), "
          f"its bot workers {workers:.1f} s, in {dt:.1f} s of games")
    print(f"server memory          {mem0 / 1024:.0f} MiB before, {mem1 / 1024:.0f} MiB after: "
          f"{(mem1 - mem0) / 1024 / args.rooms:.2f} MiB per room")
    return 0


def restart_bench(games: int, level: str) -> int:
    """How long a restart takes to bring back rooms with long logs: from their snapshots (the
    default) and from their whole logs (what the server did before it wrote snapshots)."""
    import tempfile

    from game.ai.bots import make_bot
    from game.engine import current_decider
    from game.server.manager import Manager
    from game.server.store import SqliteStore
    full = str(ROOT / "rulesets" / "brief-2025.yaml")
    with tempfile.TemporaryDirectory() as d:
        m = Manager(SqliteStore(d))
        t0 = time.perf_counter()
        for i in range(games):
            room, _tok = m.create_room(full, seed=100 + i, level=level)
            bots = {f: make_bot(level, f, seed=i) for f in FACTIONS}
            while not room.state.over:
                f = current_decider(room.state)
                act, why = bots[f].choose(room.state, f)
                room.commit(act, why, ai=True)
        rows = sum(r.version for r in m.rooms.values())
        print(f"{games} full games by {level} bots: {rows} actions logged in {time.perf_counter() - t0:.1f} s")
        m.store.close()
        for label, snaps in (("from snapshots", True), ("whole logs", False)) * 2:
            m2 = Manager(SqliteStore(d))
            t = time.perf_counter()
            m2.restore(snapshots=snaps)
            dt = time.perf_counter() - t
            m2.store.close()
            print(f"restart, {label:15s} {dt * 1000:8.1f} ms for {games} rooms ({dt * 1000 / games:.1f} ms a room)")
    return 0


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m bench.classroom", description=__doc__.splitlines()[0])
    p.add_argument("--restart", type=int, default=0, metavar="GAMES",
                   help="measure instead how long a restart takes to bring back GAMES full games")
    p.add_argument("--restart-level", default="easy", help=argparse.SUPPRESS)
    p.add_argument("--rooms", type=int, default=20)
    p.add_argument("--hard-rooms", type=int, default=5)
    p.add_argument("--hard-seconds", type=float, default=0.3)
    p.add_argument("--seconds", type=float, default=240, help="stop the games after this long")
    p.add_argument("--serve", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.restart:
        return restart_bench(args.restart, args.restart_level)
    if args.serve:
        serve(args.serve, args.hard_seconds)
        return 0
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
