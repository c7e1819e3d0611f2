"""Condition `not`: the condition in `of` does not hold."""
from __future__ import annotations

from game.engine.conditions import compile_condition
from game.rules import schema as s

TEST = "not"
MODEL = s.NotCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    fn = compile_condition(g, c.of)
    return lambda st, ctx: not fn(st, ctx)


def reads(c) -> set:
    """Nothing of its own (the walk reaches its part)."""
    return set()
