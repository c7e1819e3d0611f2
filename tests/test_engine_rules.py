"""Rule examples: play a card from a known state and assert the exact change."""
from __future__ import annotations

import pytest

from game.engine import (
    IllegalAction, Problem, Term, answer, apply, current_decider, decision_kind, legal_actions, new_game,
    pass_, play, propose, scores, view, winner,
)
from game.engine.state import ACTIONS


def to_actions(state):
    """Pass through any pending choice and the negotiation phase."""
    while state.phase != ACTIONS or state.pending:
        f = current_decider(state)
        kind = decision_kind(state)
        if kind in ("choice", "response"):
            state, _ = apply(state, answer(f, legal_actions(state, f)[-1].option))
        elif kind == "proposal":
            state, _ = apply(state, answer(f, "reject"))
        else:
            state, _ = apply(state, pass_(f))
    return state


def actions_state(rs, seed=1, decider="patron", hand=("tariff",)):
    """A state in the actions phase where `decider` is to act holding exactly `hand`."""
    state, _ = new_game(rs, seed)
    state = to_actions(state)
    state = state.clone()
    g = state.game
    f = g.fidx[decider]
    state.turn_idx = f
    state.hands[f] = tuple(g.cidx[c] for c in hand)  # hands are tuples, replaced, never changed in place
    return state


def res(state, f, r):
    return state.resource(f, r)


def test_threat_conceded_pays_economy(small):
    s0 = actions_state(small, decider="patron", hand=("withdrawal_threat",))
    s1, ev = apply(s0, play("patron", "withdrawal_threat", "host"))
    assert res(s1, "patron", "influence") == res(s0, "patron", "influence") - 1
    assert s1.trust_between("patron", "host") == s0.trust_between("patron", "host") - 1
    assert current_decider(s1) == "host" and decision_kind(s1) == "response"
    assert [a.option for a in legal_actions(s1, "host")] == ["pay", "go_ahead"]
    s2, _ = apply(s1, answer("host", "pay"))
    assert res(s2, "host", "economy") == res(s1, "host", "economy") - 2
    assert res(s2, "patron", "economy") == res(s1, "patron", "economy") + 2
    assert res(s2, "host", "support") == res(s1, "host", "support") - 1
    assert not s2.pending


@pytest.mark.parametrize("us_answer", ["withdraw", "back_down"])
def test_threat_called_go_ahead_then_patron_decides(small, us_answer):
    s0 = actions_state(small, decider="patron", hand=("withdrawal_threat",))
    s1, _ = apply(s0, play("patron", "withdrawal_threat", "host"))
    s2, _ = apply(s1, answer("host", "go_ahead"))
    assert current_decider(s2) == "patron" and decision_kind(s2) == "choice"
    assert [a.option for a in legal_actions(s2, "patron")] == ["withdraw", "back_down"]
    s3, ev = apply(s2, answer("patron", us_answer))
    if us_answer == "withdraw":
        assert res(s3, "patron", "security") == res(s2, "patron", "security") - 2
        assert res(s3, "patron", "influence") == res(s2, "patron", "influence") - 1
        assert res(s3, "host", "security") == res(s2, "host", "security") - 1
        assert res(s3, "host", "support") == res(s2, "host", "support") + 2
    else:
        assert res(s3, "patron", "influence") == res(s2, "patron", "influence") - 2
        assert res(s3, "host", "security") == res(s2, "host", "security")
    assert ev[0]["type"] == "answer" and ev[0]["option"] == us_answer


def test_tariff_bilateral_exemption(small):
    s0 = actions_state(small, decider="patron", hand=("tariff",))
    s1, _ = apply(s0, play("patron", "tariff", "host"))
    assert res(s1, "host", "economy") == res(s0, "host", "economy") - 2
    assert s1.track("rules") == s0.track("rules") - 1
    s2, _ = apply(s1, answer("host", "bilateral"))
    assert res(s2, "host", "economy") == res(s0, "host", "economy")
    assert s2.track("rules") == s0.track("rules") - 2


def test_tariff_multilateral_response_joins_coalition(small):
    s0 = actions_state(small, decider="patron", hand=("tariff",))
    s1, _ = apply(s0, play("patron", "tariff", "host"))
    s2, ev = apply(s1, answer("host", "multilateral"))
    assert s2.is_member("host", "wto")
    assert res(s2, "host", "economy") == res(s0, "host", "economy") - 3
    assert s2.track("rules") == s0.track("rules")
    assert {"type": "join", "faction": "host", "coalition": "wto", "members": 1} in ev


