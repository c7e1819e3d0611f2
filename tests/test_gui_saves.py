"""The window's saves, driven by events: team names survive Save, Quit and Continue; the Load
screen lists games with their branches; saving over a save asks; undo says what it took back."""
from __future__ import annotations

import json
import re

import pygame
import pytest

from game.engine import legal_actions
from game.saves import GameSession
from game.ui.app import App
from game.ui.driver import buttons, click, find_button, key, pump, type_text
from game.ui.files import Settings, saves_dir
from game.ui.handoff_scene import HandoffScene
from game.ui.menu_scene import LoadScene, MenuScene
from game.ui.pause_scene import PauseScene
from game.ui.save_scene import SaveScene
from game.ui.setup_scene import SetupScene
from game.ui.table_scene import TableScene


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def make_app(size=(1280, 720)) -> App:
    app = App(size, Settings(lang="en", ai_speed="skip"), headless=True)
    app.replace(MenuScene(app))
    pump(app)
    return app


def drawn(app, frames: int = 1, do=None) -> list[str]:
    """Every string the window draws while `do(app)` runs and over the next frames (what a player reads)."""
    seen: list[str] = []
    text = app.text
    original = text.draw

    def record(surf, s, *a, **kw):
        seen.append(s)
        return original(surf, s, *a, **kw)

    text.draw = record
    try:
        if do is not None:
            do(app)
        for _ in range(frames):
            pump(app)
    finally:
        text.draw = original
    return seen


def set_up_two_teams(app) -> SetupScene:
    click(app, find_button(app, app.t("new_game")))
    setup = app.top
    assert isinstance(setup, SetupScene)
    ids = [f.id for f in setup.ruleset.factions]
    row = setup.row_rects[3]
    for _ in range(4):                                    # the fourth seat to human, by its seat button
        if setup.seats[ids[3]] == "human":
            break
        click(app, next(b for b in buttons(app) if b.rect.y == row.y and b.rect.x >= row.right - 1))
    for fid, team in ((ids[0], "Team Sakura"), (ids[3], "Team Hangang")):
        click(app, setup.entries[fid])
        type_text(app, team)
        key(app, pygame.K_TAB)
    return setup


def run_until(app, done, frames: int = 3000) -> None:
    for _ in range(frames):
        if done(app):
            return
        top = app.top
        if isinstance(top, HandoffScene):
            key(app, pygame.K_SPACE)
        else:
            match = getattr(top, "match", None)
            if match is not None:
                match.wait_ai()
            pump(app)
        assert app.last_error is None, app.last_error
    raise AssertionError("never reached")


def test_team_names_survive_save_quit_and_continue(home):
    app = make_app()
    setup = set_up_two_teams(app)
    ids = [f.id for f in setup.ruleset.factions]
    click(app, find_button(app, app.t("start")))
    table = app.find(TableScene)
    assert table.match.teams == {ids[0]: "Team Sakura", ids[3]: "Team Hangang"}
    # play on to the first cover, then save under a name from the pause menu
    run_until(app, lambda a: isinstance(a.top, HandoffScene))
    key(app, pygame.K_SPACE)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    click(app, find_button(app, app.t("save")))
    assert isinstance(app.top, SaveScene)
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, PauseScene) and app.top.note.startswith("Saved to ")
    saved = json.loads(next(saves_dir().glob("round-*.json")).read_text(encoding="utf-8"))
    assert saved["meta"]["teams"] == {ids[0]: "Team Sakura", ids[3]: "Team Hangang"}
    assert saved["meta"]["lang"] == "en" and saved["meta"]["options"] == {"length": "short", "ai_speed": "skip"}
    assert saved["meta"]["ruleset_path"].endswith("brief-2025-short.yaml")       # the file the short game came from
    assert saved["meta"]["ruleset_name"] == "Red Lines: East Asia 2025 (short)"
    steps = table.match.session.steps
    click(app, find_button(app, app.t("quit_menu")))
    assert isinstance(app.top, MenuScene)
    # a fresh window, as after closing the program: Continue brings the table back as it was set up
    app = make_app()
    click(app, find_button(app, app.t("continue")))
    table = app.find(TableScene)
    assert table is not None and table.match.session.steps == steps
    assert table.match.teams == {ids[0]: "Team Sakura", ids[3]: "Team Hangang"}
    names = {ids[0]: "Japan", ids[3]: "South Korea"}
    run_until(app, lambda a: isinstance(a.top, HandoffScene))
    cover = app.top
    words = drawn(app)
    team = "Team Sakura" if cover.faction == ids[0] else "Team Hangang"
    assert f"Pass to {names[cover.faction]} ({team})" in words, words
    words = drawn(app, do=lambda a: key(a, pygame.K_SPACE))
    assert "Team Sakura" in words and "Team Hangang" in words, words    # on the panels
    assert "Human" not in words


