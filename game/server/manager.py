"""The rooms of one server process: creating them, bringing them back from the store, and the
executors the bots think in."""
from __future__ import annotations

import asyncio
import datetime as _dt
import json
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from game.ai.bots import make_bot
from game.rules.loader import load_ruleset
from game.rules.schema import Ruleset
from game.saves import ruleset_json
from game.saves.session import new_game_id
from game.server.room import SNAPSHOT_EVERY, Room, new_code, new_token, token_hash
from game.server.store import MemoryStore


ABSENT_SECONDS = 120.0   # the default: a dropped team has two minutes to come back before its AI answers


def _bot_options(level: str, options: dict) -> dict:
    return dict(options.get(level, {}))


def choose(state, faction: str, level: str, seed: int, lang: str, options: dict):
    bot = make_bot(level, faction, seed=seed, lang=lang, **_bot_options(level, options))
    return bot.choose(state, faction)


_cache: dict = {}
_rulesets: dict = {}


def _worker_start() -> None:
    """A bot worker yields the CPU to the server process (a thinking bot never slows a broadcast)
    and ends when the server is gone, however it went (kill -9 included)."""
    import os
    import threading
    try:
        os.nice(10)
    except OSError:
        pass
    parent = os.getppid()

    def watch() -> None:
        import time
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def choose_remote(code: str, ruleset_data: str, seed: int, actions: list[dict], faction: str, level: str,
                  bot_seed: int, lang: str, options: dict):
    """In a worker process: rebuild the room's state from its log (kept between calls), then choose."""
    from game.engine import Action, apply, new_game
    key = (code, hash(ruleset_data), seed)
    hit = _cache.pop(key, None)
    if hit is None or hit[1] > len(actions) or hit[2] != actions[:hit[1]][-1:]:
        rs = _rulesets.get(ruleset_data) or _rulesets.setdefault(ruleset_data, Ruleset.model_validate(json.loads(ruleset_data)))
        state, _ = new_game(rs, seed)
        hit = [state, 0, []]
    state, done, _last = hit
    for d in actions[done:]:
        state, _ = apply(state, Action.from_dict(d))
    _cache[key] = [state, len(actions), actions[-1:]]
    while len(_cache) > 64:  # the rooms seen lately
        _cache.pop(next(iter(_cache)))
    act, reason = choose(state, faction, level, bot_seed, lang, options)
    return act.to_dict(), reason