def test_deterrence_raises_security_and_tension(small):
    s0 = actions_state(small, decider="rival", hand=("exercise",))
    s1, _ = apply(s0, play("rival", "exercise"))
    assert res(s1, "rival", "security") == res(s0, "rival", "security") + 2
    assert s1.track("tension") == s0.track("tension") + 1


def test_dialogue_lowers_tension_builds_trust_sets_flag(small):
    s0 = actions_state(small, decider="host", hand=("hotline",))
    s1, _ = apply(s0, play("host", "hotline", "rival"))
    assert s1.track("tension") == s0.track("tension") - 1
    assert s1.trust_between("host", "rival") == s0.trust_between("host", "rival") + 1
    assert s1.flags["hotline"] == 1


def test_vote_ballots_secret_until_all_voted(small):
    s0 = actions_state(small, decider="host", hand=("resolution",))
    s1, _ = apply(s0, play("host", "resolution"))
    assert decision_kind(s1) == "vote" and current_decider(s1) == "host"
    s2, ev = apply(s1, answer("host", "yes"))
    assert ev[0] == {"type": "ballot", "faction": "host"}
    assert view(s2, "patron")["my_ballot"] is None
    assert view(s2, "host")["my_ballot"] == "yes"
    s3, _ = apply(s2, answer("patron", "no"))
    s4, ev = apply(s3, answer("rival", "yes"))
    result = next(e for e in ev if e["type"] == "vote_result")
    assert result["passed"] and result["yes"] == 2
    assert result["ballots"] == {"host": "yes", "patron": "no", "rival": "yes"}
    assert s4.track("rules") == s0.track("rules") + 2


def test_chance_uses_seeded_rng_deterministically(small):
    s0 = actions_state(small, decider="host", hand=("aid",))
    a, ev_a = apply(s0, play("host", "aid"))
    b, ev_b = apply(s0, play("host", "aid"))
    assert ev_a == ev_b and a.rng == b.rng and a.rng != s0.rng
    roll = next(e for e in ev_a if e["type"] == "chance")
    if roll["hit"]:
        assert a.track("rules") == s0.track("rules") + 1
    else:
        assert res(a, "host", "influence") == res(s0, "host", "influence") - 2 + 1


def test_illegal_action_raises_and_leaves_state(small):
    s0 = actions_state(small, decider="host", hand=("exercise",))
    before = s0.clone()
    with pytest.raises(IllegalAction) as e:
        apply(s0, play("host", "tariff", "rival"))
    assert e.value.problem == Problem("not_in_hand", {"card": "tariff", "f": "host"})
    assert str(e.value) == "host cannot play: 'tariff' is not in host's hand"  # the words front ends show
    with pytest.raises(IllegalAction) as e:
        apply(s0, play("rival", "exercise"))
    assert e.value.problem == Problem("not_your_decision", {"decider": "host", "kind": "act", "f": "rival"})
    assert s0 == before
    s1 = s0.clone()
    h = s1.game.fidx["host"]
    s1.hands[h] = (*s1.hands[h], s1.game.cidx["withdrawal_threat"])
    kept = s1.clone()
    with pytest.raises(IllegalAction) as e:
        apply(s1, play("host", "withdrawal_threat", "rival"))
    assert e.value.problem == Problem("only", {"ts": ("host",)})
    assert s1 == kept


def test_cost_is_checked(small):
    s0 = actions_state(small, decider="host", hand=("aid",))
    s0.res[s0.game.fidx["host"]][s0.game.ridx["influence"]] = 1
    with pytest.raises(IllegalAction) as e:
        apply(s0, play("host", "aid"))
    assert e.value.problem == Problem("cost", {"cost": 2, "res": "influence", "f": "host", "has": 1})
    assert e.value.problem.text() == "costs 2 Influence; host has 1"
    assert [a.kind for a in legal_actions(s0, "host")] == ["pass"]


def negotiation_state(rs, seed=1):
    state, _ = new_game(rs, seed)
    while state.pending:
        f = current_decider(state)
        state, _ = apply(state, legal_actions(state, f)[-1])
    assert decision_kind(state) == "negotiate"
    return state


