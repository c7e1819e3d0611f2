"""The primitives' registry and the one walk over rule trees.

Every effect and condition of the schema has one module in game/engine/ops, and the engine
finds it there. This file is also a primitive's module itself: `toy` (the actor gains from
another faction's resource, doubled) is registered at test time, and the walker, the
cross-reference checks, the interpreter, the would-it-change test and the bots' atoms pick it up
without a line changed anywhere else. (Only the file loader cannot: its union of effect models
is closed in game/rules/schema.py, so a new primitive also adds its model there.)
"""
from __future__ import annotations

import sys
import typing
from typing import Literal

import pytest

from game.ai.knowledge import RES, knowledge
from game.engine import core, current_decider, legal_actions, new_game, ops, pass_, play
from game.engine.conditions import who
from game.engine.effects import change_resource
from game.engine.state import ACTIONS
from game.rules import crossref, schema as s
from game.rules.tree import walk

SRC = "ops test"


def _union(annotated) -> tuple:
    return typing.get_args(typing.get_args(annotated)[0])


def test_every_schema_primitive_has_one_registered_module():
    effects = {m.model_fields["op"].annotation.__args__[0]: m for m in _union(s.Effect)}
    conds = {m.model_fields["test"].annotation.__args__[0]: m for m in _union(s.Condition)}
    assert sorted(ops.EFFECTS) == sorted(effects)
    assert sorted(ops.CONDITIONS) == sorted(conds)
    for op, model in effects.items():
        assert ops.EFFECTS[op].MODEL is model
    for t, model in conds.items():
        assert ops.CONDITIONS[t].MODEL is model


def _ruleset(effects: list) -> s.Ruleset:
    return s.Ruleset.model_validate({
        "name": "Ops",
        "factions": [{"id": f, "name": f.upper(), "color": "#123456", "start": {"economy": 5, "influence": 5}}
                     for f in ("a", "b")],
        "resources": [{"id": "economy", "name": "E"}, {"id": "influence", "name": "I"}],
        "tracks": [{"id": "tension", "name": "T", "start": 2}],
        "cards": [{"id": "x", "name": "X", "text": "X", "tags": ["aid"], "cost": 0, "source": SRC,
                   "target": "faction", "effects": effects},
                  {"id": "filler", "name": "F", "text": "F", "tags": ["aid"], "source": SRC, "copies": 5}],
        "coalitions": [{"id": "k", "name": "K"}],
        "turn": {"rounds": 2, "actions_per_round": 1, "hand_size": 1, "cost_resource": "influence",
                 "events_per_round": 0, "extra_event_every": 0, "proposals": {"break_track": None}},
    })


def test_walk_visits_every_nested_effect_condition_and_option_with_its_file_path():
    rs = _ruleset([
        {"op": "if", "cond": {"test": "not", "of": {"test": "track", "track": "tension", "min": 3}},
         "then": [{"op": "chance", "percent": 50, "else": [{"op": "transfer", "from": "target", "to": "actor",
                                                              "resource": "economy", "amount": 1}]}],
         "else": [{"op": "choice", "prompt": "P", "options": [
             {"id": "o", "label": "O", "effects": [{"op": "join", "coalition": "k"}]}]}]},
    ])
    seen = [(type(n).__name__, p, len(parents)) for n, p, parents in walk(rs.cards[0].effects, ("effects",))]
    assert seen == [
        ("IfEffect", ("effects", 0), 0),
        ("NotCond", ("effects", 0, "cond"), 1),
        ("TrackCond", ("effects", 0, "cond", "of"), 2),
        ("ChanceEffect", ("effects", 0, "then", 0), 1),
        ("TransferEffect", ("effects", 0, "then", 0, "else", 0), 2),
        ("ChoiceEffect", ("effects", 0, "else", 0), 1),
        ("Option", ("effects", 0, "else", 0, "options", 0), 2),
        ("JoinEffect", ("effects", 0, "else", 0, "options", 0, "effects", 0), 3),
    ]


