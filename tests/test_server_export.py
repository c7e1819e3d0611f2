"""A room's exported save records what plays each seat: a team's as `human` with its name, the
AI's at the room's level, `ai:random` included (it used to come out as `ai:easy`)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from game.ai.bots import make_bot  # noqa: E402
from game.engine import current_decider  # noqa: E402
from game.saves import GameSession  # noqa: E402
from game.server import create_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHORT = str(ROOT / "rulesets" / "brief-2025-short.yaml")


@pytest.mark.parametrize("level", ["random", "hard"])
def test_the_exported_save_names_the_bot_that_plays_each_ai_seat(tmp_path, level):
    manager, app = create_server()
    with TestClient(app) as client:
        r = client.post("/api/rooms", json={"ruleset": SHORT, "seed": 4, "level": level}).json()
        code, ftok = r["code"], r["facilitator_token"]
        assert client.post(f"/api/rooms/{code}/join", json={"faction": "japan", "team": "Team J"}).status_code == 200
        assert client.post(f"/api/rooms/{code}/join", json={"faction": "china", "team": "Team C"}).status_code == 200
        room = manager.rooms[code]
        room.set_seat(room.seats["china"].__class__("china", "Team C", room.seats["china"].token_hash, "ai"))
        bots = {f: make_bot("easy", f, seed=1) for f in room.seats}
        for _ in range(25):
            f = current_decider(room.state)
            act, why = bots[f].choose(room.state, f)
            room.commit(act, why, ai=True)
        save = client.get(f"/api/rooms/{code}/save", headers={"authorization": f"Bearer {ftok}"})
        assert save.status_code == 200
    data = save.json()
    expected = {f: ("human" if f == "japan" else f"ai:{level}") for f in room.seats}
    assert data["seats"] == expected
    assert data["meta"]["teams"] == {"japan": "Team J"}
    (tmp_path / "room.json").write_text(json.dumps(data), encoding="utf-8")
    session = GameSession.load(tmp_path / "room.json")
    assert session.seats == expected and session.verify() is None and session.steps == 25
