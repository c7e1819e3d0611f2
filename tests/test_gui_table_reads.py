"""A table that reads on a projector: whole card texts, reasons for what is dimmed, an enlarged card
that leaves the decision free, a composer that does not move, a war that needs a deliberate choice,
and each seat's objectives shown to that seat only."""
from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIDropDownMenu, UISelectionList

from game.cli.play import load_ruleset_file
from game.engine import aims, play_problem
from game.ui.app import App
from game.ui.card_sprite import card_fit
from game.ui.driver import click, click_at, find_button, key, pump
from game.ui.files import Settings
from game.ui.handoff_scene import HandoffScene
from game.ui.proposal_composer import ComposerScene
from game.ui.screens import open_scene
from game.ui.table_scene import TableScene
from game.ui.war_confirm_scene import WarConfirmScene
from game.ui.widgets import Button, DropDown, SelectList
from conftest import Seen

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))


def table_app(size=(1280, 720), lang="en", scene="table") -> tuple[App, TableScene]:
    app = App(size, Settings(lang=lang, ai_speed="skip"), headless=True)
    assert open_scene(app, scene) is None
    pump(app)
    return app, app.find(TableScene)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", SIZES)
def test_no_card_text_is_cut_on_the_table(size, lang):
    """Every card of every shipped ruleset fits whole in a hand slot, and the hand drawn shows it."""
    app, table = table_app(size, lang)
    slot = table.cards[0].rect
    for path in ("rulesets/brief-2025.yaml", "rulesets/brief-2025-short.yaml"):
        rs, _ = load_ruleset_file(str(ROOT / path))
        for spec in rs.cards:
            fit = card_fit(spec, slot, app, number=9)
            assert fit.fits, f"{spec.id} ({lang}) needs {fit.height}px in a {slot.h}px card at {size}"
            big = card_fit(spec, table.big_card_rect(table.cards[0], spec, "a reason of two lines or so"), app,
                           big=True, problem="a reason of two lines or so")
            assert big.fits, f"{spec.id} enlarged ({lang}) at {size}"
    # and the frame drawn: every line of the rule text of each card in the hand is rendered whole
    seen = Seen(app)
    table._layer_key = None
    pump(app)
    from game.rules.schema import text_of
    g = table.match.state.game
    for c in table.cards:
        spec = g.cards[g.cidx[c.card_id]]
        body = text_of(spec.text, lang)
        fit = card_fit(spec, c.rect, app, number=c.index + 1, size=table.hand_text_size())
        assert fit.fits and "".join(fit.body_lines).replace(" ", "") == body.replace(" ", ""), (c.card_id, fit.body_lines)
        assert all(line in seen.strings for line in fit.body_lines), (c.card_id, fit.body_lines)
    assert not any(x.endswith("…") and x[:-1].strip() and x[:-1].strip() in body for x in seen.strings)


def test_the_key_of_recognise_each_others_red_lines_shows_at_1280x720():
    app, table = table_app()
    rs, _ = load_ruleset_file(str(ROOT / "rulesets" / "brief-2025.yaml"))
    spec = next(c for c in rs.cards if c.id == "red_lines_dialogue")
    fit = card_fit(spec, table.cards[0].rect, app, number=1)
    assert fit.fits and "Tension −1 if 7+" in " ".join(fit.body_lines)
    # and its answers, on the decision bar of the seat it targets, are shown whole
    from game.engine import play
    st = table.match.state
    me = table.match.viewer
    g = st.game
    other = next(f for f in g.factions if f != me)
    s2 = st.clone()
    s2.hands[g.fidx[other]] = (g.cidx["red_lines_dialogue"],)
    s2.res[g.fidx[other]][g.cost_r] = 9
    s2.turn_idx = g.fidx[other]
    from game.engine import apply
    after, _ = apply(s2, play(other, "red_lines_dialogue", me))
    assert after.pending and g.factions[after.pending[0].faction] == me
    table.match.session.state = after
    table.refresh()
    pump(app)
    answers = [b for b in table.widgets if isinstance(b, Button) and getattr(b, "_dec", False)]
    assert any("Tension −1 if 7+" in b.label for b in answers)
    assert all(b.shown == b.label for b in answers), [b.shown for b in answers]


