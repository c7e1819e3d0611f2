"""war_risk: the engine's test of whether a move would, or could by chance, start a war."""
from __future__ import annotations

import copy

import pytest

from game.engine import answer, apply, decision_kind, legal_actions, new_game, pass_, play, war_risk
from game.engine.state import State
from game.rules.schema import Ruleset
from tests.conftest import small_ruleset_dict


def ruleset_with_gambles() -> Ruleset:
    d = copy.deepcopy(small_ruleset_dict())
    d["cards"] += [
        {"id": "gamble", "name": "Brinkmanship", "text": "30%: Tension +1.", "tags": ["threat"], "cost": 0,
         "effects": [{"op": "chance", "percent": 30, "then": [{"op": "track", "track": "tension", "delta": 1}]}],
         "source": "test"},
        {"id": "sure_gamble", "name": "Either Way", "text": "Tension +1 whatever the roll.", "tags": ["threat"],
         "cost": 0, "effects": [{"op": "chance", "percent": 50,
                                 "then": [{"op": "track", "track": "tension", "delta": 1}],
                                 "else": [{"op": "track", "track": "tension", "delta": 2}]}], "source": "test"},
        {"id": "erode", "name": "Walk Out", "text": "Rules −1.", "tags": ["tariff"], "cost": 0,
         "effects": [{"op": "track", "track": "rules", "delta": -1}], "source": "test"},
    ]
    # Rules falling to 3 raises Tension (as in the brief's ruleset): a chain through a threshold
    d["tracks"][1]["thresholds"] = [{"at": 3, "direction": "down",
                                     "effects": [{"op": "track", "track": "tension", "delta": 1}]}]
    return Ruleset.model_validate(d)


def host_to_act(rs: Ruleset, tension: int, hand: tuple[str, ...], rules: int | None = None) -> State:
    """A game at the host's first action, with the given Tension and hand."""
    state, _ = new_game(rs, 3, {"host": "human"})
    while not (decision_kind(state) == "act" and state.game.factions[state.turn_idx] == "host"):
        f = state.game.factions[state.pending[0].faction] if state.pending else state.game.factions[state.turn_idx]
        acts = legal_actions(state, f)
        state, _ = apply(state, next((a for a in acts if a.kind == "pass"), acts[0]))
    state = state.clone()
    g = state.game
    state.tracks[g.tidx["tension"]] = tension
    if rules is not None:
        state.tracks[g.tidx["rules"]] = rules
    state.hands[g.fidx["host"]] = tuple(g.cidx[c] for c in hand)
    return state


@pytest.fixture
def rs() -> Ruleset:
    return ruleset_with_gambles()


def test_a_move_that_takes_tension_to_the_war_threshold_is_certain(rs):
    s = host_to_act(rs, 9, ("exercise", "hotline"))
    before = (s.tracks[:], s.hands[:], s.rng, s.steps)
    assert war_risk(s, play("host", "exercise")) == "certain"
    assert (s.tracks, s.hands, s.rng, s.steps) == before  # the state is left as it was
    after, _ = apply(s, play("host", "exercise"))
    assert after.outcome == "war" and after.war_by == 0


def test_a_move_short_of_the_threshold_or_calming_is_safe(rs):
    s = host_to_act(rs, 8, ("exercise", "hotline"))
    assert war_risk(s, play("host", "exercise")) is None
    s9 = host_to_act(rs, 9, ("exercise", "hotline"))
    assert war_risk(s9, play("host", "hotline", "rival")) is None
    assert war_risk(s9, pass_("host")) is None


def test_a_chance_effect_that_could_tip_it_is_possible_whatever_the_roll_says(rs):
    s = host_to_act(rs, 9, ("gamble",))
    assert war_risk(s, play("host", "gamble")) == "possible"
    # the answer does not depend on this game's own next roll: every seed says "possible"
    outcomes = set()
    for seed in range(40):
        t = s.clone()
        t.rng = seed * 7919 + 1
        assert war_risk(t, play("host", "gamble")) == "possible"
        outcomes.add(apply(t, play("host", "gamble"))[0].outcome)
    assert outcomes == {"", "war"}  # some rolls start the war, some do not
    assert war_risk(host_to_act(rs, 8, ("gamble",)), play("host", "gamble")) is None


def test_every_branch_of_a_chance_reaching_war_is_certain(rs):
    s = host_to_act(rs, 9, ("sure_gamble",))
    assert war_risk(s, play("host", "sure_gamble")) == "certain"


def test_a_threshold_on_another_track_that_raises_tension_counts(rs):
    s = host_to_act(rs, 9, ("erode",), rules=4)
    assert war_risk(s, play("host", "erode")) == "certain"
    assert war_risk(host_to_act(rs, 9, ("erode",), rules=6), play("host", "erode")) is None


def test_an_answer_to_a_choice_that_raises_tension_is_checked(rs):
    # the crisis choice: "Intervene" raises Tension by 1
    state, _ = new_game(rs, 3, {"patron": "human"})
    found = None
    for seed in range(60):
        state, _ = new_game(rs, seed, {"patron": "human"})
        if state.pending and state.pending[0].kind == "choice":
            found = state
            break
    assert found is not None, "no seed opens with the Strait Crisis"
    s = found.clone()
    s.tracks[s.game.tidx["tension"]] = 9
    assert war_risk(s, answer("patron", "intervene")) == "certain"
    assert war_risk(s, answer("patron", "stay_out")) is None


def test_illegal_moves_and_games_over_have_no_risk(rs):
    s = host_to_act(rs, 9, ("exercise",))
    assert war_risk(s, play("host", "hotline", "rival")) is None  # not in hand
    over, _ = apply(s, play("host", "exercise"))
    assert war_risk(over, pass_("patron")) is None