def test_proposal_accepted_by_all_takes_effect(small):
    s0 = negotiation_state(small)
    me = current_decider(s0)
    others = [f for f in s0.game.factions if f != me]
    terms = [Term("give", me, "economy", others[0], 2), Term("promise", others[1], "tariff", me)]
    s1, _ = apply(s0, propose(me, others, terms))
    assert decision_kind(s1) == "proposal" and current_decider(s1) == others[0]
    s2, _ = apply(s1, answer(others[0], "accept"))
    assert res(s2, me, "economy") == res(s0, me, "economy")  # nothing until all accept
    s3, ev = apply(s2, answer(others[1], "accept"))
    assert res(s3, me, "economy") == res(s0, me, "economy") - 2
    assert res(s3, others[0], "economy") == res(s0, others[0], "economy") + 2
    assert [(c.by, c.toward, c.tag, c.rounds) for c in s3.commitments] == [
        (s3.game.fidx[others[1]], s3.game.fidx[me], "tariff", 2)]
    assert s3.trust_between(me, others[0]) == s0.trust_between(me, others[0]) + 1
    assert any(e["type"] == "deal" for e in ev)


def test_proposal_rejected_by_one_has_no_effect(small):
    s0 = negotiation_state(small)
    me = current_decider(s0)
    others = [f for f in s0.game.factions if f != me]
    s1, _ = apply(s0, propose(me, others, [Term("give", me, "economy", others[0], 2)]))
    s2, _ = apply(s1, answer(others[0], "accept"))
    s3, ev = apply(s2, answer(others[1], "reject"))
    assert res(s3, me, "economy") == res(s0, me, "economy")
    assert not s3.proposals and not s3.commitments
    assert not any(p.kind == "proposal" for p in s3.pending)


def test_counter_proposal_goes_back_to_proposer_only(small):
    s0 = negotiation_state(small)
    me = current_decider(s0)
    other = next(f for f in s0.game.factions if f != me)
    s1, _ = apply(s0, propose(me, [other], [Term("give", other, "economy", me, 1)]))
    s2, _ = apply(s1, answer(other, "counter"))
    assert decision_kind(s2) == "counter" and current_decider(s2) == other
    third = next(f for f in s0.game.factions if f not in (me, other))
    with pytest.raises(IllegalAction) as e:
        apply(s2, propose(other, [third], [Term("give", other, "economy", third, 1)]))
    assert e.value.problem == Problem("counter_to", {"r": me})
    s3, _ = apply(s2, propose(other, [me], [Term("give", me, "economy", other, 1)]))
    assert current_decider(s3) == me and decision_kind(s3) == "proposal"


def test_broken_commitment_costs_trust_and_rules(small):
    s0 = actions_state(small, decider="patron", hand=("tariff",))
    from game.engine.state import Commitment
    g = s0.game
    s0.commitments = [Commitment(g.fidx["patron"], g.fidx["host"], "tariff", 2, "proposal:1",
                                 (g.fidx["patron"], g.fidx["host"]))]
    s1, ev = apply(s0, play("patron", "tariff", "host"))
    assert any(e["type"] == "commitment_broken" for e in ev)
    assert s1.trust_between("patron", "host") == s0.trust_between("patron", "host") - 2
    assert s1.track("rules") == s0.track("rules") - 1 - 1  # the break, then the tariff
    assert not s1.commitments


def test_binding_commitment_makes_play_illegal(small):
    from game.rules.schema import Ruleset
    from conftest import small_ruleset_dict
    d = small_ruleset_dict()
    d["turn"]["proposals"]["binding"] = True
    rs = Ruleset.model_validate(d)
    s0 = actions_state(rs, decider="patron", hand=("tariff",))
    from game.engine.state import Commitment
    g = s0.game
    s0.commitments = [Commitment(g.fidx["patron"], g.fidx["host"], "tariff", 2, "proposal:1")]
    targets = [a.target for a in legal_actions(s0, "patron") if a.kind == "play"]
    assert targets == ["rival"]
    with pytest.raises(IllegalAction) as e:
        apply(s0, play("patron", "tariff", "host"))
    assert e.value.problem == Problem("promise", {"t": "host", "tag": "tariff"})


