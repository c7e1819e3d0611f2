"""The scene router: every route builds its scene, the moves between scenes go through
`app.go` / `app.back`, the settings reach every live scene, and no scene imports another."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pygame
import pytest

from game.engine import legal_actions
from game.ui.app import App
from game.ui.demo import match_at
from game.ui.driver import click, find_button, key, pump
from game.ui.files import DEFAULT_RULESET, Settings, load_ruleset
from game.ui.routes import ROUTES
from game.ui.scene import Scene

UI = Path(__file__).resolve().parent.parent / "game" / "ui"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def playing():
    """A game in play at the table: the first human's card play in round 2."""
    return match_at("table")


@pytest.fixture(scope="module")
def finished():
    """A finished game with two human seats and their team names."""
    return match_at("end")


def make_app(speed: str = "normal") -> App:
    app = App((1280, 720), Settings(lang="en", ai_speed=speed), headless=True)
    app.go("menu")
    pump(app)
    return app


def stack(app) -> list[str]:
    return [s.name for s in app.scenes]


def arguments(app, name: str, playing, finished) -> dict:
    """What each route needs to be built (a new route must be added here, or the test fails)."""
    me = playing.viewer
    play = next(a for a in legal_actions(playing.state, me) if a.kind == "play")
    host = {}
    if name in ("host_menu", "host_inject"):
        host = {"room": app.go("host", ruleset_path=DEFAULT_RULESET).room}
    return {
        "menu": {}, "load": {}, "settings": {},
        "ruleset": {"current": DEFAULT_RULESET},
        "setup": {"ruleset": load_ruleset(DEFAULT_RULESET), "path": DEFAULT_RULESET},
        "table": {"match": playing}, "proposal": {"match": playing}, "pause": {"match": playing},
        "save": {"match": playing}, "handoff": {"match": playing, "faction": me},
        "war_confirm": {"match": playing, "action": play, "risk": "possible"},
        "end": {"match": finished}, "whatif": {"match": finished},
        "host": {"ruleset_path": DEFAULT_RULESET}, "host_menu": host, "host_inject": host,
    }[name]


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_every_route_builds_its_scene(name, playing, finished):
    app = make_app()
    try:
        scene = app.go(name, **arguments(app, name, playing, finished))
        pump(app)
        assert app.top is scene and scene.name == name
        assert isinstance(scene, ROUTES[name].make) and app.last_error is None, app.last_error
        # a dialog opens over what was there; a screen is alone
        assert len(app.scenes) > 1 if ROUTES[name].dialog else stack(app) == [name]
    finally:
        app.close_scenes()     # a hosted room's server stops


def test_an_unknown_route_is_named_with_the_known_ones():
    app = make_app()
    with pytest.raises(KeyError, match="no scene is called 'tabel'.*table"):
        app.go("tabel")
    assert stack(app) == ["menu"]


def test_menu_setup_table_pause_menu():
    app = make_app(speed="skip")
    click(app, find_button(app, "New game"))
    assert stack(app) == ["menu", "setup"]
    setup = app.top
    click(app, find_button(app, "Start"))
    assert stack(app) == ["table"] and app.top.match.session.seats == setup.seats
    table = app.top
    key(app, pygame.K_ESCAPE)
    assert stack(app) == ["table", "pause"] and app.top.match is table.match
    click(app, find_button(app, "Resume"))
    assert stack(app) == ["table"]
    key(app, pygame.K_ESCAPE)
    click(app, find_button(app, "Quit to menu"))
    assert stack(app) == ["menu"]


def test_the_ruleset_picked_is_the_menus_for_a_new_game():
    app = make_app()
    menu = app.top
    click(app, find_button(app, "Ruleset"))
    assert stack(app) == ["menu", "ruleset"]
    other = next(b for b in app.top.widgets if "brief-2025-australia.yaml" in getattr(b, "label", ""))
    click(app, other)
    assert stack(app) == ["menu"] and app.top is menu and menu.ruleset_path.name == "brief-2025-australia.yaml"
    click(app, find_button(app, "New game"))
    assert stack(app) == ["menu", "setup"] and app.top.path == menu.ruleset_path


