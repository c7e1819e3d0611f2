"""The classroom server's protocol, through FastAPI's TestClient: a whole short game played by six
WebSocket clients, every frame each receives checked for other factions' secrets; refused actions;
the facilitator's controls; a fuzz of malformed, oversized and out-of-turn frames."""
from __future__ import annotations

import json
import random
import threading
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from game.engine import Action, apply, new_game  # noqa: E402
from game.saves import GameSession, replay  # noqa: E402
from game.saves.snapshot import state_to_dict  # noqa: E402
from game.server import create_server  # noqa: E402
from wsframes import hello  # noqa: E402
from leakcheck import leaks, public_cards  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")
FACTIONS = ["japan", "us", "china", "south_korea", "asean", "eu"]


def make_room(client, seed=11, **kw):
    r = client.post("/api/rooms", json={"ruleset": SHORT, "seed": seed, **kw})
    assert r.status_code == 200, r.text
    return r.json()["code"], r.json()["facilitator_token"]


def join(client, code, faction, team=None):
    r = client.post(f"/api/rooms/{code}/join", json={"faction": faction, "team": team or faction.upper()})
    assert r.status_code == 200, r.text
    return r.json()["token"]


class States:
    """The room's state at every version, from a replay of its log: what each frame was built from."""

    def __init__(self, room):
        self.room = room

    def build(self):
        s = self.room.session
        state, events = replay(s.ruleset, s.seed, s.seats, s.actions)
        states = [new_game(s.ruleset, s.seed, s.seats)[0]]
        for d in s.actions:
            states.append(apply(states[-1], Action.from_dict(d))[0])
        shown = []
        for v in range(len(states)):
            shown.append({e["card"] for st, e in events if st <= v and e.get("type") in ("play", "discard")})
        return states, shown


def check_frames(frames, faction, states, shown):
    for f in frames:
        data = f
        if f["type"] == "welcome":  # the ruleset's public catalogue is the same for every seat
            data = {k: v for k, v in f.items() if k != "texts"}
            data["secret"] = f["texts"]["secret_objectives"]
        if f["type"] == "state" and f.get("view", {}).get("over"):
            data = json.loads(json.dumps(f))
            data["view"].pop("scores", None)
        v = f["version"]
        found = leaks(states[v], faction, data, shown[v])
        assert not found, f"{faction or 'projector'} received {found} at version {v}: {json.dumps(f)[:300]}"


def test_six_teams_play_a_short_game_and_no_frame_shows_another_factions_secrets(tmp_path):
    manager, app = create_server()
    with TestClient(app) as client:
        code, ftok = make_room(client)
        tokens = {f: join(client, code, f) for f in FACTIONS}
        received = {f: [] for f in [*FACTIONS, ""]}
        errors = []

        def team(faction, seed):
            rng = random.Random(seed)
            with client.websocket_connect("/ws") as ws:
                received[faction].append(hello(ws, code, "team", tokens[faction]))
                while True:
                    f = ws.receive_json()
                    received[faction].append(f)
                    if f["type"] == "error":
                        errors.append((faction, f["code"]))
                        continue
                    if f["type"] != "state":
                        continue
                    if f["view"]["over"]:
                        return
                    if f["legal"]:
                        legal = f["legal"]
                        ident = rng.choice(legal)
                        ws.send_text(json.dumps({"type": "act", "version": f["version"], "action": ident}))

        with client.websocket_connect("/ws") as proj, client.websocket_connect("/ws") as fac:
            received[""].append(hello(proj, code, "projector"))
            hello(fac, code, "facilitator", ftok)
            threads = [threading.Thread(target=team, args=(f, i), daemon=True) for i, f in enumerate(FACTIONS)]
            for t in threads:
                t.start()
            room = manager.rooms[code]
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "start"}))
            for t in threads:
                t.join(120)
                assert not t.is_alive(), "a team client did not see the end of the game"
            while True:
                f = proj.receive_json()
                received[""].append(f)
                if f["type"] == "state" and f["view"]["over"]:
                    break
        assert room.state.over and room.version > 20
        assert {c for c, _ in errors} <= set(FACTIONS)
        assert all(code in ("stale",) for _f, code in errors), errors
        states, shown = States(room).build()
        for faction, frames in received.items():
            check_frames(frames, faction, states, shown)
            versions = [f["version"] for f in frames if f["type"] == "state"]
            assert versions == sorted(versions), "versions never go back"
        # a proposal is seen by its parties only (the projector sees none)
        from game.engine.describe import Names
        n = Names(room.state.game, "en")
        proposals_seen = 0
        for faction, frames in received.items():
            for f in frames:
                for it in f.get("log", []):
                    if " proposes to " in it["en"]:
                        proposals_seen += 1
                        assert faction and n.faction(faction) in it["en"], (faction, it["en"])
        assert proposals_seen > 0
        # every seat saw its own hand; the projector never saw one
        assert all(any(f.get("view", {}).get("hand") for f in received[x]) for x in FACTIONS)
        assert not any("hand" in f.get("view", {}) for f in received[""])
        # the export is a normal save that replays
        r = client.get(f"/api/rooms/{code}/save", headers={"authorization": f"Bearer {ftok}"})
        assert r.status_code == 200
        session = GameSession.from_data(r.json())
        assert session.verify() is None and session.steps == room.version and session.over
        from game.cli.main import main
        (tmp_path / "room.json").write_text(r.text, encoding="utf-8")
        assert main(["replay", "--verify", str(tmp_path / "room.json")]) == 0
        assert main(["report", str(tmp_path / "room.json"), "--out", str(tmp_path / "d"), "--format", "md"]) == 0
        page = client.get(f"/api/rooms/{code}/debrief", headers={"authorization": f"Bearer {ftok}"})
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert client.get(f"/api/rooms/{code}/save").status_code == 403
        assert client.get(f"/api/rooms/{code}/save",
                          headers={"authorization": f"Bearer {tokens['japan']}"}).status_code == 403


