"""Condition `members`: the coalition's member count lies within [min, max]."""
from __future__ import annotations

from game.engine import bits
from game.engine.conditions import bounds
from game.rules import schema as s

TEST = "members"
MODEL = s.MembersCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    k, (lo, hi) = g.kidx[c.coalition], bounds(c)
    return lambda st, ctx: lo <= bits.count(st.members[k]) <= hi


def reads(c) -> set:
    """What it looks at, for the bots."""
    return {("co", c.coalition)}
