"""Snapshots of the rooms' store: a room brought back from its latest snapshot and the log after it
is the room a replay of its whole log brings back (same version, legal ids, every seat's view and
frame, log lines), and goes on the same; a snapshot that does not fit is passed over for the log."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from game.ai.bots import make_bot
from game.engine import current_decider, legal_ids, view
from game.server.manager import Manager
from game.server.projection import public_view
from game.server.room import Conn, Room
from game.server.store import SqliteStore

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")


def play(room, bots, steps: int) -> None:
    for _ in range(steps):
        if room.state.over:
            return
        f = current_decider(room.state)
        act, why = bots[f].choose(room.state, f)
        room.commit(act, why, ai=True)


def bots_for(room, seed: int) -> dict:
    return {f: make_bot("normal" if i % 2 else "easy", f, seed=seed + i) for i, f in enumerate(room.seats)}


def picture(room) -> dict:
    """Everything a client or the next action can see of a room."""
    s = room.state
    frames = {}
    for f in room.seats:
        frames[f] = json.loads(room.frame_for(Conn(role="team", faction=f)))
    frames["projector"] = json.loads(room.frame_for(Conn(role="projector")))
    frames["facilitator"] = json.loads(room.frame_for(Conn(role="facilitator")))
    return {"version": room.version, "legal": {f: legal_ids(s, f) for f in room.seats},
            "views": {f: json.dumps(view(s, f), sort_keys=True) for f in room.seats},
            "public": json.dumps(public_view(s), sort_keys=True), "frames": frames, "log": room.log,
            "parties": room.parties, "seats": {f: x.record() for f, x in room.seats.items()},
            "status": room.status(), "actions": room.session.actions, "reasons": room.session.reasons,
            "settings": room.settings, "facilitator": room.facilitator_hash}


def build(folder, every: int = 7) -> list[str]:
    m = Manager(SqliteStore(folder), snapshot_every=every)
    codes = []
    for seed in (3, 4):
        room, _tok = m.create_room(SHORT, seed=seed, level="easy")
        room.join("japan", "Team J")
        bots = bots_for(room, seed)
        play(room, bots, 23)
        room.record("settings", {"time_limit": 30})  # room rows between snapshots, too
        room.set_seat(room.seats["japan"].__class__("japan", "Team J", room.seats["japan"].token_hash, "ai"))
        play(room, bots, 10)
        codes.append(room.code)
    m.store.close()
    return codes


def test_a_room_from_its_snapshot_is_the_room_its_whole_log_replays(tmp_path, monkeypatch):
    codes = build(tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # the two go on playing, each in its own file
    db = sqlite3.connect(tmp_path / "a" / "rooms.sqlite3")
    snaps = dict(db.execute("SELECT code, n FROM snapshots"))
    rows = dict(db.execute("SELECT code, MAX(n) FROM log GROUP BY code"))
    db.close()
    assert set(snaps) == set(codes) and all(0 < snaps[c] < rows[c] for c in codes), (snaps, rows)

    replayed = Manager(SqliteStore(tmp_path / "b"))
    replayed.restore(snapshots=False)
    calls = []
    real = Room.replay_one
    monkeypatch.setattr(Room, "replay_one", lambda self, k, d: calls.append(k) or real(self, k, d))
    snapped = Manager(SqliteStore(tmp_path / "a"))
    snapped.restore()
    monkeypatch.setattr(Room, "replay_one", real)
    # only the rows after each snapshot were replayed: the snapshot was taken up
    assert len(calls) == sum(rows[c] - snaps[c] for c in codes)
    assert not snapped.notes
    for code in codes:
        a, b = replayed.rooms[code], snapped.rooms[code]
        assert a.version > 30
        assert picture(a) == picture(b)
        # and they go on alike: the same moves give the same lines (proposals' parties included)
        play(a, bots_for(a, 9), 40)
        play(b, bots_for(b, 9), 40)
        assert picture(a) == picture(b)
    replayed.store.close()
    snapped.store.close()


def test_a_snapshot_that_does_not_fit_its_log_is_passed_over_for_the_log(tmp_path):
    codes = build(tmp_path)
    db = sqlite3.connect(tmp_path / "rooms.sqlite3")
    n, text = db.execute("SELECT n, data FROM snapshots WHERE code = ?", (codes[0],)).fetchone()
    snap = json.loads(text)
    snap["state"]["tracks"] = {k: v + 1 for k, v in snap["state"]["tracks"].items()}
    snap["log"] = []
    db.execute("UPDATE snapshots SET data = ? WHERE code = ?", (json.dumps(snap), codes[0]))
    db.commit()
    db.close()
    good = Manager(SqliteStore(tmp_path))
    good.restore(snapshots=False)
    m = Manager(SqliteStore(tmp_path))
    m.restore()
    assert len(m.notes) == 1 and codes[0] in m.notes[0] and "whole log" in m.notes[0]
    for code in codes:
        assert picture(m.rooms[code]) == picture(good.rooms[code])
    m.store.close()
    good.store.close()


@pytest.mark.parametrize("every", [0, 5])
def test_snapshots_come_every_so_many_actions_and_at_round_ends(tmp_path, every):
    m = Manager(SqliteStore(tmp_path), snapshot_every=every)
    room, _tok = m.create_room(SHORT, seed=8, level="easy")
    bots = bots_for(room, 8)
    written = []
    real = m.store.snapshot
    m.store.snapshot = lambda code, n, data: written.append((data["version"], data["state"]["round"])) or real(code, n, data)
    play(room, bots, 200)
    assert room.state.over
    if not every:
        assert written == []
        return
    ends = {step for step, e in room.session.events if e["type"] in ("round_end", "game_over")}
    assert len(ends) >= 2
    expected = {v for v in range(1, room.version + 1) if v % every == 0 or v in ends}
    assert [v for v, _r in written] == sorted(expected)
    m.store.close()