def test_crossref_reads_what_a_nested_primitive_names_from_its_model():
    rs = _ruleset([{"op": "chance", "percent": 50, "then": [
        {"op": "transfer", "from": "target", "to": "nobody", "resource": "gold", "amount": 1}]}])
    found = {(p.path, p.message.split(";")[0]) for p in crossref.check(rs)}
    assert (("cards", 0, "effects", 0, "then", 0, "to"), "refers to unknown faction 'nobody'") in found
    assert (("cards", 0, "effects", 0, "then", 0, "resource"), "refers to unknown resource 'gold'") in found


# ---------------------------------------------------------------- a toy primitive, registered here


class ToyEffect(s.Model):
    """The actor takes `amount` of a resource from the faction `who` names, and gets it twice."""

    op: Literal["toy"]
    who: s.Who = "target"
    resource: s.ResourceId
    amount: int = 1


OP = "toy"
MODEL = ToyEffect


def apply(state, e, ctx, out: list) -> None:
    """The toy's apply: every named faction loses `amount`, the actor gains twice that."""
    r = state.game.ridx[e.resource]
    for f in who(state, e.who, ctx):
        change_resource(state, f, r, -e.amount, out)
        change_resource(state, ctx.actor, r, 2 * e.amount, out)


def changes(state, e, ctx) -> bool:
    """Whether a named faction has some of the resource left."""
    r = state.game.ridx[e.resource]
    return any(state.res[f][r] > state.game.rmin[r] for f in who(state, e.who, ctx))


def changes_fn(g, e):
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    return {("res", e.resource)}


def atoms(g, e, b) -> None:
    b.add(RES, "actor", g.ridx[e.resource], 2 * e.amount)


@pytest.fixture
def toy():
    module = sys.modules[__name__]
    ops.register(module)
    yield module
    ops.unregister(module)


def _with_toy(rs: s.Ruleset, effects: list) -> s.Ruleset:
    """`rs` with card x's effects replaced (the file loader knows no toy)."""
    card = rs.cards[0].model_copy(update={"effects": effects})
    return rs.model_copy(update={"cards": [card, *rs.cards[1:]]})


def test_a_toy_primitive_registered_at_test_time_is_walked_checked_run_and_valued(toy):
    base = _ruleset([])
    toy_effect = ToyEffect(op="toy", resource="economy", amount=2)
    rs = _with_toy(base, [s.ChanceEffect.model_construct(op="chance", percent=100, then=[toy_effect], else_=[])])
    # the walker and crossref: the nested toy is found and its reference checked
    assert [n for n, _p, _ in walk(rs.cards[0].effects)][1] is toy_effect
    assert not [p for p in crossref.check(rs) if not p.warning]
    bad = _with_toy(base, [ToyEffect(op="toy", who="nobody", resource="gold")])
    paths = {p.path for p in crossref.check(bad)}
    assert {("cards", 0, "effects", 0, "who"), ("cards", 0, "effects", 0, "resource")} <= paths
    # the interpreter and legality: playing x at b runs the toy
    state, _ = new_game(rs, 1)
    while state.phase != ACTIONS or state.pending:
        state, _ = core.apply(state, pass_(current_decider(state)))
    state = state.clone()
    g = state.game
    a = current_decider(state)
    b = next(f for f in g.factions if f != a)
    state.hands[g.fidx[a]] = (g.cidx["x"],)
    assert play(a, "x", b) in legal_actions(state, a)
    before = [row[:] for row in state.res]
    after, events = core.apply(state, play(a, "x", b))
    e = g.ridx["economy"]
    assert after.res[g.fidx[b]][e] == before[g.fidx[b]][e] - 2
    assert after.res[g.fidx[a]][e] == min(g.rmax[e], before[g.fidx[a]][e] + 4)
    # nothing left to take: the card is not legal at b (the toy's `changes`)
    state.res[g.fidx[b]][e] = g.rmin[e]
    assert g.card_fx[0](state, _Roles(g.fidx[a], g.fidx[b])) is False
    assert play(a, "x", b) not in legal_actions(state, a)
    # the bots read its atoms
    atoms_ = knowledge(g).cards[0].atoms
    assert [(x.kind, x.who, x.delta, x.p) for x in atoms_] == [(RES, "actor", 4, 1.0)]


class _Roles:
    def __init__(self, actor: int, target: int) -> None:
        self.actor, self.target, self.chooser = actor, target, actor