class Manager:
    def __init__(self, store=None, *, bot_options: dict | None = None, process_bots: bool = False,
                 base_url: str = "", snapshot_every: int = SNAPSHOT_EVERY,
                 absent_seconds: float = ABSENT_SECONDS) -> None:
        self.store = store or MemoryStore()
        self.absent_seconds = absent_seconds   # a team away this long has its decisions answered by its AI (0: never)
        self.snapshot_every = snapshot_every   # 0: no snapshots (a restart replays whole logs)
        self.rooms: dict[str, Room] = {}
        self.bot_options = bot_options if bot_options is not None else {"hard": {"seconds": 1.0}}
        self.threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bot")
        # with process_bots, every bot above random thinks in a worker process at a lower priority
        # (a thread would hold the GIL the event loop needs); tests use the threads
        # spawned, not forked: a worker holds no copy of the server's sockets
        import multiprocessing
        self.processes = (ProcessPoolExecutor(max_workers=2, initializer=_worker_start,
                                              mp_context=multiprocessing.get_context("spawn"))
                          if process_bots else None)
        self.tasks: set[asyncio.Task] = set()
        self.notes: list[str] = []
        self.latencies: list[float] = []
        self.lags: list[tuple[float, float]] = []  # (time.time(), the event loop's lateness), every 50 ms
        self.base_url = base_url

    # ------------------------------------------------------------------ rooms
    def create_room(self, ruleset_path: str, seed: int | None = None, level: str = "normal",
                    time_limit: int = 0, ruleset: Ruleset | None = None) -> tuple[Room, str]:
        """A new room (persisted) and its facilitator's token."""
        import secrets
        rs = ruleset or load_ruleset(ruleset_path)
        seed = secrets.randbelow(2**31) if seed is None else seed
        code = new_code(self.rooms)
        created = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        gid = f"room-{code}-" + new_game_id(seed)
        settings = {"level": level, "time_limit": time_limit}
        self.store.create_room(code, {"created": created, "ruleset": json.dumps(ruleset_json(rs)),
                                      "ruleset_path": str(ruleset_path), "seed": seed, "game_id": gid,
                                      "settings": settings})
        room = Room(code, rs, seed, gid, created, settings, str(ruleset_path), self)
        self.rooms[code] = room
        token = new_token()
        room.record("facilitator", {"token_hash": token_hash(token)})
        return room, token

    def restore(self, snapshots: bool = True) -> int:
        """Bring back every room of the store at its last version; returns how many. A room with a
        snapshot starts from it and replays only the log after it (all of it with `snapshots` off,
        or when the snapshot cannot be taken up)."""
        rulesets: dict[str, Ruleset] = {}  # rooms of one ruleset share it (and its compiled form)
        for st in self.store.load():
            rs = rulesets.get(st.row["ruleset"])
            if rs is None:
                rs = rulesets[st.row["ruleset"]] = Ruleset.model_validate(json.loads(st.row["ruleset"]))

            def fresh() -> Room:
                return Room(st.code, rs, st.row["seed"], st.row["game_id"], st.row["created"], st.row["settings"],
                            st.row["ruleset_path"], self)
            room, done = fresh(), 0
            if snapshots and st.snapshot is not None:
                n, snap = st.snapshot
                try:
                    room.load_snapshot(snap, [d for i, k, d in st.log if i <= n and k == "action"])
                    done = n
                except Exception as e:  # a snapshot this version cannot use: the log is the truth
                    self.note(f"room {st.code}: its snapshot was not used ({type(e).__name__}: {str(e)[:200]}); "
                              "replaying its whole log")
                    room = fresh()
            for i, kind, data in st.log:
                if i > done:
                    room.replay_one(kind, data)
            self.rooms[st.code] = room
        return len(self.rooms)

    def new_facilitator_link(self, room: Room) -> str:
        """A fresh facilitator token for a room brought back (the old link is revoked)."""
        token = new_token()
        room.record("facilitator", {"token_hash": token_hash(token)})
        return token

    def resume_all(self) -> None:
        """Once the event loop runs: let bots and clocks of restored rooms go on."""
        for room in self.rooms.values():
            room.schedule()

    # ------------------------------------------------------------------ bots
    def spawn(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def think(self, room: Room, state, faction: str, level: str):
        loop = asyncio.get_running_loop()
        seed = room.seed * 7919 + room.version
        lang = room.settings.get("lang", "en")
        if level != "random" and self.processes is not None:
            from game.engine import Action
            data = room.ruleset_text
            if data is None:  # once per room (it took the event loop ~40 ms a bot decision when made every time)
                data = room.ruleset_text = json.dumps(ruleset_json(room.ruleset))
            d, reason = await loop.run_in_executor(
                self.processes, choose_remote, room.code, data, room.seed, list(room.session.actions), faction,
                level, seed, lang, self.bot_options)
            return Action.from_dict(d), reason
        return await loop.run_in_executor(self.threads, choose, state, faction, level, seed, lang,
                                          self.bot_options)

    def record_latency(self, seconds: float) -> None:
        """A team action's time from its frame's arrival to its last socket (kept: the last 100,000)."""
        self.latencies.append(seconds)
        if len(self.latencies) > 100_000:
            del self.latencies[:50_000]

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(text, file=sys.stderr)

    def close(self) -> None:
        for t in list(self.tasks):
            t.cancel()
        self.threads.shutdown(wait=False, cancel_futures=True)
        if self.processes is not None:
            self.processes.shutdown(wait=True, cancel_futures=True)
        self.store.close()