def test_the_leak_check_catches_a_frame_that_shows_a_hand():
    """check_frames is not blind: a frame carrying another seat's hand or secret objective fails it."""
    rs_state, _ = new_game(__import__("game.rules.loader", fromlist=["x"]).load_ruleset(SHORT), 1)
    g = rs_state.game
    other = g.cards[rs_state.hands[g.fidx["china"]][0]]
    bad = {"type": "state", "version": 0, "view": {"debug": other.id}}
    with pytest.raises(AssertionError, match="china's card"):
        check_frames([bad], "japan", [rs_state], [set()])
    bad = {"type": "state", "version": 0, "log": [{"en": "plans: " + other.name["en"]}]}
    with pytest.raises(AssertionError, match="by name"):
        check_frames([bad], "japan", [rs_state], [set()])
    secret = next(o for o in g.ruleset.scoring.objectives if o.secret and o.faction == "china")
    with pytest.raises(AssertionError, match="secret objective"):
        check_frames([{"type": "state", "version": 0, "x": secret.id}], "", [rs_state], [set()])


def _state_frame(ws):
    while True:
        f = ws.receive_json()
        if f["type"] == "state":
            return f


def test_refused_actions_get_an_error_and_a_fresh_view_and_change_nothing():
    manager, app = create_server()
    with TestClient(app) as client:
        code, ftok = make_room(client, seed=3)
        tj = join(client, code, "japan")
        join(client, code, "china")
        room = manager.rooms[code]
        with client.websocket_connect("/ws") as a, client.websocket_connect("/ws") as fac:
            hello(a, code, "team", tj)
            f = _state_frame(a)
            assert f["legal"] == [] and f["room"]["started"] is False
            a.send_text(json.dumps({"type": "act", "version": 0, "action": "pass"}))
            assert a.receive_json()["code"] == "not_started"
            hello(fac, code, "facilitator", ftok)
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "start"}))
            # play until japan decides (AI seats move, china is a team: the facilitator gives it to the AI)
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "seat_ai", "faction": "china"}))
            while True:
                f = _state_frame(a)
                if f["legal"]:
                    break
            v = f["version"]
            before = state_to_dict(room.state)
            for frame, code_ in [({"type": "act", "version": v - 1, "action": f["legal"][0]}, "stale"),
                                 ({"type": "act", "version": v, "action": "play:nonexistent"}, "illegal"),
                                 ({"type": "act", "version": v, "action": "inject:incident_at_sea"}, "bad_action"),
                                 ({"type": "control", "version": v, "op": "pause"}, "forbidden")]:
                a.send_text(json.dumps(frame))
                err = a.receive_json()
                assert err["type"] == "error" and err["code"] == code_, err
                fresh = a.receive_json()
                assert fresh["type"] == "state" and fresh["version"] == v and fresh["legal"] == f["legal"]
            assert state_to_dict(room.state) == before and room.version == v
            # pause stops everything: the team may not act, the AI does not move
            fac.send_text(json.dumps({"type": "control", "version": v, "op": "pause"}))
            while not _state_frame(a)["room"]["paused"]:
                pass
            a.send_text(json.dumps({"type": "act", "version": v, "action": f["legal"][0]}))
            assert a.receive_json()["code"] == "paused"
            fac.send_text(json.dumps({"type": "control", "version": v, "op": "resume"}))
            while _state_frame(a)["room"]["paused"]:
                pass
            a.send_text(json.dumps({"type": "act", "version": v, "action": f["legal"][0]}))
            assert _state_frame(a)["version"] == v + 1


