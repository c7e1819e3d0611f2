"""Condition `any`: some condition in `of` holds (stops at the first true)."""
from __future__ import annotations

from game.engine.conditions import compile_condition
from game.rules import schema as s

TEST = "any"
MODEL = s.AnyCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    fns = tuple(compile_condition(g, x) for x in c.of)
    want = True

    def group(st, ctx) -> bool:
        for fn in fns:
            if fn(st, ctx) == want:
                return want
        return not want
    return group


def reads(c) -> set:
    """Nothing of its own (the walk reaches its parts)."""
    return set()
