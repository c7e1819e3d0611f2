"""The room never waits for ever: a team's decision clock goes on after a server restart with the
time it had (not a fresh one), and a team whose sockets have all been gone longer than the absent
limit has its decisions answered by its AI, logged as such, while a connected team is never hurried."""
from __future__ import annotations

import contextlib
import json
import time
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from game.engine import current_decider, legal_ids  # noqa: E402
from game.engine.describe import Names  # noqa: E402
from game.server import create_server  # noqa: E402
from wsframes import hello, state_frame  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")
FACTIONS = ["japan", "us", "china", "south_korea", "asean", "eu"]


def control(ws, op, **kw):
    ws.send_text(json.dumps({"type": "control", "version": 0, "op": op, **kw}))


def new_room(client, **kw):
    r = client.post("/api/rooms", json={"ruleset": SHORT, "seed": 5, **kw})
    assert r.status_code == 200, r.text
    code = r.json()["code"]
    tokens = {f: client.post(f"/api/rooms/{code}/join", json={"faction": f, "team": f}).json()["token"]
              for f in FACTIONS}
    return code, r.json()["facilitator_token"], tokens


def clock_after_restart(folder, code):
    """Bring the rooms back from `folder` as a restarted server does; the room's clock as a facilitator sees it."""
    manager, app = create_server(str(folder))
    token = manager.new_facilitator_link(manager.rooms[code])
    with TestClient(app) as client, client.websocket_connect("/ws") as fac:
        hello(fac, code, "facilitator", token)
        f = state_frame(fac)
        return f["room"], manager, client


def test_the_decision_clock_goes_on_after_a_restart_with_the_time_it_had(tmp_path):
    manager, app = create_server(str(tmp_path))
    with TestClient(app) as client:
        code, ftok, _tokens = new_room(client, time_limit=60)
        with client.websocket_connect("/ws") as fac:
            hello(fac, code, "facilitator", ftok)
            control(fac, "start")
            f = state_frame(fac)
            while not f["room"]["clock"]:
                f = state_frame(fac)
            assert f["room"]["clock"]["running"] and f["room"]["clock"]["left"] > 58
            time.sleep(2.5)  # the team thinks; then the server is gone (nothing closed, as after kill -9)
    room, _m, _c = clock_after_restart(tmp_path, code)
    clock = room["clock"]
    assert clock["running"] and 10 <= clock["left"] < 58, clock  # not a fresh 60 seconds

    # paused, the clock stands: a restart brings back exactly the time that was left, still stopped
    manager2, app2 = create_server(str(tmp_path))
    token = manager2.new_facilitator_link(manager2.rooms[code])
    with TestClient(app2) as client, client.websocket_connect("/ws") as fac:
        hello(fac, code, "facilitator", token)
        control(fac, "pause")
        f = state_frame(fac)
        while not f["room"]["paused"]:
            f = state_frame(fac)
        left = f["room"]["clock"]["left"]
        assert not f["room"]["clock"]["running"] and left < 58
    time.sleep(1.5)
    room, _m, _c = clock_after_restart(tmp_path, code)
    assert room["paused"] and room["clock"] == {"limit": 60, "left": left, "running": False}


@contextlib.contextmanager
def sockets(client, code, tokens):
    with contextlib.ExitStack() as stack:
        socks = {}
        for f, tok in tokens.items():
            socks[f] = stack.enter_context(client.websocket_connect("/ws"))
            hello(socks[f], code, "team", tok)
        yield socks


def test_a_team_away_longer_than_the_absent_limit_has_its_ai_answer_and_the_log_says_so():
    manager, app = create_server(absent_seconds=0.5)
    with TestClient(app) as client:
        code, ftok, tokens = new_room(client)
        room = manager.rooms[code]
        with client.websocket_connect("/ws") as fac, sockets(client, code, tokens) as socks:
            hello(fac, code, "facilitator", ftok)
            control(fac, "start")
            while not state_frame(fac)["room"]["started"]:
                pass
            time.sleep(1.5)  # three absent limits: a connected team is never answered for
            assert room.version == 0
            away = current_decider(room.state)
            socks.pop(away).close()
            f = state_frame(fac)
            while f["version"] < 1:
                f = state_frame(fac)
            name = Names(room.state.game, "en").faction(away)
            assert any(it["en"] == f"{name}'s team is not connected: the AI answered for {name}." for it in f["log"])
            kind, data = next(x for x in manager.store.logs[code] if x[0] == "action")
            assert data["action"]["faction"] == away and data["timeout"] == "absent" and data["ai"]
            assert room.seats[away].controller == "team"  # still the team's seat, for when it is back
            # once it is back, its decisions wait for it again
            with client.websocket_connect("/ws") as back:
                hello(back, code, "team", tokens[away])
                for _ in range(200):  # the other teams play on until it is the team's decision again
                    d = current_decider(room.state)
                    if d == away or room.state.over:
                        break
                    v, ids = room.version, legal_ids(room.state, d)
                    socks[d].send_text(json.dumps({"type": "act", "version": v,
                                                   "action": "pass" if "pass" in ids else ids[0]}))
                    until = time.monotonic() + 10
                    while room.version == v and time.monotonic() < until:
                        time.sleep(0.01)
                assert current_decider(room.state) == away
                v = room.version
                time.sleep(1.5)
                assert room.version == v


@pytest.mark.parametrize("absent", [0.0, 0.3])
def test_the_absent_limit_answers_for_teams_that_never_came_and_zero_turns_it_off(absent):
    manager, app = create_server(absent_seconds=absent)
    with TestClient(app) as client:
        code, ftok, _tokens = new_room(client)
        room = manager.rooms[code]
        with client.websocket_connect("/ws") as fac:
            hello(fac, code, "facilitator", ftok)
            control(fac, "start")
            deadline = time.monotonic() + 3
            while room.version < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            if absent:
                assert room.version >= 3  # six teams joined and never connected: the game goes on
                assert all(d["timeout"] == "absent" for k, d in manager.store.logs[code] if k == "action")
            else:
                assert room.version == 0  # switched off: the room waits for its teams
