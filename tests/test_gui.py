"""The real window, driven headless (SDL dummy driver) by synthetic clicks and keys."""
from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from game.ui.driver import buttons, click, find_button, key, pump
from game.ui.end_scene import EndScene
from game.ui.files import Settings
from game.ui.handoff_scene import HandoffScene
from game.ui.menu_scene import MenuScene
from game.ui.pause_scene import PauseScene
from game.ui.setup_scene import SetupScene
from game.ui.table_scene import TableScene
from game.ui.war_confirm_scene import WarConfirmScene


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def make_app(size=(1280, 720), lang="en") -> App:
    app = App(size, Settings(lang=lang, ai_speed="skip"), headless=True)
    app.replace(MenuScene(app))
    pump(app)
    return app


def human_move(app, table: TableScene, rnd: int) -> None:
    """Take the human's decision with the mouse or keys, like a player would."""
    match = table.match
    kind = match.kind()
    if kind == "act":
        if table.selected:
            targets = [b for b in buttons(app) if getattr(b, "_dec", False) and b.enabled]
            click(app, targets[rnd % max(1, len(targets) - 1)])   # a target (the last one is Cancel)
            return
        playable = [c for c in table.cards if table.card_problem(c.card_id) is None]
        if playable and rnd % 3:
            c = playable[rnd % len(playable)]
            if rnd % 2:
                key(app, pygame.K_1 + c.index)            # number keys for cards
            else:
                click(app, c)
            return
        click(app, find_button(app, app.t("pass_turn")))
    elif kind in ("negotiate", "counter"):
        click(app, [b for b in buttons(app) if getattr(b, "_dec", False)][-1])   # pass
    else:
        opts = [b for b in buttons(app) if getattr(b, "_dec", False) and b.enabled]
        click(app, opts[rnd % len(opts)])


def play_to_end(app, max_frames=6000, on_frame=None) -> int:
    rnd = 0
    for frame in range(max_frames):
        top = app.top
        if isinstance(top, EndScene):
            return frame
        if isinstance(top, HandoffScene):
            key(app, pygame.K_SPACE) if frame % 2 else click(app, top.widgets[0]) if top.widgets else pump(app)
        elif isinstance(top, WarConfirmScene):  # a move that risks war: go back, or make it on purpose
            click(app, find_button(app, app.t("war_back") if rnd % 2 else app.t("war_go")))
        elif isinstance(top, TableScene) and top.match.my_turn() and top.match.highlight_left <= 0:
            rnd += 1
            human_move(app, top, rnd)
        else:
            top_match = getattr(top, "match", None)
            if top_match is not None:
                top_match.wait_ai()
            pump(app)
        assert app.last_error is None, app.last_error
        if on_frame:
            on_frame(app)
    raise AssertionError("the game did not reach the end screen")


def start_game(app, humans: list[int], teams: list[str]) -> TableScene:
    click(app, find_button(app, app.t("new_game")))
    setup = app.top
    assert isinstance(setup, SetupScene)
    ids = [f.id for f in setup.ruleset.factions]
    # seat 0 is human by default; make the seats asked for human, by clicking their seat buttons
    for i, f in enumerate(ids):
        want = "human" if i in humans else "ai:normal"
        for _ in range(4):
            if setup.seats[f] == want:
                break
            row = setup.row_rects[i]
            btn = next(b for b in buttons(app) if b.rect.y == row.y and b.rect.x >= row.right - 1)
            click(app, btn)
    for i, team in zip(humans, teams):
        entry = setup.entries[ids[i]]
        click(app, entry)
        for ch in team:
            pump(app, [pygame.event.Event(pygame.TEXTINPUT, text=ch)])
        key(app, pygame.K_TAB)
    assert setup.short
    click(app, find_button(app, app.t("start")))
    table = app.top
    assert isinstance(table, TableScene) or isinstance(table, HandoffScene)
    return app.find(TableScene)


