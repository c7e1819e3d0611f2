"""Condition `resource`: the resource of every faction `who` names lies within [min, max]."""
from __future__ import annotations

from game.engine.conditions import bounds, each, who_fn
from game.engine.ops.atoms import roles
from game.rules import schema as s

TEST = "resource"
MODEL = s.ResourceCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    r, (lo, hi) = g.ridx[c.resource], bounds(c)
    return each(who_fn(g, c.who), lambda st, x: lo <= st.res[x][r] <= hi)


def reads(c) -> set:
    """What it looks at, for the bots."""
    return {("res", c.resource)} | roles(c.who)
