"""Condition `flag`: a flag's value (0 when unset) lies within [min, max]; with no bounds, the
flag is set (not 0)."""
from __future__ import annotations

from game.engine.conditions import bounds
from game.rules import schema as s

TEST = "flag"
MODEL = s.FlagCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    name = c.flag
    if c.min is None and c.max is None:
        return lambda st, ctx: st.flags.get(name, 0) != 0
    lo, hi = bounds(c)
    return lambda st, ctx: lo <= st.flags.get(name, 0) <= hi


def reads(c) -> set:
    """What it looks at, for the bots."""
    return {("flag", c.flag)}