def test_facilitator_controls_reissue_seat_to_ai_inject_and_the_clock():
    manager, app = create_server()
    with TestClient(app) as client:
        code, ftok = make_room(client, seed=5)
        tj = join(client, code, "japan")
        assert client.post(f"/api/rooms/{code}/join", json={"faction": "japan", "team": "x"}).status_code == 409
        room = manager.rooms[code]
        with client.websocket_connect("/ws") as fac, client.websocket_connect("/ws") as a:
            hello(fac, code, "facilitator", ftok)
            hello(a, code, "team", tj)
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "reissue", "faction": "japan"}))
            link = None
            while link is None:
                f = fac.receive_json()
                if f["type"] == "link":
                    link = f
            assert link["faction"] == "japan" and link["token"] != tj
            with client.websocket_connect("/ws") as old:  # the old link is revoked
                old.send_text(json.dumps({"type": "hello", "room": code, "role": "team", "token": tj}))
                assert old.receive_json()["code"] == "bad_token"
            with client.websocket_connect("/ws") as new:
                assert hello(new, code, "team", link["token"])["faction"] == "japan"
            with client.websocket_connect("/ws") as bad:
                bad.send_text(json.dumps({"type": "hello", "room": code, "role": "facilitator", "token": tj}))
                assert bad.receive_json()["code"] == "bad_token"
            # a crisis injected through the engine, logged for all
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "inject", "event": "incident_at_sea"}))
            f = _state_frame(fac)
            while f["version"] < 1:
                f = _state_frame(fac)
            assert room.session.actions[0] == {"kind": "inject", "faction": "", "option": "incident_at_sea"}
            assert any("injects a crisis" in it["en"] for it in f["log"])
            # a one-second clock on japan's decisions: when it runs out the AI answers and says so
            fac.send_text(json.dumps({"type": "control", "version": 1, "op": "time_limit", "seconds": 1}))
            fac.send_text(json.dumps({"type": "control", "version": 1, "op": "start"}))
            seen_timeout = False
            for _ in range(400):
                f = _state_frame(fac)
                if any(it["en"].startswith("Time ran out: the AI answered for Japan") for it in f["log"]):
                    seen_timeout = True
                    break
            assert seen_timeout
            timed = [d for d in manager.store.logs[code] if d[0] == "action" and d[1]["timeout"]]
            assert timed and timed[0][1]["action"]["faction"] == "japan"


