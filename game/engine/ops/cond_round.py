"""Condition `round`: the round number lies within [min, max]."""
from __future__ import annotations

from game.engine.conditions import bounds
from game.rules import schema as s

TEST = "round"
MODEL = s.RoundCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    lo, hi = bounds(c)
    return lambda st, ctx: lo <= st.round <= hi


def reads(c) -> set:
    """Nothing a move changes."""
    return set()
