"""The end screen's What if…: play on from a key moment (a branch, the original untouched) and
the debrief with the what-if section, through the real window."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.saves import GameSession
from game.ui.app import App
from game.ui.driver import click, find_button, pump
from game.ui.end_scene import EndScene
from game.ui.files import Settings
from game.ui.screens import open_scene
from game.ui.table_scene import TableScene
from game.ui.whatif_scene import WhatIfScene


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _whatif(app) -> WhatIfScene:
    assert open_scene(app, "end") is None
    end = app.top
    assert isinstance(end, EndScene)
    click(app, find_button(app, app.t("whatif")))
    assert isinstance(app.top, WhatIfScene)
    return app.top


def test_play_on_from_a_moment_starts_a_saved_branch(home):
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    scene = _whatif(app)
    original = scene.match.session
    before = list(original.actions)
    assert scene.rows
    step = min(s for s, _ in scene.rows)
    row = next(b for b in scene.widgets if f"step {step}:" in b.label)
    click(app, row)
    assert app.last_error is None, app.last_error
    table = app.top
    assert isinstance(table, TableScene)
    branch = table.match.session
    assert branch.actions == before[: step - 1] and branch.game_id != original.game_id
    assert branch.parent.game_id == original.game_id and branch.parent.step == step - 1
    assert original.actions == before and original.over
    saved = Path(home) / "saves" / f"{branch.game_id}.json"
    assert GameSession.load(saved).actions == before[: step - 1]
    assert branch.decider() == before[step - 1]["faction"]


def test_export_with_what_if_writes_the_section(home, monkeypatch):
    import game.ui.whatif_scene as ws
    monkeypatch.setattr(ws, "GUI_RUNS", 1)
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    scene = _whatif(app)
    click(app, find_button(app, app.t("export_whatif")))
    scene.wait_export()
    pump(app)
    assert app.last_error is None and not scene.message, scene.message
    assert scene.note.startswith("Debrief written to ")
    page = Path(scene.note.removeprefix("Debrief written to "))
    assert Path(home) in page.parents
    assert "What if? The key moments played out" in page.read_text(encoding="utf-8")


def test_back_returns_to_the_end_screen():
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    _whatif(app)
    click(app, find_button(app, app.t("back")))
    assert isinstance(app.top, EndScene)


def test_leaving_the_screen_stops_the_export(home, monkeypatch):
    import game.ui.whatif_scene as ws
    monkeypatch.setattr(ws, "GUI_RUNS", 200)   # far longer than the test: only leaving ends it
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    scene = _whatif(app)
    click(app, find_button(app, app.t("export_whatif")))
    click(app, find_button(app, app.t("back")))
    assert isinstance(app.top, EndScene)
    scene._work.join(timeout=60)
    assert not scene._work.is_alive() and scene._done == ("left", "")
    assert not (Path(home) / "debriefs").exists()
