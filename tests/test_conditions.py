"""Compiled conditions (game.engine.conditions) give exactly what a plain reading of the schema
gives: every condition of the shipped rulesets and the test fixture, tested with every
(actor, target, chooser) on states reached by random play, against the reference below."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.ai.random_bot import RandomBot
from game.engine import apply, bits, current_decider, new_game
from game.engine.conditions import test as compiled_test
from game.engine.conditions import who as plain_who
from game.engine.effects import Ctx
from game.rules.loader import load_ruleset

ROOT = Path(__file__).resolve().parent.parent


def reference(state, cond, ctx) -> bool:
    """The conditions as the schema documents them, read field by field."""
    g = state.game

    def who(spec):  # the engine's plain `who` (effects use it); the compiled tests use their own
        return plain_who(state, spec, ctx)

    def within(v):
        return (cond.min is None or v >= cond.min) and (cond.max is None or v <= cond.max)

    t = cond.test
    if t == "track":
        return within(state.tracks[g.tidx[cond.track]])
    if t == "resource":
        fs = who(cond.who)
        return bool(fs) and all(within(state.res[f][g.ridx[cond.resource]]) for f in fs)
    if t == "trust":
        pairs = [(x, y) for x in who(cond.a) for y in who(cond.b) if x != y]
        return bool(pairs) and all(within(state.trust[x * g.n + y]) for x, y in pairs)
    if t == "member":
        fs = who(cond.who)
        return bool(fs) and all(state.members[g.kidx[cond.coalition]] >> f & 1 for f in fs)
    if t == "members":
        return within(bin(state.members[g.kidx[cond.coalition]]).count("1"))
    if t == "flag":
        v = state.flags.get(cond.flag, 0)
        return v != 0 if cond.min is None and cond.max is None else within(v)
    if t == "round":
        return within(state.round)
    if t == "faction":
        fs = who(cond.who)
        return bool(fs) and all(g.factions[f] in cond.is_ for f in fs)
    if t == "all":
        return all(reference(state, c, ctx) for c in cond.of)
    if t == "any":
        return any(reference(state, c, ctx) for c in cond.of)
    if t == "not":
        return not reference(state, cond.of, ctx)
    raise AssertionError(t)


def conditions_in(node, out: list) -> list:
    """Every condition object inside a ruleset model (each `all`/`any`/`not` and its parts)."""
    if isinstance(node, BaseModel):
        if isinstance(getattr(node, "test", None), str) and type(node).__name__.endswith("Cond"):
            out.append(node)
        for name in type(node).model_fields:
            conditions_in(getattr(node, name), out)
    elif isinstance(node, (list, tuple)):
        for x in node:
            conditions_in(x, out)
    elif isinstance(node, dict):
        for x in node.values():
            conditions_in(x, out)
    return out


RULESETS = {
    "brief": lambda small: load_ruleset(ROOT / "rulesets" / "brief-2025.yaml"),
    "short": lambda small: load_ruleset(ROOT / "rulesets" / "brief-2025-short.yaml"),
    "small": lambda small: small,
}


def states_of(rs, seed: int, every: int = 7) -> list:
    s, _ = new_game(rs, seed)
    bots = {f: RandomBot(seed * 10 + i) for i, f in enumerate(s.game.factions)}
    out = [s]
    while not s.over:
        f = current_decider(s)
        s, _ = apply(s, bots[f].choose(s, f)[0])
        if s.steps % every == 0:
            out.append(s)
    return out + [s]


@pytest.mark.parametrize("name", sorted(RULESETS))
def test_every_condition_of_the_ruleset_is_covered(name, small):
    conds = conditions_in(RULESETS[name](small), [])
    tests = {c.test for c in conds}
    assert conds
    if name == "brief":  # the default scenario uses every kind of condition but round and faction
        assert tests >= {"track", "resource", "trust", "member", "members", "flag", "all", "any", "not"}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), name=st.sampled_from(sorted(RULESETS)))
def test_compiled_conditions_match_the_reference(small, seed, name):
    rs = RULESETS[name](small)
    conds = conditions_in(rs, [])
    checked = 0
    for s in states_of(rs, seed):
        n = s.game.n
        roles = [(a, t, c) for a in (-1, 0, n - 1) for t in (-1, 1 % n, n - 1) for c in (-1, 0)]
        for cond in conds:
            for a, t, c in roles:
                ctx = Ctx(a, t, c)
                assert compiled_test(s, cond, ctx) is reference(s, cond, ctx), (cond, a, t, c, s.steps)
                checked += 1
    assert checked > 100


def test_each_kind_of_condition_on_a_set_state(small):
    """Exact answers on a hand-set state, including the edge cases: nobody named, unset flags."""
    s, _ = new_game(small, 1)
    g = s.game
    host, patron, rival = (g.fidx[x] for x in ("host", "patron", "rival"))
    s.tracks[g.tidx["tension"]] = 6
    s.res[patron][g.ridx["economy"]] = 3
    s.trust[host * g.n + rival] = s.trust[rival * g.n + host] = -2
    s.flags["talks"] = 2
    k = 0
    s.members[k] = bits.of((host, patron))
    co = g.coalitions[k].id
    ctx = Ctx(host, rival, patron)

    def holds(data) -> bool:
        return compiled_test(s, _condition_model(data), ctx)

    assert holds({"test": "track", "track": "tension", "min": 6, "max": 6})
    assert not holds({"test": "track", "track": "tension", "max": 5})
    assert holds({"test": "resource", "resource": "economy", "who": "chooser", "max": 3})
    assert not holds({"test": "resource", "resource": "economy", "who": "all", "max": 3})
    assert holds({"test": "trust", "a": "actor", "b": "target", "max": -2})
    assert not holds({"test": "trust", "a": "actor", "b": "actor", "max": 5})  # no pair: false
    assert holds({"test": "member", "coalition": co, "who": f"members:{co}"})
    assert not holds({"test": "member", "coalition": co, "who": "target"})
    assert holds({"test": "members", "coalition": co, "min": 2, "max": 2})
    assert holds({"test": "flag", "flag": "talks"})
    assert not holds({"test": "flag", "flag": "never_set"})
    assert holds({"test": "flag", "flag": "never_set", "max": 0})
    assert holds({"test": "round", "min": 1, "max": 1})
    assert holds({"test": "faction", "who": "target", "in": ["rival"]})
    assert not holds({"test": "faction", "who": "others", "in": ["rival"]})
    assert holds({"test": "faction", "who": "others", "in": ["patron", "rival"]})
    assert holds({"test": "faction", "who": "rival", "in": ["rival"]})
    assert not holds({"test": "faction", "who": "nobody", "in": ["rival"]})
    assert holds({"test": "any", "of": [{"test": "round", "min": 9}, {"test": "flag", "flag": "talks"}]})
    assert not holds({"test": "all", "of": [{"test": "round", "min": 9}, {"test": "flag", "flag": "talks"}]})
    assert holds({"test": "not", "of": {"test": "round", "min": 9}})


def _condition_model(data: dict):
    from pydantic import TypeAdapter

    from game.rules.schema import Condition

    return TypeAdapter(Condition).validate_python(data)


@pytest.mark.parametrize("name", ["brief", "short"])
def test_conditions_the_bots_call_role_free_ignore_who_acts(small, name):
    """The bots test a condition that names no actor, target or chooser once per decision;
    such a condition must indeed give one answer whoever acts, is targeted or chooses."""
    from game.ai.knowledge import knowledge

    rs = RULESETS[name](small)
    s0, _ = new_game(rs, 1)
    k = knowledge(s0.game)
    conds = [x for ci in k.cards for a in ci.atoms + ci.answer_atoms for x in a.conds]
    free = [holds for holds, _wanted, _joins, is_free in conds if is_free]
    assert free and len(free) < len(conds)  # both kinds occur in the default scenario
    for s in states_of(rs, 3, every=5):
        n = s.game.n
        for holds in free:
            answers = {holds(s, Ctx(a, t, c)) for a in range(n) for t in (-1, *range(n)) for c in (-1, 0)}
            assert len(answers) == 1