def test_war_ends_the_game_and_names_who_crossed(small):
    s0 = actions_state(small, decider="rival", hand=("exercise",))
    s0.tracks[s0.game.tidx["tension"]] = 9
    s1, ev = apply(s0, play("rival", "exercise"))
    assert s1.over and s1.outcome == "war" and s1.war_by == s1.game.fidx["rival"]
    assert ev[-1] == {"type": "game_over", "outcome": "war", "by": "rival"}
    sc = scores(s1)
    assert dict(sc["rival"].terms)["war_trigger"] == -5
    assert dict(sc["host"].terms)["war"] == -10 and "war_trigger" not in dict(sc["host"].terms)
    assert winner(s1) is None
    assert legal_actions(s1, "host") == []


def test_score_is_sum_of_breakdown(small):
    s0, _ = new_game(small, 4)
    for sc in scores(s0).values():
        assert sc.total == pytest.approx(sum(v for _, v in sc.terms))
    host = dict(scores(s0)["host"].terms)
    assert host["economy"] == 5 and host["peace"] == 10 - s0.track("tension")
    assert host["objective:host_secret"] == 3


def test_view_hides_other_hands_and_secret_objectives(small):
    s0, _ = new_game(small, 2)
    v = view(s0, "patron")
    assert "host_secret" not in v["objectives"]
    assert "host_secret" in view(s0, "host")["objectives"]
    text = repr(v)
    for f in ("host", "rival"):
        for c in s0.hand(f):
            if c not in s0.hand("patron"):
                assert f"'{c}'" not in text or c in [x for fv in v["factions"] for x in fv["discard"]]


def test_support_collapse_loses_next_round_actions(small):
    s0 = actions_state(small, decider="host", hand=())
    g = s0.game
    s0.res[g.fidx["host"]][g.ridx["support"]] = 0
    s = s0
    while s.round == s0.round:
        s, _ = apply(s, legal_actions(s, current_decider(s))[-1])
    assert res(s, "host", "support") == 2
    s = to_actions(s)
    assert s.actions_left[g.fidx["host"]] == 0
    assert current_decider(s) != "host"


def test_card_families_read_in_japanese_in_promises(small):
    from game.engine.describe import Names, describe
    state, _ = new_game(small, 1)
    n = Names(state.game, "ja")
    assert n.term({"kind": "promise", "a": "host", "b": "rival", "what": "threat"}).endswith("脅しカードを使わない")
    line = describe({"type": "commitment", "by": "host", "toward": "rival", "tag": "tariff", "rounds": 2, "n": 2},
                    state, "ja")
    assert "関税カード" in line and "tariff" not in line
    assert Names(state.game, "en").tag("tariff") == "tariff"


def test_clone_copies_every_field(small):
    """clone() sets fields one by one (it skips __init__): a new State field must be added there."""
    from dataclasses import fields
    state, _ = new_game(small, 3)
    copy = state.clone()
    for f in fields(state):
        assert getattr(copy, f.name) == getattr(state, f.name), f.name
    copy.hands[0] += (-1,)
    copy.res[0].append(-1)
    assert state.res[0] != copy.res[0]
    assert state.hands[0] != copy.hands[0]


def test_play_problems_read_in_japanese(small):
    from game.engine import PROBLEMS, play_problem
    from string import Formatter
    for en, ja in PROBLEMS.values():  # same placeholders in both languages
        assert {f for _, f, _, _ in Formatter().parse(en) if f} == {f for _, f, _, _ in Formatter().parse(ja) if f}
    state, _ = new_game(small, 1)
    assert play_problem(state, 0, "nope") == Problem("no_card", {"card": "nope"})
    assert str(play_problem(state, 0, "nope")) == "there is no card 'nope'"
    assert play_problem(state, 0, "nope").text("ja") == "カード「nope」はありません"
    st = state.clone()
    g = st.game
    c = next(c for c in st.hands[0] if g.cards[c].cost > 0)
    st.res[0][g.cost_r] = g.rmin[g.cost_r]
    spec = g.cards[c]
    assert play_problem(st, 0, spec.id).code == "cost"
    assert str(play_problem(st, 0, spec.id)) == \
        f"costs {spec.cost} {g.ruleset.resources[g.cost_r].name}; {g.factions[0]} has {g.rmin[g.cost_r]}"
    assert play_problem(st, 0, spec.id).text("ja").startswith(f"コスト{spec.cost} ")
