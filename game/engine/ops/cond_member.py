"""Condition `member`: every faction `who` names belongs to the coalition."""
from __future__ import annotations

from game.engine import bits
from game.engine.conditions import each, who_fn
from game.engine.ops.atoms import roles
from game.rules import schema as s

TEST = "member"
MODEL = s.MemberCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    k = g.kidx[c.coalition]
    return each(who_fn(g, c.who), lambda st, x: bits.has(st.members[k], x))


def reads(c) -> set:
    """What it looks at, for the bots."""
    return {("co", c.coalition)} | roles(c.who)