def test_full_short_game_one_human_by_clicks_and_keys():
    app = make_app()
    table = start_game(app, [0], ["Sakura"])
    match = table.match
    assert match.teams == {match.state.game.factions[0]: "Sakura"}
    assert match.state.game.ruleset.turn.rounds <= 4
    assert match.session.humans() == [match.state.game.factions[0]]
    play_to_end(app)
    end = app.top
    assert isinstance(end, EndScene) and end.match.state.over
    assert end.match.session.steps > 20
    assert any(r for r in end.match.session.reasons)           # AI moves carry their reasons
    pump(app)
    assert app.last_error is None
    # the end screen's buttons: save works, play again goes back to a new-game setup
    click(app, find_button(app, app.t("save")))
    assert "Saved" in end.note
    click(app, find_button(app, app.t("play_again")))
    assert isinstance(app.top, SetupScene)


def test_two_human_seats_never_show_the_other_hand():
    app = make_app()
    table = start_game(app, [0, 3], ["Sakura", "Hangang"])
    humans = table.match.humans()
    assert len(humans) == 2
    shown: list[tuple[str, str | None]] = []   # per frame: ("table", hand shown) or ("cover", to)

    def record(app):
        top = app.top
        if isinstance(top, HandoffScene):
            shown.append(("cover", top.faction))
        elif isinstance(top, TableScene):
            shown.append(("table", top.shown_hand_of))
            if top.shown_hand_of is not None:
                assert top.shown_hand_of == top.match.viewer
                assert top.match.is_human(top.shown_hand_of)

    play_to_end(app, on_frame=record)
    covers = [x for k, x in shown if k == "cover"]
    assert len(set(covers)) == 2, "both seats were handed the screen"
    last_hand = None
    covered_for = None
    for kind, who in shown:
        if kind == "cover":
            covered_for = who
        elif who is not None:
            if last_hand is not None and who != last_hand:
                assert covered_for == who, f"{who}'s hand appeared right after {last_hand}'s without a cover"
            last_hand = who


def test_keyboard_only_menu_to_table_and_pause():
    app = make_app()
    key(app, pygame.K_TAB)                     # focus "New game"
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, SetupScene)
    key(app, pygame.K_RETURN)                  # Enter with nothing focused starts the game
    table = app.find(TableScene)
    assert table is not None
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScene)
    steps = table.match.state.steps
    for _ in range(20):                        # paused: the AI does not move
        pump(app)
    assert table.match.state.steps == steps
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TableScene)


def test_decision_scenes_answer_through_engine_actions():
    from game.ui.screens import open_scene
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, "decision") is None
    table = app.top
    assert isinstance(table, TableScene) and table.match.my_turn()
    kind = table.match.kind()
    assert kind in ("response", "choice", "vote", "proposal")
    steps = table.match.state.steps
    key(app, pygame.K_1)                       # options are numbered: 1 picks the first
    assert table.match.state.steps > steps
    first = table.match.session.actions[steps]
    assert first["kind"] == "answer" and first["faction"] == table.match.viewer


def test_proposal_composer_sends_a_legal_proposal():
    from game.ui.proposal_composer import ComposerScene
    from game.ui.screens import open_scene
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, "proposal") is None
    comp = app.top
    assert isinstance(comp, ComposerScene)
    pump(app)
    assert app.last_error is None
    steps = comp.match.state.steps
    click(app, find_button(app, app.t("send")))
    if app.top is comp:                        # the sample bundle may be refused by the rules: say why
        assert comp.message
        for _ in range(len(comp.terms)):
            click(app, find_button(app, app.t("remove")))
        click(app, find_button(app, app.t("add_term")))
        click(app, find_button(app, app.t("send")))
    assert app.top is not comp, comp.message
    assert comp.match.state.steps > steps
    assert comp.match.session.actions[steps]["kind"] == "propose"


def test_screenshot_command_writes_pngs(tmp_path):
    from game.cli.main import main
    for scene, lang in (("menu", "en"), ("end", "ja"), ("handoff", "en")):
        out = tmp_path / f"{scene}-{lang}.png"
        assert main(["gui", "--screenshot", str(out), "--scene", scene, "--size", "1280x720", "--lang", lang]) == 0
        img = pygame.image.load(str(out))
        assert img.get_size() == (1280, 720)


