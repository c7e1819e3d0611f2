"""`join`: each faction `who` names joins a coalition, if it may, is not a member and can pay
the price of joining (the pays of the coalition's on_join, which then runs)."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.effects import join
from game.engine.ops.atoms import JOIN
from game.engine.prices import may_join
from game.rules import schema as s

OP = "join"
MODEL = s.JoinEffect


def apply(state, e, ctx, out: list) -> None:
    """Join (events: `join` or `join_unaffordable`, then the on_join's)."""
    k = state.game.kidx[e.coalition]
    for f in who(state, e.who, ctx):
        join(state, f, k, ctx, out)


def changes(state, e, ctx) -> bool:
    """Whether a named faction may join now."""
    k = state.game.kidx[e.coalition]
    return any(may_join(state, f, k) for f in who(state, e.who, ctx))


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """What it may change (a coalition's members)."""
    return {("join", e.coalition)}


def atoms(g, e, b) -> None:
    """A membership gained, for the bots."""
    b.add(JOIN, e.who, g.kidx[e.coalition], 1)
