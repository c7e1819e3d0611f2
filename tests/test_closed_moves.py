"""Front ends show what a seat may not do now and why (a price it cannot pay, a coalition it is
already in), instead of leaving the move out silently."""
from __future__ import annotations

import io

from game.cli.play import TerminalGame
from game.cli.terminal import Style
from game.engine import apply, bits, current_decider, decision_kind, pass_, play
from game.saves import GameSession


def at_host_act(small, **res):
    s = GameSession.new(small, "", 5, {"host": "human"}, game_id="closed")
    while not (decision_kind(s.state) == "act" and current_decider(s.state) == "host"):
        f = current_decider(s.state)
        if decision_kind(s.state) in ("negotiate", "act", "counter"):
            s.state, _ = apply(s.state, pass_(f))
        else:
            from game.engine import legal_actions
            s.state, _ = apply(s.state, legal_actions(s.state, f)[-1])
    st = s.state.clone()
    g = st.game
    for r, v in res.items():
        st.res[g.fidx["host"]][g.ridx[r]] = v
    st.hands[g.fidx["host"]] = (g.cidx["tariff"], g.cidx["exercise"])
    s.state = st
    return s


def terminal_text(s) -> str:
    out = io.StringIO()
    TerminalGame(s, "en", Style(False), io.StringIO("quit\n"), out).play()
    return out.getvalue()


def test_a_card_its_seat_cannot_pay_for_is_listed_with_the_reason(small):
    text = terminal_text(at_host_act(small, influence=0))
    assert "not now: Unilateral Tariff — costs 1 Influence; host has 0" in text
    assert "not now: Joint Exercise — costs 1 Influence; host has 0" in text


def test_an_answer_its_seat_cannot_pay_for_is_listed_with_the_reason(small):
    s = at_host_act(small, influence=5)
    st = s.state.clone()
    g = st.game
    st.turn_idx = g.fidx["patron"]
    st.hands[g.fidx["patron"]] = (g.cidx["tariff"],)
    st, _ = apply(st, play("patron", "tariff", "host"))
    st = st.clone()
    st.res[g.fidx["host"]][g.ridx["economy"]] = 0   # the WTO appeal's answer costs 1 Economy
    s.state = st
    assert decision_kind(st) == "response" and current_decider(st) == "host"
    text = terminal_text(s)
    assert "not now: WTO appeal — costs 1 Economy; host has 0" in text
    assert "Absorb" in text.split("not now")[0]


def test_the_window_dims_a_closed_answer_and_says_why(tmp_path, monkeypatch):
    """A tariff answered by a broke Japan: the answers it cannot pay for are dimmed buttons whose
    hint is the reason; "counter" is dimmed once its counters are used up."""
    from game.engine.state import Decision, OpenProposal
    from game.engine import Term
    from game.ui.app import App
    from game.ui.driver import pump
    from game.ui.files import Settings
    from game.ui.screens import open_scene
    from game.ui.table_scene import TableScene
    from game.ui.widgets import Button

    monkeypatch.setenv("REDLINES_HOME", str(tmp_path / "home"))
    app = App((1280, 720), Settings(lang="en", ai_speed="skip"), headless=True)
    assert open_scene(app, "table") is None
    pump(app)
    table = app.find(TableScene)
    st = table.match.state.clone()
    g = st.game
    me = table.match.viewer
    j, us = g.fidx[me], g.fidx["us"]
    card = g.cidx["reciprocal_tariffs"]
    st.res[j][g.ridx["economy"]] = 0
    st.members[g.kidx["wto_appeal"]] = bits.without(st.members[g.kidx["wto_appeal"]], j)  # not yet in the WTO appeal: joining costs 1 Economy
    st.pending = [Decision("response", j, g.source_index(g.cards[card].response), us, j, card)]
    table.match.session.state = st
    table.refresh()
    pump(app)

    def dimmed():
        return {b.label: b.tooltip for b in table.widgets
                if isinstance(b, Button) and getattr(b, "_dec", False) and not b.enabled}
    closed = dimmed()
    assert any("WTO" in label and "costs 1 Economy; japan has 0" in why for label, why in closed.items()), closed
    assert any("Retaliate" in label and "costs 1 Economy" in why for label, why in closed.items()), closed
    st = st.clone()
    st.proposals = [OpenProposal(0, us, (j,), (Term("give", "us", "economy", "japan", 1),))]
    st.pending = [Decision("proposal", j, -1, us, j, 0)]
    st.proposals_left[j] = -1  # its proposal and its one extra counter used
    table.match.session.state = st
    table.refresh()
    pump(app)
    closed = dimmed()
    assert any("counter" in label for label in closed), closed
    st.proposals_left[j] = 0
    table.refresh()
    pump(app)
    assert not any("counter" in label for label in dimmed())