def test_fuzz_ten_thousand_hostile_frames_change_nothing_and_reveal_nothing():
    manager, app = create_server()
    rng = random.Random(17)
    with TestClient(app) as client:
        code, ftok = make_room(client, seed=8)
        tokens = {f: join(client, code, f) for f in ("japan", "china")}
        room = manager.rooms[code]
        with client.websocket_connect("/ws") as fac:
            hello(fac, code, "facilitator", ftok)
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "start"}))
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "pause"}))
            while not _state_frame(fac)["room"]["paused"]:
                pass
            fac.send_text(json.dumps({"type": "control", "version": room.version, "op": "resume"}))
            # let the AI seats play until a team must decide, then hold the room there
            for _ in range(500):
                if room.state.over:
                    break
                from game.engine import current_decider
                if room.seats[current_decider(room.state)].controller == "team":
                    break
                _state_frame(fac)
        decider = __import__("game.engine", fromlist=["x"]).current_decider(room.state)
        other = next(f for f in tokens if f != decider)
        before, version, log_len = state_to_dict(room.state), room.version, len(manager.store.logs[code])
        legal = __import__("game.engine", fromlist=["x"]).legal_ids(room.state, decider)
        shown = public_cards(room.session.events)

        def hostile():
            k = rng.randrange(10)
            if k == 0:
                return "x" * rng.choice([16_385, 40_000])
            if k == 1:
                return "".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 60)))
            if k == 2:
                return json.dumps({"type": "act", "version": version, "action": rng.choice(legal)})  # out of turn
            if k == 3:
                return json.dumps({"type": "act", "version": rng.choice([-1, version - 1, version + 1, 2**40]),
                                   "action": rng.choice(legal)})
            if k == 4:
                return json.dumps({"type": "control", "version": version, "op": rng.choice(["start", "pause", "reissue"]),
                                   "faction": decider})
            if k == 5:
                return json.dumps({"type": rng.choice(["act", "hello", "nope", 3, None]), "version": "1", "x": [1] * 5})
            if k == 6:
                return json.dumps({"type": "act", "version": version,
                                   "action": "propose:" + json.dumps({"recipients": [decider],
                                                                      "terms": [{"kind": "give", "a": other, "what": "x" * rng.randrange(100),
                                                                                 "b": decider, "amount": rng.randrange(-5, 10**9)}]})})
            if k == 7:
                return "[" * rng.randrange(1, 5000)
            if k == 8:
                return json.dumps({"type": "act", "version": version, "action": rng.choice(
                    ["play:", "play:a:b:c", "answer:" + "ü" * 10, "pass:", "end_round", "inject:x", "\x00"])})
            return json.dumps({"type": "hello", "room": code, "role": "team", "token": tokens[decider]})

        replies = []
        with client.websocket_connect("/ws") as ws:
            hello(ws, code, "team", tokens[other])
            _state_frame(ws)
            for i in range(10_000):
                ws.send_text(hostile())
                f = ws.receive_json()
                replies.append(f)
                assert f["type"] == "error", f
                if f["code"] in ("stale", "illegal", "forbidden", "bad_action", "ai_seat", "paused"):
                    fresh = ws.receive_json()
                    assert fresh["type"] == "state" and fresh["version"] == version
                    if i % 50 == 0:
                        replies.append(fresh)
            ws.send_text(json.dumps({"type": "ping"}))
            assert ws.receive_json() == {"type": "pong", "version": version}  # still up
        assert state_to_dict(room.state) == before and room.version == version
        assert len(manager.store.logs[code]) == log_len
        for text in {json.dumps(f, sort_keys=True) for f in replies}:  # the distinct replies
            assert not leaks(room.state, other, json.loads(text), shown)
        codes = {f["code"] for f in replies if f["type"] == "error"}
        assert {"too_big", "bad_json", "bad_frame", "illegal", "stale", "forbidden"} <= codes


def test_a_failing_bot_never_leaves_the_room_waiting():
    manager, app = create_server()

    async def broken(room, state, faction, level):
        raise RuntimeError("bot crashed")
    manager.think = broken
    with TestClient(app) as client:
        code, ftok = make_room(client, seed=2)
        room = manager.rooms[code]
        with client.websocket_connect("/ws") as fac:
            hello(fac, code, "facilitator", ftok)
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "start"}))
            f = _state_frame(fac)
            while not f["view"]["over"] and f["version"] < 10:
                f = _state_frame(fac)
        assert room.version >= 10
        assert any("failed (RuntimeError: bot crashed)" in n for n in manager.notes)
        assert room.session.reasons[0] == "(the AI failed: first legal choice)"


def test_a_seat_given_to_a_team_and_back_to_the_ai_while_its_bot_thinks_is_played():
    """The bot's move for a seat that changed hands meanwhile is dropped, and the AI thinks again
    when the seat comes back to it: the room never stalls."""
    manager, app = create_server()
    import asyncio as _asyncio
    import threading as _threading
    gate = _threading.Event()
    real = manager.think

    async def slow(room, state, faction, level):
        await _asyncio.get_running_loop().run_in_executor(None, gate.wait, 5)
        return await real(room, state, faction, level)
    manager.think = slow
    with TestClient(app) as client:
        code, ftok = make_room(client, seed=6)
        room = manager.rooms[code]
        with client.websocket_connect("/ws") as fac:
            hello(fac, code, "facilitator", ftok)
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "start"}))
            _state_frame(fac)
            from game.engine import current_decider
            f = current_decider(room.state)
            token = join(client, code, f)        # a team takes the seat while its bot thinks
            gate.set()
            import time as _time
            for _ in range(200):                 # the bot's move is dropped: the seat is the team's
                if not manager.tasks:
                    break
                _time.sleep(0.02)
            assert room.version == 0
            fac.send_text(json.dumps({"type": "control", "version": 0, "op": "seat_ai", "faction": f}))
            for _ in range(500):                 # the AI thinks again and the game goes on
                if room.version >= 3:
                    break
                _time.sleep(0.02)
            assert room.version >= 3 and token
