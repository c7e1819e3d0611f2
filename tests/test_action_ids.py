"""Stable action ids (game.engine.action_ids) and the facilitator's engine actions."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.random_bot import RandomBot
from game.engine import (
    IllegalAction, action_from_id, action_id, apply, current_decider, end_round, inject, injectable,
    Problem, legal_actions, legal_ids, new_game, why_not,
)
from game.rules.loader import load_ruleset
from game.saves import GameSession

ROOT = Path(__file__).resolve().parent.parent
SHORT = load_ruleset(ROOT / "rulesets" / "brief-2025-short.yaml")


def _ids_of_game(seed: int) -> set[str]:
    state, _ = new_game(SHORT, seed)
    bot = RandomBot(seed)
    seen: set[str] = set()
    while not state.over:
        f = current_decider(state)
        acts = legal_actions(state, f)
        ids = legal_ids(state, f)
        assert len(ids) == len(set(ids)) == len(acts), "one id per legal action, no two alike"
        for a, i in zip(acts, ids):
            assert action_from_id(state, f, i) == a, i
            assert action_id(a) == i
        seen.update(ids)
        action, _ = bot.choose(state, f)
        state, _ = apply(state, action)
    return seen


def test_every_legal_action_round_trips_through_its_id():
    assert len(_ids_of_game(5)) > 50


def test_ids_are_the_same_in_every_game_of_a_ruleset():
    """An id names an action by content only: the same id means the same action in another game."""
    a, b = _ids_of_game(1), _ids_of_game(2)
    common = a & b
    assert len(common) > 20
    state, _ = new_game(SHORT, 9)
    f = current_decider(state)
    for i in legal_ids(state, f):
        assert action_id(action_from_id(state, f, i)) == i


def test_a_proposal_outside_the_menu_is_parsed_and_judged_by_the_engine():
    state, _ = new_game(SHORT, 3)
    while state.phase != "negotiation" or state.pending:
        f = current_decider(state)
        state, _ = apply(state, legal_actions(state, f)[0])
    f = current_decider(state)
    other = next(x for x in state.game.factions if x != f)
    bundle = ('propose:{"recipients":["%s"],"terms":[{"a":"%s","b":"%s","kind":"promise","what":"threat"},'
              '{"a":"%s","b":"%s","kind":"promise","what":"tariff"}]}' % (other, f, other, f, other))
    act = action_from_id(state, f, bundle)
    assert act.kind == "propose" and len(act.proposal.terms) == 2
    assert action_id(act) == bundle
    bad = action_from_id(state, f, 'propose:{"recipients":["%s"],"terms":[]}' % other)
    assert why_not(state, bad).code == "no_terms"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), st.sampled_from(["play:", "play::", "answer:", "propose:", "propose:[]",
                                                         'propose:{"recipients":1,"terms":[]}', "inject:",
                                                         "pass:x", "end_round:1", "propose:{" * 50])))
def test_a_malformed_id_is_an_illegal_action_never_a_crash(ident):
    state, _ = new_game(SHORT, 1)
    f = current_decider(state)
    try:
        act = action_from_id(state, f, ident)
    except IllegalAction:
        return
    why_not(state, act)  # parsed: the engine answers with a reason or None, never raises


def test_facilitator_inject_fires_a_crisis_and_the_save_replays_it(tmp_path):
    session = GameSession.new(SHORT, seed=4)
    assert "incident_at_sea" in injectable(session.state)
    assert why_not(session.state, inject("hard_line")) == Problem("not_crisis", {"event": "hard_line"})
    assert why_not(session.state, inject("nope")) == Problem("no_event", {"event": "nope"})
    assert str(why_not(session.state, inject("nope"))) == "there is no event 'nope'"
    pending = len(session.state.pending)
    out = session.apply(inject("incident_at_sea"))
    assert [e["type"] for e in out][:2] == ["injected", "event"]
    assert len(session.state.pending) == pending + 2  # its two choices queue after what was pending
    s = session.state
    assert sorted(s.event_deck + s.event_discard + s.events_gone + s.looming) == list(range(len(s.game.events)))
    path = session.save(tmp_path / "s.json")
    again = GameSession.load(path)
    assert again.verify() is None and again.steps == session.steps
    assert again.events[-len(out):] == session.events[-len(out):]


def test_facilitator_end_round_goes_to_the_next_round():
    state, _ = new_game(SHORT, 2)
    assert why_not(state, end_round()) is not None  # the round's first event choice is pending
    while state.pending or state.phase != "negotiation":
        state, _ = apply(state, legal_actions(state, current_decider(state))[0])
    assert why_not(state, end_round()) is None
    new, out = apply(state, end_round())
    assert out[0] == {"type": "round_ended_early", "round": 1, "phase": "negotiation"}
    assert any(e["type"] == "round_end" and e["round"] == 1 for e in out)
    assert new.round == 2 and state.round == 1
    with pytest.raises(IllegalAction):
        apply(state, inject("hard_line"))