def test_load_screen_lists_games_newest_first_with_branches_under_them(home, small, tmp_path):
    from conftest import play_steps
    folder = saves_dir()
    old = GameSession.new(small, "", 1, {"host": "human"}, game_id="old-game")
    play_steps(old, 4)
    old.autosave(folder)
    base = GameSession.new(small, "", 2, {"host": "human", "rival": "human"}, game_id="base-game")
    base.teams = {"host": "Team Sakura"}
    play_steps(base, 3)
    mid = base.save(folder / "mid.json")
    play_steps(base, 5)
    base.autosave(folder)
    branch = GameSession.load(mid)
    branch.follow(folder)
    play_steps(branch, 2, seed=4)
    branch_file = branch.autosave(folder)
    (folder / "notes.json").write_text("[1, 2", encoding="utf-8")
    app = make_app()
    click(app, find_button(app, app.t("load")))
    scene = app.top
    assert isinstance(scene, LoadScene)
    rows = [b for b in buttons(app) if " — " in b.label]
    files = [note.rsplit(" · ", 1)[-1] for _, note, _ in scene.notes]
    assert files == ["autosave-base-game.json", "mid.json", branch_file.name, "autosave-old-game.json"]
    assert [d for _, _, d in scene.notes] == [0, 1, 2, 0]
    assert rows[0].rect.x < rows[1].rect.x < rows[2].rect.x and rows[3].rect.x == rows[0].rect.x
    assert "Team Sakura (Host), Rival" in rows[0].label and "Round 1" in rows[0].label
    assert re.match(r"^(today|yesterday) \d\d:\d\d · Small · autosave-base-game\.json$", scene.notes[0][1])
    assert " · branch from move 3 of mid.json · " in scene.notes[2][1]
    words = drawn(app)
    assert any("notes.json" in w for w in words)                    # the broken file is named, not listed
    click(app, rows[2])
    table = app.find(TableScene)
    assert table is not None and table.match.session.game_id == branch.game_id
    assert table.message == ""                                     # the branch's latest point: it goes on
    # the older save of a game that went on: the table says the next move starts a branch
    head = (folder / "autosave-base-game.json").read_bytes()
    app = make_app()
    click(app, find_button(app, app.t("load")))
    click(app, [b for b in buttons(app) if " — " in b.label][1])
    table = app.find(TableScene)
    assert table.message == app.t("branch_note")
    session = table.match.session
    if session.game_id == "base-game":            # no AI has moved yet: the first move starts the branch
        session.apply(legal_actions(session.state, session.decider())[0])
    session.autosave(folder)
    assert session.parent.game_id == "base-game" and session.parent.step == 3
    assert (folder / "autosave-base-game.json").read_bytes() == head


def test_saving_over_a_save_asks_first(home, small):
    from game.ui.screens import open_scene
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, "table") is None
    table = app.top
    folder = saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    other = folder / "class-a.json"
    GameSession.new(small, "", 1, {"host": "human"}, game_id="class-a-game").save(other)
    before = other.read_bytes()
    key(app, pygame.K_ESCAPE)
    click(app, find_button(app, app.t("save")))
    dialog = app.top
    assert isinstance(dialog, SaveScene)
    dialog.name_entry.ui.set_text("")
    click(app, dialog.name_entry)
    type_text(app, "class a")
    click(app, find_button(app, app.t("save")))
    assert app.top is dialog and dialog.confirm == other and other.read_bytes() == before
    assert any("class-a.json already holds a save (Round 1" in w for w in drawn(app))
    click(app, find_button(app, app.t("keep_it")))
    assert app.top is dialog and dialog.confirm is None and other.read_bytes() == before
    click(app, find_button(app, app.t("save")))
    click(app, find_button(app, app.t("replace")))
    assert isinstance(app.top, PauseScene) and other.read_bytes() != before
    assert GameSession.load(other).game_id == table.match.session.game_id


