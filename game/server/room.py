"""Rooms: one game each, one writer each (an asyncio lock), seats held by teams or the AI.

Every change goes the same way: checked by the engine, appended to the room's log in the store,
applied, then broadcast to every connection as a frame built for that connection's viewer.
Bots think off the event loop (a thread, or a process for `hard`), and their move is applied only
if the room is still at the version they thought about."""
from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.ai.bots import LEVELS
from game.engine import (
    Action, IllegalAction, action_from_id, current_decider, decision_kind, end_round, from_snapshot, inject,
    injectable, legal_actions, legal_ids, snapshot, why_not,
)
from game.rules.schema import Ruleset, text_of
from game.saves import GameSession, ruleset_json
from game.server import projection
from game.server.frames import ErrorFrame, LogItem, StateFrame, dump

if TYPE_CHECKING:
    from game.server.manager import Manager

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"   # no I or O: read off a projector
LOG_TAIL = 120                              # lines sent on a full resync
SNAPSHOT_EVERY = 50                         # actions between two snapshots (and one at each round's end)
CLOCK_GRACE = 10.0                          # seconds a decision clock keeps at least after a restart


def new_token() -> str:
    return secrets.token_urlsafe(18)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_code(taken) -> str:
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(5))
        if code not in taken:
            return code


@dataclass
class Seat:
    faction: str
    team: str = ""             # the team's name, "" while nobody holds the seat
    token_hash: str = ""       # sha256 of the team's token ("" none; revoked by a new one)
    controller: str = "ai"     # "team" or "ai": who answers this seat's decisions now

    def record(self) -> dict:
        return {"faction": self.faction, "team": self.team, "token_hash": self.token_hash,
                "controller": self.controller}


@dataclass(eq=False)
class Conn:
    """One WebSocket: who is at the other end and the frames waiting to go to it."""
    role: str                  # team | projector | facilitator
    faction: str = ""
    token_hash: str = ""
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=256))
    closed: bool = False

    @property
    def viewer(self) -> str:
        return projection.FACILITATOR if self.role == "facilitator" else self.faction

    def send(self, text: str, mark: list | None = None) -> None:
        """Queue a frame; `mark` ([arrival time, frames left]) times a broadcast to its last socket."""
        if self.closed:
            return
        if mark is not None:
            mark[1] += 1
        try:
            self.queue.put_nowait((text, mark) if mark is not None else text)
        except asyncio.QueueFull:  # a client that reads nothing is dropped, never waited for
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            try:
                self.queue.put_nowait(None)
            except asyncio.QueueFull:
                pass