def test_table_end_and_play_again_keeps_the_setup(finished):
    app = make_app()
    app.go("table", match=finished)
    pump(app)                               # the table sees the game is over: the end
    assert stack(app) == ["end"] and app.top.match is finished
    click(app, find_button(app, "Play again"))
    assert stack(app) == ["menu", "setup"]
    setup = app.top
    assert setup.seats == finished.session.seats
    humans = [f for f, s in finished.session.seats.items() if s == "human"]
    assert len(humans) == 2 and finished.teams
    assert {f: setup.teams[f] for f in finished.teams} == finished.teams
    assert setup.short is False
    click(app, find_button(app, "Back"))
    assert stack(app) == ["menu"]


def test_the_war_question_hands_the_move_back_to_the_table(playing):
    app = make_app()
    table = app.go("table", match=playing)
    me = playing.viewer
    play = next(a for a in legal_actions(playing.state, me) if a.kind == "play")
    steps = playing.state.steps
    app.go("war_confirm", match=playing, action=play, risk="possible")
    table.message = "a note"
    click(app, find_button(app, "Go back"))           # declined: nothing moves, the note goes
    assert stack(app) == ["table"] and playing.state.steps == steps and table.message == ""


def test_the_war_question_made_on_purpose_is_played_at_the_table():
    app = make_app()
    match = match_at("table")
    app.go("table", match=match)
    me = match.viewer
    play = next(a for a in legal_actions(match.state, me) if a.kind == "play")
    steps = match.state.steps
    app.go("war_confirm", match=match, action=play, risk="possible")
    click(app, find_button(app, "Make the move anyway"))
    assert stack(app)[0] == "table" and match.state.steps > steps
    assert match.session.actions[steps] == play.to_dict()


def test_the_settings_hook_reaches_a_live_table():
    app = make_app(speed="normal")
    match = match_at("table")
    table = app.go("table", match=match)
    match.speed = "skip"                    # a loaded game's own pace
    app.go("pause", match=match)
    app.go("settings")
    pump(app)
    click(app, find_button(app, "Language"))           # another setting: the game keeps its pace
    assert match.speed == "skip" and app.settings.lang == "ja"
    click(app, find_button(app, "AIの手"))             # the AI pace: the table follows at once
    assert app.settings.ai_speed == "fast" and match.speed == "fast"
    assert app.find(type(table)) is table and stack(app) == ["table", "pause", "settings"]


# ---------------------------------------------------------------- how the package is put together


def ui_imports() -> dict[str, set[str]]:
    """game.ui module -> the game.ui modules it imports (at the top or inside a function)."""
    out = {}
    for p in sorted(UI.glob("*.py")):
        mod = f"game.ui.{p.stem}"
        found = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("game.ui"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)   # from game.ui import art
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("game.ui"))
        out[mod] = {m for m in found if (UI / f"{m.rsplit('.', 1)[-1]}.py").exists() and m.count(".") == 2}
    return out


def scene_modules() -> set[str]:
    """The modules that define a Scene (besides scene.py's own)."""
    return {f"game.ui.{p.stem}" for p in UI.glob("*.py") if p.stem != "scene"
            and any(isinstance(n, ast.ClassDef) and any(getattr(b, "id", "").endswith("Scene") for b in n.bases)
                    for n in ast.parse(p.read_text(encoding="utf-8")).body)}


def test_no_scene_imports_another():
    scenes = scene_modules()
    assert {"game.ui.table_scene", "game.ui.menu_scene", "game.ui.end_scene"} <= scenes
    for mod, imported in ui_imports().items():
        if mod in ("game.ui.routes",):       # the router is the one place that knows them all
            continue
        assert not (imported & scenes) - {mod}, (mod, sorted(imported & scenes))


def test_game_ui_has_no_import_cycle():
    graph = ui_imports()
    seen, on_path = set(), []

    def visit(m):
        if m in on_path:
            raise AssertionError("import cycle: " + " -> ".join(on_path[on_path.index(m):] + [m]))
        if m in seen:
            return
        on_path.append(m)
        for n in sorted(graph.get(m, ())):
            visit(n)
        on_path.pop()
        seen.add(m)

    for m in sorted(graph):
        visit(m)


def test_every_scene_says_what_it_and_its_public_methods_do():
    missing = []
    for cls in {Scene, *(r.make for r in ROUTES.values())}:
        if not cls.__dict__.get("__doc__"):
            missing.append(cls.__name__)
        for name, value in vars(cls).items():
            if not name.startswith("_") and (callable(value) or isinstance(value, property)):
                if not inspect.getdoc(getattr(cls, name)):
                    missing.append(f"{cls.__name__}.{name}")
    assert not missing, missing
