"""Front ends show what a seat may not do now and why (a price it cannot pay, a coalition it is
already in), instead of leaving the move out silently."""
from __future__ import annotations

import io

from game.cli.play import TerminalGame
from game.cli.terminal import Style
from game.engine import apply, current_decider, decision_kind, pass_, play
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