@pytest.mark.parametrize("size", SIZES)
def test_an_enlarged_card_never_covers_the_decision_bar(size):
    app, table = table_app(size)
    for c in table.cards:
        pump(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=c.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
        assert table.hover == c.index and table.big_rect is not None
        assert not table.big_rect.colliderect(table.dec_rect), (table.big_rect, table.dec_rect)
        assert not table.big_rect.colliderect(table.hand_rect) and not table.big_rect.colliderect(table.log_rect)
        assert pygame.Rect(0, 0, *size).contains(table.big_rect)


def test_a_dimmed_card_and_a_dimmed_target_say_why_on_hover_and_on_their_key():
    app, table = table_app()
    st = table.match.state
    g = st.game
    me = table.match.viewer
    f = g.fidx[me]
    # a card the seat cannot afford: its key says why, in words
    table.match.session.state = st = st.clone()
    st.res[f][g.cost_r] = 0
    table.refresh()
    pump(app)
    dim = next(c for c in table.cards if table.card_problem(c.card_id))
    key(app, pygame.K_1 + dim.index)
    assert table.message == table.card_problem(dim.card_id) and "costs" in table.message
    # hovered, it is shown whole with the reason under its text
    pump(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=dim.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
    assert " ".join(table.big_fit.reason_lines) == " ".join(table.message.split())
    # a targeted card with a forbidden target: the target button is disabled and says why
    st.res[f][g.cost_r] = 9
    targeted = next(c for c in table.cards if g.cards[g.cidx[c.card_id]].target == "faction"
                    and g.cards[g.cidx[c.card_id]].targets) if any(
        g.cards[g.cidx[c.card_id]].targets for c in table.cards) else None
    if targeted is None:  # make one: Host-Nation Support names the US only
        cid = next(c.id for c in g.cards if c.target == "faction" and c.targets and me in (c.holders or [me]))
        st.hands[f] = (g.cidx[cid], *st.hands[f][1:])
        table.refresh()
        pump(app)
        targeted = table.cards[0]
    table.message = ""
    key(app, pygame.K_1 + targeted.index)
    assert table.selected == targeted.card_id
    disabled = [b for b in table.widgets if isinstance(b, Button) and getattr(b, "_dec", False) and not b.enabled]
    assert disabled, "no target is ruled out"
    b = disabled[0]
    why = play_problem(st, f, targeted.card_id, next(t for t in g.factions if table.match.names("en").faction(t)
                                                     in b.label)).text("en")
    assert b.tooltip == why and why
    key(app, b.key)
    assert table.message == why
    pump(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=b.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
    assert table.hint == (why, b.rect)
    seen = Seen(app)
    pump(app)
    assert any(why.startswith(x) or x in why for x in seen.strings if x)


def brink(app, table):
    """Tension one step short of war, the viewer to play a card that raises it."""
    st = table.match.state.clone()
    g = st.game
    st.tracks[g.tension_t] = 9
    table.match.session.state = st
    table.refresh()
    pump(app)
    return next(c for c in table.cards if c.card_id == "defence_spending_3pct" or "defence" in c.card_id)


def test_a_move_that_starts_a_war_needs_a_deliberate_choice_in_the_window():
    app, table = table_app()
    card = brink(app, table)
    steps = table.match.state.steps
    key(app, pygame.K_1 + card.index)                 # one stray key: a question, not a war
    assert isinstance(app.top, WarConfirmScene)
    assert table.match.state.steps == steps
    seen = Seen(app)
    pump(app)
    words = " ".join(seen.text().split())  # the dialog's wrapped lines, joined
    assert "Defence Spending to 3% of GDP: This move takes Tension to 10: it starts a WAR." in words
    assert "War is a shared defeat: every faction scores -10" in words and "(Japan) a further -10" in words
    key(app, pygame.K_RETURN)                          # Enter at first sight goes back
    assert isinstance(app.top, TableScene) and table.match.state.steps == steps
    key(app, pygame.K_1 + card.index)
    key(app, pygame.K_ESCAPE)                          # so does Esc
    assert app.top is table and table.match.state.steps == steps
    key(app, pygame.K_1 + card.index)
    click(app, find_button(app, app.t("war_go")))      # only the deliberate choice makes the move
    assert table.match.state.steps == steps + 1
    assert table.match.state.outcome == "war"


def test_a_safe_move_is_made_at_once():
    app, table = table_app()
    st = table.match.state
    g = st.game
    steps = st.steps
    safe = next(c for c in table.cards if table.card_problem(c.card_id) is None
                and g.cards[g.cidx[c.card_id]].target != "faction"
                and not any(getattr(e, "track", "") == "tension" for e in g.cards[g.cidx[c.card_id]].effects))
    key(app, pygame.K_1 + safe.index)
    assert app.top is table and table.match.state.steps > steps


def test_objectives_open_for_their_owner_only_and_close_on_the_hand_off():
    from game.rules.schema import text_of
    app, table = table_app(scene="handoff")
    g = table.match.state.game
    secret_names = {o.faction: text_of(o.name, "en") for o in g.objectives if o.secret}
    seen = Seen(app)
    covers = 0
    while isinstance(app.top, HandoffScene) and covers < 4:   # the covers show no one's objectives
        seen.strings.clear()
        pump(app)
        assert not any(name in seen.text() for name in secret_names.values())
        key(app, pygame.K_SPACE)
        covers += 1
    assert app.top is table and covers
    me = table.match.viewer
    key(app, pygame.K_o)
    assert table.show_aims
    seen.strings.clear()
    table._layer_key = None
    pump(app)
    shown = seen.text()
    own = [a for a in aims(table.match.state, me, "en") if a.secret]
    assert own and all(a.text in shown and a.name in shown for a in own)
    for f, name in secret_names.items():
        if f != me:
            assert name not in shown, f"{f}'s secret shown to {me}"
    assert "plays for" in shown and "×" in shown        # the title and the score weights
    # the screen passes to the other human seat: the list is closed, and opens with that seat's own
    other = next(h for h in table.match.humans() if h != me)
    table.match.viewer = other
    table.refresh()
    assert not table.show_aims and table.aims_for == other
    table.toggle_aims()
    seen.strings.clear()
    table._layer_key = None
    table.draw(app.screen)                              # the table as the other seat sees it
    shown = seen.text()
    assert all(a.name in shown for a in aims(table.match.state, other, "en") if a.secret)
    assert not any(name in shown for f, name in secret_names.items() if f != other)


def dropdown_pick(app, dd: DropDown, label: str) -> None:
    """Open a drop-down with a click and click one of its options, as a player does."""
    click(app, dd)
    pump(app)
    state = dd.ui.current_state
    sl = state.options_selection_list
    item = next(i for i in sl.item_list if i["text"].strip() == label)
    btn = item["button_element"]
    click_at(app, btn.rect.center)
    pump(app)


def test_the_composer_uses_drop_downs_and_lists_and_nothing_moves_as_terms_are_added():
    app, table = table_app(scene="proposal")
    comp = app.top
    assert isinstance(comp, ComposerScene)
    comp.terms.clear()
    comp.build()
    pump(app)
    assert any(isinstance(w.ui, UIDropDownMenu) for w in comp.widgets if isinstance(w, DropDown))
    assert any(isinstance(w.ui, UISelectionList) for w in comp.widgets if isinstance(w, SelectList))

    def places():
        return [(type(w).__name__, tuple(w.rect)) for w in comp.widgets]

    before = places()
    n0 = len(comp.recipients)
    # the recipients: click one more in the list
    rec = next(w for w in comp.widgets if isinstance(w, SelectList) and w.multi)
    second = next(i for i in rec.ui.item_list if not i["selected"])
    click_at(app, second["button_element"].rect.center)
    pump(app)
    comp = app.top
    assert len(comp.recipients) == n0 + 1
    dds = [w for w in comp.widgets if isinstance(w, DropDown)]
    n = comp.names()
    # a give term with drop-downs: what = the second tradeable resource, amount 2
    rules = comp.rules
    dropdown_pick(app, dds[2], n.resource(rules.tradeable[1]))
    dds = [w for w in app.top.widgets if isinstance(w, DropDown)]
    dropdown_pick(app, dds[4], "2")
    assert (comp.what_i, comp.amount) == (1, 2)
    click(app, find_button(app, app.t("add_term")))
    assert comp.terms[-1].kind == "give" and comp.terms[-1].amount == 2 and comp.terms[-1].what == rules.tradeable[1]
    assert places() == before
    # a promise: kind from its drop-down
    dds = [w for w in comp.widgets if isinstance(w, DropDown)]
    dropdown_pick(app, dds[0], app.t("kind_promise"))
    assert comp.kind == "promise"
    click(app, find_button(app, app.t("add_term")))
    assert len(comp.terms) == 2 and places() == before
    # remove: pick the first term in its list, then Remove
    terms_list = next(w for w in comp.widgets if isinstance(w, SelectList) and not w.multi)
    click_at(app, terms_list.ui.item_list[0]["button_element"].rect.center)
    pump(app)
    click(app, find_button(app, app.t("remove")))
    assert len(comp.terms) == 1 and comp.terms[0].kind == "promise" and places() == before


def test_a_counter_proposal_starts_from_the_offer_it_answers():
    app, table = table_app(scene="counter")
    comp = app.top
    assert isinstance(comp, ComposerScene) and comp.counter_to
    st = table.match.state
    d = st.pending[0]
    offer = next(ev for _, ev in reversed(table.match.session.events) if ev["type"] == "proposal" and ev["id"] == d.ref)
    assert [t.to_dict() for t in comp.terms] == [t for t in offer["terms"]
                                                 if {t["a"], t.get("b", t["a"])} <= {comp.me, comp.counter_to}]
    assert comp.terms and comp.recipients == [comp.counter_to]
    steps = st.steps
    click(app, find_button(app, app.t("send")))
    assert table.match.state.steps > steps
    sent = table.match.session.actions[steps]
    assert sent["kind"] == "propose" and sent["proposal"]["recipients"] == [comp.counter_to]


def test_the_composer_works_from_the_keyboard():
    app, table = table_app(scene="proposal")
    comp = app.top
    comp.terms.clear()
    comp.build()
    pump(app)
    before = list(comp.recipients)
    others = [f for f in comp.g.factions if f != comp.me]
    key(app, pygame.K_3)                                   # number keys add or drop a recipient
    assert (others[2] in comp.recipients) != (others[2] in before)
    focusables = comp.focusables()
    what = next(i for i, w in enumerate(focusables) if isinstance(w, DropDown) and w.values
                and list(w.values.values())[0] == 0)   # the "what" drop-down (values are indices)
    for _ in range(what + 1):
        key(app, pygame.K_TAB)
    assert comp.focusables()[comp.focus] is not None
    w0 = comp.what_i
    key(app, pygame.K_RETURN)                              # Enter steps to the next option
    assert comp.what_i == (w0 + 1) % len(comp.whats())
    click(app, find_button(app, app.t("add_term")))
    assert comp.terms and comp.terms[-1].what == comp.whats()[comp.what_i]