class RoomError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Room:
    def __init__(self, code: str, ruleset: Ruleset, seed: int, game_id: str, created: str, settings: dict,
                 ruleset_path: str, manager: "Manager") -> None:
        self.code = code
        self.ruleset = ruleset
        self.seed = seed
        self.settings = {"level": "normal", "time_limit": 0, "lang": "en", **settings}
        self.ruleset_path = ruleset_path
        self.manager = manager
        self.session = GameSession.new(ruleset, seed=seed, seats={f.id: "human" for f in ruleset.factions},
                                       game_id=game_id, ruleset_path=ruleset_path)
        self.session.created = created
        self.seats = {f.id: Seat(f.id) for f in ruleset.factions}
        self.facilitator_hash = ""
        self.started = False
        self.paused = False
        self.log: list[dict] = []                      # every log item with its audience
        self.parties: dict[int, tuple[str, ...]] = {}  # open proposal -> its parties
        self.conns: set[Conn] = set()
        self.lock = asyncio.Lock()
        self.remaining: float | None = None            # decision clock: seconds left when stopped
        self.deadline: float | None = None             # monotonic time it runs out, while running
        self.clock_version = -1
        self.wall_deadline: float | None = None        # time.time() it runs out: what a restart resumes from
        self._timer: asyncio.TimerHandle | None = None
        self._absent_timer: asyncio.TimerHandle | None = None
        self._absent_version = -1                      # the version an away team's AI answers
        self.born = time.monotonic()                   # a seat never connected is away since then
        self.away_since: dict[str, float] = {}         # team seat -> when its last socket went
        self._thinking: int = -1                       # the version a bot is thinking about
        self.last_events: list[dict] = []              # the events of the last action applied
        self.ruleset_text: str | None = None           # the ruleset's JSON, made once, for bot workers
        self._views: tuple = (None, {})                # (state, {viewer: view, legal ids}) built for it
        self.texts = _texts(ruleset)

    # ------------------------------------------------------------------ reading
    @property
    def version(self) -> int:
        return self.session.steps

    @property
    def state(self):
        return self.session.state

    def seat_of(self, token: str) -> Seat | None:
        h = token_hash(token)
        for s in self.seats.values():
            if s.token_hash and secrets.compare_digest(s.token_hash, h):
                return s
        return None

    def is_facilitator(self, token: str) -> bool:
        return bool(self.facilitator_hash) and secrets.compare_digest(self.facilitator_hash, token_hash(token))

    def status(self) -> dict:
        s = self.state
        decider = current_decider(s)
        clock = None
        limit = self.settings["time_limit"]
        if limit and decider and self.seats[decider].controller == "team" and self.started and not s.over:
            if self.deadline is not None:
                left = self.deadline - time.monotonic()
            elif self.clock_version != self.version:
                left = float(limit)  # a new decision: its clock starts as this frame goes out
            elif self.remaining is not None:
                left = self.remaining
            elif self.wall_deadline is not None:
                left = min(float(limit), max(CLOCK_GRACE, self.wall_deadline - time.time()))
            else:
                left = float(limit)
            clock = {"limit": limit, "left": round(max(0.0, left), 1), "running": not self.paused}
        return {"code": self.code, "started": self.started, "paused": self.paused, "over": s.over,
                "decider": decider, "decision": decision_kind(s), "level": self.settings["level"],
                "time_limit": self.settings["time_limit"], "clock": clock,
                "seats": [{"faction": x.faction, "team": x.team, "controller": x.controller,
                           "connected": self.connected(x.faction)} for x in self.seats.values()],
                "projectors": sum(1 for c in self.conns if c.role == "projector" and not c.closed)}

    def _of_state(self, key: str, make):
        """`make()` once per state: every connection of a viewer, and every frame at one version,
        share the view built for it (views are of the state alone; the engine never changes a state)."""
        state, built = self._views
        if state is not self.state:
            built = {}
            self._views = (self.state, built)
        if key not in built:
            built[key] = make()
        return built[key]

    def frame_for(self, conn: Conn, new_items: list[dict] | None = None, status: dict | None = None) -> str:
        """The state frame for `conn`: its view, its legal ids and the log lines it may read."""
        viewer = conn.viewer
        s = self.state
        if conn.role == "team":
            f = conn.faction
            payload = self._of_state("view:" + f, lambda: projection.seat_payload(s, f))
            seat = self.seats[f]
            mine = self.started and not self.paused and seat.controller == "team"
            legal = self._of_state("legal:" + f, lambda: legal_ids(s, f)) if mine else []
        else:
            payload = self._of_state("public", lambda: projection.public_view(s))
            legal = []
        full = new_items is None
        items = self.log if full else new_items
        lines = [LogItem(**{k: v for k, v in it.items() if k != "aud"})
                 for it in items if projection.visible(it, viewer)]
        if full:
            lines = lines[-LOG_TAIL:]
        extra = self.facilitator_extra() if conn.role == "facilitator" else {}
        return dump(StateFrame(version=self.version, room=status or self.status(), view=payload, legal=legal,
                               log=lines, full=full, extra=extra))

    def facilitator_extra(self) -> dict:
        s = self.state
        return {"injectable": injectable(s), "can_end_round": why_not(s, end_round()) is None,
                "decider_view": None, "steps": self.version, "levels": list(LEVELS)}

    def broadcast(self, new_items: list[dict] | None = None, arrived: float | None = None) -> None:
        mark = [arrived, 0] if arrived is not None else None
        for c in [c for c in self.conns if c.closed]:
            self.conns.discard(c)
        status = self.status()  # one room status for every frame of this broadcast
        made: dict[tuple, str] = {}  # two devices of one team get the same frame, built once
        for c in list(self.conns):
            key = (c.role, c.faction)
            if key not in made:
                made[key] = self.frame_for(c, new_items, status)
            c.send(made[key], mark)

    def error(self, conn: Conn, code: str, message: str, resync: bool = True) -> None:
        """An error frame, then (for a refused action) the current view, so the client is never stale."""
        conn.send(dump(ErrorFrame(version=self.version, code=code, message=message)))
        if resync:
            conn.send(self.frame_for(conn, []))

    # ------------------------------------------------------------------ changing (under self.lock)
    def record(self, kind: str, data: dict) -> None:
        """Write a change to the store, then apply it to memory (also used to bring a room back)."""
        self.manager.store.append(self.code, kind, data)
        self.replay_one(kind, data)

    def replay_one(self, kind: str, data: dict) -> list[dict]:
        if kind == "action":
            before = self.state
            action = Action.from_dict(data["action"])
            events = self.session.apply(action, data.get("reason", ""))
            self.last_events = events
            items = projection.log_items(before, data["action"], events, self.version, data.get("reason", ""),
                                         data.get("ai", False), self.parties, data.get("timeout", False))
            self.log.extend(items)
            return items
        if kind == "seat":
            self.seats[data["faction"]] = Seat(**data)
        elif kind == "facilitator":
            self.facilitator_hash = data["token_hash"]
        elif kind == "status":
            self.started, self.paused = data["started"], data["paused"]
        elif kind == "settings":
            self.settings.update(data)
        elif kind == "clock":  # a team's decision clock started (its deadline) or stopped (time left)
            self.clock_version = data["version"]
            self.wall_deadline = data.get("deadline")
            self.remaining = data.get("left")
        return []

    # ------------------------------------------------------------------ snapshots
    def snapshot(self) -> dict:
        """Everything this room's log has built: the engine state (`game.engine.snapshot`), the log
        lines with their audiences, seats, tokens' hashes, status, settings and the clock, and a
        checksum over all of it and the actions it covers (`_check`)."""
        body = {"version": self.version, "state": snapshot(self.state), "log": self.log,
                "parties": {str(k): list(v) for k, v in self.parties.items()},
                "seats": {f: s.record() for f, s in self.seats.items()}, "facilitator": self.facilitator_hash,
                "started": self.started, "paused": self.paused, "settings": self.settings,
                "clock": {"version": self.clock_version, "left": self.remaining, "deadline": self.wall_deadline}}
        body["check"] = _check(body, self.session.actions)
        return body

    def write_snapshot(self) -> None:
        self.manager.store.snapshot(self.code, self.manager.store.last(self.code), self.snapshot())

    def load_snapshot(self, snap: dict, actions: list[dict]) -> None:
        """Take up a snapshot; `actions` are the log's action rows it covers (their data)."""
        if len(actions) != snap["version"]:
            raise ValueError(f"the snapshot is of version {snap['version']}, its log has {len(actions)} actions")
        if snap.get("check") != _check(snap, [a["action"] for a in actions]):
            raise ValueError("the snapshot does not match its checksum and the log it covers")
        state = _restore(snap, self.ruleset)
        self.session.state = state
        self.session.actions = [a["action"] for a in actions]
        self.session.reasons = [a.get("reason", "") for a in actions]
        self.session.events = []  # the server never reads them; an export replays its own
        self.log = list(snap["log"])
        self.parties = {int(k): tuple(v) for k, v in snap["parties"].items()}
        self.seats = {f: Seat(**r) for f, r in snap["seats"].items()}
        self.facilitator_hash = snap["facilitator"]
        self.started, self.paused = snap["started"], snap["paused"]
        self.settings = dict(snap["settings"])
        clock = snap["clock"]
        self.clock_version, self.remaining, self.wall_deadline = clock["version"], clock["left"], clock["deadline"]

    def commit(self, action: Action, reason: str = "", ai: bool = False, timeout: bool | str = False,
               arrived: float | None = None) -> None:
        problem = why_not(self.state, action)
        if problem is not None:
            raise RoomError("illegal", str(problem))
        data = {"action": action.to_dict(), "reason": reason, "ai": ai, "timeout": timeout}
        self.manager.store.append(self.code, "action", data)
        items = self.replay_one("action", data)
        self.remaining = None
        self.deadline = None
        self.wall_deadline = None
        self.broadcast(items, arrived)
        every = self.manager.snapshot_every
        if every and (self.version % every == 0
                      or any(e.get("type") in ("round_end", "game_over") for e in self.last_events)):
            self.write_snapshot()
        self.schedule()

    def set_seat(self, seat: Seat) -> None:
        self.record("seat", seat.record())

    def set_status(self, started: bool, paused: bool) -> None:
        self.record("status", {"started": started, "paused": paused})

    # ------------------------------------------------------------------ what happens next
    def schedule(self) -> None:
        """After any change: start a bot on an AI seat's decision, or the clock of a team's."""
        was_running = self.deadline is not None
        self._cancel_timer()
        s = self.state
        if not self.started or self.paused or s.over:
            return
        f = current_decider(s)
        if f is None:
            return
        if self.seats[f].controller == "ai":
            self.remaining = self.deadline = None
            if self._thinking != self.version:
                self._thinking = self.version
                self.manager.spawn(self.bot_move(self.version, f, timeout=False))
            return
        self._watch_absent(f)
        limit = self.settings["time_limit"]
        if not limit:
            self.remaining = self.deadline = None
            return
        if self.clock_version != self.version:
            self.clock_version = self.version
            self.remaining = float(limit)
            was_running = False
        if self.remaining is None and self.wall_deadline is not None:
            # brought back by a restart while it ran: the deadline it had (the time the server was
            # away counts), but never less than a moment for the team to reconnect
            self.remaining = min(float(limit), max(CLOCK_GRACE, self.wall_deadline - time.time()))
        left = self.remaining if self.remaining is not None else float(limit)
        self.deadline = time.monotonic() + left
        if not was_running:  # the clock (re)starts: its deadline goes to the log, so a restart resumes it
            self.record("clock", {"version": self.version, "deadline": round(time.time() + left, 3)})
        version = self.version
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(left, lambda: self.manager.spawn(self.bot_move(version, f, timeout=True)))

    def _watch_absent(self, f: str) -> None:
        """A team whose every socket has been gone for the server's absent limit: its AI answers
        (the seat stays the team's, and the team takes over again as soon as it is back)."""
        limit = self.manager.absent_seconds
        if not limit or self.connected(f) or self._absent_version == self.version:
            return
        wait = max(0.0, limit - (time.monotonic() - self.away_since.get(f, self.born)))
        version = self.version

        def fire() -> None:
            self._absent_version = version
            self.manager.spawn(self.bot_move(version, f, timeout="absent"))
        self._absent_timer = asyncio.get_running_loop().call_later(wait, fire)

    def connected(self, faction: str) -> bool:
        return any(c.faction == faction and c.role == "team" and not c.closed for c in self.conns)

    def connect(self, conn: Conn) -> None:
        """A socket said hello: everyone sees who is connected; a team that is back answers again."""
        self.conns.add(conn)
        if conn.role == "team":
            self.away_since.pop(conn.faction, None)
        self.broadcast()
        self.schedule()

    def disconnect(self, conn: Conn) -> None:
        self.conns.discard(conn)
        if conn.role == "team" and not self.connected(conn.faction):
            self.away_since[conn.faction] = time.monotonic()
        self.broadcast()
        self.schedule()

    def _cancel_timer(self) -> None:
        if self._absent_timer is not None:
            self._absent_timer.cancel()
            self._absent_timer = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.deadline is not None:
            self.remaining = max(0.0, self.deadline - time.monotonic())
            self.deadline = None

    async def bot_move(self, version: int, faction: str, timeout: bool | str) -> None:
        """The AI's move for `faction` at `version`: its seat's (timeout False), a team's whose clock
        ran out (True) or whose team has been away too long ("absent")."""
        state = self.state
        if version != self.version:
            return
        level = self.settings["level"]
        try:
            act, reason = await self.manager.think(self, state, faction, level)
        except Exception as e:  # a bot must never take the room down, nor leave it waiting for ever
            self.manager.note(f"room {self.code}: the {level} bot for {faction} failed ({type(e).__name__}: "
                              f"{str(e)[:200]}); its seat takes the first legal choice")
            act, reason = legal_actions(state, faction)[0], "(the AI failed: first legal choice)"
        async with self.lock:
            stale = self.version != version or self.paused or not self.started
            if timeout == "absent" and self.connected(faction):
                stale = True  # the team came back while its AI thought: the team answers
            if stale or (not timeout and self.seats[faction].controller != "ai"):
                if timeout == "absent" and self._absent_version == version:
                    self._absent_version = -1  # dropped (paused, or the team is back): watch again
                    self.schedule()
                if self._thinking == version:
                    self._thinking = -1   # the move is dropped; a later schedule() may think again
                    self.schedule()
                return
            try:
                self.commit(act, reason, ai=True, timeout=timeout)
            except RoomError:
                return

    # ------------------------------------------------------------------ requests
    def act(self, conn: Conn, version: int, ident: str) -> None:
        seat = self.seats.get(conn.faction)
        if conn.role != "team" or seat is None or seat.token_hash != conn.token_hash:
            raise RoomError("forbidden", "only a team's seat may act, with its current link")
        if not self.started:
            raise RoomError("not_started", "the facilitator has not started the game yet")
        if self.paused:
            raise RoomError("paused", "the game is paused")
        if seat.controller != "team":
            raise RoomError("ai_seat", "the AI plays this seat now")
        if version != self.version:
            raise RoomError("stale", f"your view is of version {version}; the game is at {self.version}")
        try:
            action = action_from_id(self.state, conn.faction, ident)
        except IllegalAction as e:
            raise RoomError("bad_action", str(e)) from None
        if action.kind not in ("play", "pass", "answer", "propose"):
            raise RoomError("bad_action", "that is not a seat's action")
        self.commit(action, arrived=time.perf_counter())

    def control(self, conn: Conn, frame) -> dict:
        """A facilitator's request; returns what the facilitator alone is told (a new link)."""
        if conn.role != "facilitator":
            raise RoomError("forbidden", "only the facilitator may do that")
        op = frame.op
        if op == "start":
            if self.started:
                raise RoomError("illegal", "the game has already started")
            self.set_status(True, False)
        elif op == "pause":
            if not self.started or self.paused:
                raise RoomError("illegal", "the game is not running")
            self._cancel_timer()
            if self.remaining is not None and self.clock_version == self.version:
                self.record("clock", {"version": self.version, "left": round(self.remaining, 3)})
            self.set_status(True, True)
        elif op == "resume":
            if not self.paused:
                raise RoomError("illegal", "the game is not paused")
            self.set_status(True, False)
        elif op in ("end_round", "inject"):
            act = end_round() if op == "end_round" else inject(frame.event)
            if frame.version != self.version:
                raise RoomError("stale", f"the game is at version {self.version}")
            self.commit(act)
            return {}
        elif op in ("seat_ai", "seat_team"):
            seat = self.seats.get(frame.faction)
            if seat is None:
                raise RoomError("illegal", "there is no such faction")
            if op == "seat_team" and not seat.team:
                raise RoomError("illegal", "no team holds this seat")
            self.set_seat(Seat(seat.faction, seat.team, seat.token_hash, "ai" if op == "seat_ai" else "team"))
        elif op == "reissue":
            seat = self.seats.get(frame.faction)
            if seat is None or not seat.team:
                raise RoomError("illegal", "no team holds this seat")
            token = new_token()
            self.set_seat(Seat(seat.faction, seat.team, token_hash(token), seat.controller))
            for c in list(self.conns):
                if c.role == "team" and c.faction == seat.faction:
                    c.close()  # the old link stops working now
            self.broadcast()
            self.schedule()
            return {"faction": seat.faction, "token": token}
        elif op == "time_limit":
            self.record("settings", {"time_limit": frame.seconds})
            self.clock_version = -1
        elif op == "ai_level":
            if not frame.level:
                raise RoomError("illegal", "choose a level")
            self.record("settings", {"level": frame.level})
        self.broadcast()
        self.schedule()
        return {}

    def join(self, faction: str, team: str) -> str:
        seat = self.seats.get(faction)
        if seat is None:
            raise RoomError("illegal", "there is no such faction")
        if seat.team:
            raise RoomError("taken", "a team already holds this seat")
        token = new_token()
        self.set_seat(Seat(faction, team, token_hash(token), "team"))
        self.away_since[faction] = time.monotonic()  # from now on it has the absent limit to connect
        self.broadcast()
        self.schedule()
        return token

    def ruleset_for(self, faction: str) -> dict:
        data = ruleset_json(self.ruleset)
        objs = data.get("scoring", {}).get("objectives", [])
        data["scoring"]["objectives"] = [o for o in objs if not o.get("secret") or o.get("faction") == faction]
        return data

    # ------------------------------------------------------------------ exporting
    def export_session(self) -> GameSession:
        """A normal save of this room's game: every action and reason, each seat as it is played now
        (`human` for a team's, with the team's name, else `ai:LEVEL` of the room's bots)."""
        ai = f"ai:{self.settings['level']}"  # the bot that plays the AI seats now, random included
        seats = {f: ("human" if s.controller == "team" else ai) for f, s in self.seats.items()}
        out = GameSession.new(self.ruleset, seed=self.seed, seats=seats, game_id=self.session.game_id,
                              ruleset_path=self.ruleset_path)
        out.created = self.session.created
        out.teams = {f: s.team for f, s in self.seats.items() if s.team and s.controller == "team"}
        out.lang = self.settings.get("lang", "") if self.settings.get("lang") in ("en", "ja") else ""
        for d, why in zip(self.session.actions, self.session.reasons):
            out.apply(Action.from_dict(d), why)
        return out


