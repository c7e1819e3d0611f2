"""Every game ends: the engine states a bound on the decisions of a game, and no driver exceeds it.

Random legal play, and a driver that always proposes and always answers "counter" (the one
that used to run 5,000 decisions without leaving round 1), over the small ruleset and both
shipped ones.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import small_ruleset_dict
from game.ai.random_bot import RandomBot
from game.engine import apply, current_decider, decision_kind, legal_actions, new_game
from game.engine.bounds import decision_bound
from game.rules.loader import load_ruleset
from game.rules.schema import Ruleset

ROOT = Path(__file__).resolve().parent.parent


def rulesets() -> dict[str, Ruleset]:
    out = {"small": Ruleset.model_validate(small_ruleset_dict())}
    for name in ("brief-2025.yaml", "brief-2025-short.yaml"):
        out[name] = load_ruleset(ROOT / "rulesets" / name)
    return out


RULESETS = rulesets()


def always_counter(state, faction, bot):
    """Propose whenever it may, answer every proposal with a counter while one is allowed."""
    acts = legal_actions(state, faction)
    kind = decision_kind(state)
    if kind == "proposal":
        counter = [a for a in acts if a.option == "counter"]
        if counter:
            return counter[0]
    if kind in ("negotiate", "counter"):
        props = [a for a in acts if a.kind == "propose"]
        if props:
            return props[len(props) // 2]
    return bot.choose(state, faction)[0]


def play_out(rs: Ruleset, seed: int, driver) -> int:
    state, _ = new_game(rs, seed)
    bound = decision_bound(rs)
    bots = {f: RandomBot(seed * 7 + i) for i, f in enumerate(state.game.factions)}
    steps = 0
    while not state.over:
        f = current_decider(state)
        state, _ = apply(state, driver(state, f, bots[f]))
        steps += 1
        assert steps <= bound, f"{steps} decisions, over the bound {bound}"
    return steps


@pytest.mark.parametrize("name", list(RULESETS))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_games_end_within_the_bound(name, seed):
    play_out(RULESETS[name], seed, lambda st, f, bot: bot.choose(st, f)[0])


@pytest.mark.parametrize("name", list(RULESETS))
@pytest.mark.parametrize("seed", [1, 2])
def test_always_counter_ends_within_the_bound(name, seed):
    steps = play_out(RULESETS[name], seed, always_counter)
    assert steps > 0


def test_counters_happen_and_stop():
    """The always-counter driver really counters, and each faction's counters stop with its proposals."""
    rs = RULESETS["brief-2025-short.yaml"]
    state, _ = new_game(rs, 4)
    bots = {f: RandomBot(i) for i, f in enumerate(state.game.factions)}
    counters = 0
    while not state.over and state.round == 1:
        f = current_decider(state)
        action = always_counter(state, f, bots[f])
        counters += action.option == "counter"
        state, _ = apply(state, action)
    pr = rs.turn.proposals
    assert 0 < counters <= len(rs.factions) * (pr.per_round + pr.extra_counters)


def test_bound_grows_with_the_rules():
    """The bound counts rounds, proposals and actions: more of each, a larger bound."""
    data = small_ruleset_dict()
    base = decision_bound(Ruleset.model_validate(data))
    for key, value in (("rounds", 6), ("actions_per_round", 3)):
        more = {**data, "turn": {**data["turn"], key: value}}
        assert decision_bound(Ruleset.model_validate(more)) > base
    more = {**data, "turn": {**data["turn"], "proposals": {**data["turn"]["proposals"], "per_round": 3}}}
    assert decision_bound(Ruleset.model_validate(more)) > base