def test_undo_in_the_pause_menu_says_what_it_took_back(home):
    from game.ui.screens import open_scene
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, "proposal") is None
    app.pop()                                       # the composer: not this time
    table = app.top
    match = table.match
    assert match.my_turn() and match.kind() == "negotiate"
    steps = match.session.steps
    click(app, [b for b in buttons(app) if getattr(b, "_dec", False)][-1])     # pass
    assert match.session.actions[steps] == {"kind": "pass", "faction": match.viewer}
    for _ in range(20):
        match.wait_ai()
        pump(app)
    after = match.session.steps - steps - 1           # the AI moves that followed the pass
    key(app, pygame.K_ESCAPE)
    pause = app.top
    click(app, find_button(app, app.t("undo")))
    assert match.session.steps == steps and match.my_turn()
    tail = "" if after == 0 else " and the AI move after it" if after == 1 else f" and the {after} AI moves after it"
    assert pause.note == f"Took back your pass{tail}.", pause.note
    for _ in range(40):                              # back to the last thing that cannot be unseen
        click(app, find_button(app, app.t("undo")))
        if pause.note == app.t("nothing_to_undo"):
            break
        assert pause.note.startswith("Took back your ")
    assert pause.note == app.t("nothing_to_undo") and match.session.verify() is None


def test_the_words_of_saves_and_undo_are_in_the_font():
    from fontTools.ttLib import TTFont
    from game.saves import library, undo_words
    from game.ui.theme import FONT_PATH
    have = set(TTFont(str(FONT_PATH)).getBestCmap())
    for table in (library.WORDS, undo_words.WORDS):
        assert set(table["ja"]) == set(table["en"])
        text = "".join(table["ja"].values())
        assert not {c for c in text if ord(c) >= 0x20 and ord(c) not in have}


def test_load_restores_the_tables_language_and_pace(home, small):
    from game.ui.menu_scene import open_session_file
    s = GameSession.new(small, "", 3, {"host": "human"}, game_id="ja-table")
    s.lang = "ja"
    from game.saves.format import SaveOptions
    s.options = SaveOptions(length="full", ai_speed="fast")
    path = s.save(saves_dir() / "ja.json")
    app = make_app()
    assert app.settings.lang == "en"
    assert open_session_file(app, path) is None
    table = app.find(TableScene)
    assert app.settings.lang == "ja" and table.match.speed == "fast" and table.match.lang == "ja"


def test_opening_another_save_from_the_pause_menu_keeps_the_game_on_the_table(home, small):
    from game.ui.screens import open_scene
    other = GameSession.new(small, "", 3, {"host": "human"}, game_id="other-game")
    other.save(saves_dir() / "other.json")
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, "table") is None
    session = app.top.match.session
    steps = session.steps
    key(app, pygame.K_ESCAPE)
    click(app, find_button(app, app.t("load")))
    click(app, next(b for b in buttons(app) if "Host" in b.label))
    assert app.find(TableScene).match.session.game_id == "other-game"
    kept = GameSession.load(saves_dir() / f"autosave-{session.game_id}.json")
    assert kept.steps == steps and kept.verify() is None


def test_undo_drops_the_move_a_bot_was_thinking_about(home):
    import threading
    from game.engine import pass_
    from game.ui.screens import open_scene
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, "proposal") is None
    app.pop()
    match = app.top.match
    me = match.viewer
    assert match.human_apply(pass_(me)) is None
    bot = match.decider()
    assert bot is not None and not match.is_human(bot)
    match._start(bot)                                  # the bot starts thinking about the position after the pass
    words = match.undo()
    assert words.startswith("Took back your pass") and match.my_turn()
    assert match.thinking() is None and match._result is None
    assert not [t for t in threading.enumerate() if t.name == f"bot-{bot}" and t.is_alive()]
    assert match.human_apply(pass_(me)) is None        # the same pass again: the bot now moves from here
    for _ in range(30):
        match.wait_ai()
        pump(app)
    assert match.session.verify() is None and app.last_error is None