def test_load_a_save_from_the_command_line(tmp_path):
    from game.cli.main import main
    from game.ui.demo import match_at
    m = match_at("table")
    path = tmp_path / "g.json"
    m.session.save(path)
    out = tmp_path / "t.png"
    assert main(["gui", "--screenshot", str(out), "--load", str(path), "--size", "1280x720"]) == 0
    assert main(["gui", "--screenshot", str(out), "--load", str(tmp_path / "missing.json")]) == 1


def test_settings_change_language_and_text_size():
    from game.ui.settings_scene import SettingsScene
    app = make_app()
    click(app, find_button(app, "Settings"))
    assert isinstance(app.top, SettingsScene)
    base = app.m.base
    click(app, find_button(app, "Text size"))
    assert app.m.base > base
    click(app, find_button(app, "Language"))
    assert app.settings.lang == "ja"
    assert find_button(app, "戻る") is not None
    click(app, find_button(app, "戻る"))
    assert isinstance(app.top, MenuScene)
    assert find_button(app, "新しいゲーム") is not None


def test_end_screen_exports_the_debrief(home):
    from pathlib import Path
    from game.ui.screens import open_scene
    app = App((1280, 720), Settings(ai_speed="skip"), headless=True)
    assert open_scene(app, "end") is None
    end = app.top
    assert isinstance(end, EndScene)
    click(app, find_button(app, app.t("export")))
    assert end.note == app.t("exporting")          # written in the background
    end.wait_export()
    pump(app)
    assert app.last_error is None, app.last_error
    assert not end.message, end.message
    assert end.note.startswith("Debrief written to ")
    page = Path(end.note.removeprefix("Debrief written to "))
    assert page.is_file() and page.suffix in (".html", ".md")
    assert Path(home) in page.parents
    assert end.match.session.game_id in page.read_text(encoding="utf-8")


def test_reasons_in_japanese_are_shown_whole_english_ones_by_rule_name():
    from game.ui.i18n import reason_text
    ja = "R8 受諾：中国は日本の連合への参加の提案を受け入れる：価値+1.4 ≥ 基準1.0"
    assert reason_text(ja, "ja") == ja
    assert reason_text("R8 accept: China accepts Japan's coalition entry: worth +1.4 ≥ margin 1.0", "ja") == "R8 受諾"
    assert reason_text("R5 hold: Japan passes", "en") == "R5 hold: Japan passes"


def test_setup_plays_a_variant_at_its_own_length(tmp_path):
    """A 5-round variant is not cut to the short game's 4: no switch, its own length shown;
    the default ruleset (which names its short variant) keeps the short/full switch."""
    from pathlib import Path
    from game.ui.files import load_ruleset
    rulesets = Path(__file__).resolve().parent.parent / "rulesets"
    five = tmp_path / "five.yaml"
    five.write_text(f"extends: {rulesets / 'brief-2025.yaml'}\nturn: {{rounds: 5}}\n", encoding="utf-8")
    app = make_app()
    setup = SetupScene(app, load_ruleset(five), five)
    app.push(setup)
    pump(app)
    labels = [b.label for b in buttons(app)]
    assert setup.short_ruleset is None and not setup.short
    assert not any(t.startswith("Length:") for t in labels)
    click(app, find_button(app, app.t("start")))
    table = app.find(TableScene)
    assert table.match.state.game.ruleset.turn.rounds == 5
    app2 = make_app()
    default = rulesets / "brief-2025.yaml"
    setup2 = SetupScene(app2, load_ruleset(default), default)
    app2.push(setup2)
    pump(app2)
    assert setup2.short and setup2.short_ruleset.turn.rounds == 4
    click(app2, find_button(app2, "Length: short (4 rounds)"))
    assert not setup2.short and any(b.label == "Length: full (8 rounds)" for b in buttons(app2))