def _check(snap: dict, actions: list[dict]) -> str:
    """A digest of a snapshot (but its own "check") and the actions it covers: a snapshot that was
    damaged, or written for another log, does not match, and the log is replayed instead."""
    body = {k: v for k, v in snap.items() if k != "check"}
    data = json.dumps([body, actions], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _restore(snap: dict, ruleset: Ruleset):
    """The engine state a room's snapshot holds, rebuilt by the engine without replay."""
    return from_snapshot(ruleset, snap["state"])


def _texts(rs: Ruleset) -> dict:
    """The names and texts the pages show, in both languages: the ruleset's own."""
    def both(t) -> dict:
        return {"en": text_of(t, "en"), "ja": text_of(t, "ja")}
    cards = {}
    for c in rs.cards:
        entry = {"name": both(c.name), "text": both(c.text), "cost": c.cost, "tags": list(c.tags),
                 "target": c.target or ""}
        if c.response is not None:
            entry["options"] = {o.id: both(o.label) for o in c.response.options}
        cards[c.id] = entry
    options = {}
    for ev in rs.events:
        for ch in ev.choices:
            for o in ch.options:
                options[o.id] = both(o.label)
    for c in rs.cards:
        if c.response is not None:
            for o in c.response.options:
                options.setdefault(o.id, both(o.label))
    from game.engine import compile_ruleset
    g = compile_ruleset(rs)
    for _holder, opts in g.sources:
        for o in opts:
            options.setdefault(o.id, both(o.label))
    return {
        "name": both(rs.name),
        "factions": {f.id: {"name": both(f.name), "color": f.color} for f in rs.factions},
        "resources": {r.id: both(r.name) for r in rs.resources},
        "tracks": {t.id: both(t.name) for t in rs.tracks},
        "cards": cards,
        "events": {e.id: {"name": both(e.name), "text": both(e.text), "crisis": e.crisis} for e in rs.events},
        "options": options,
        "coalitions": {k.id: both(k.name) for k in rs.coalitions},
        "objectives": {o.id: {"name": both(o.name), "text": both(o.text), "faction": o.faction or ""}
                       for o in rs.scoring.objectives if not o.secret},
        "secret_objectives": {},
        "tradeable": list(rs.turn.proposals.tradeable),
        "promise_tags": list(rs.turn.proposals.promise_tags),
        "max_terms": rs.turn.proposals.max_terms,
        "max_amount": rs.turn.proposals.max_amount,
        "answers": {"yes": {"en": "Yes", "ja": "賛成"}, "no": {"en": "No", "ja": "反対"},
                    "accept": {"en": "Accept", "ja": "受諾"}, "reject": {"en": "Reject", "ja": "拒否"},
                    "counter": {"en": "Reject and counter", "ja": "拒否して対案"}},
    }


def secret_texts(rs: Ruleset, faction: str) -> dict:
    """The secret objectives of `faction` (only ever sent to that seat)."""
    return {o.id: {"name": {"en": text_of(o.name, "en"), "ja": text_of(o.name, "ja")},
                   "text": {"en": text_of(o.text, "en"), "ja": text_of(o.text, "ja")}}
            for o in rs.scoring.objectives if o.secret and o.faction == faction}
