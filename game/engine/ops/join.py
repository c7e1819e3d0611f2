"""`join`: each faction `who` names joins a coalition, if it may, is not a member and can pay
the price of joining (the pays of the coalition's on_join, which then runs)."""
from __future__ import annotations

from game.engine import bits
from game.engine.conditions import who
from game.engine.effects import Ctx, join
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


def decisions(c, e) -> int:
    """The most decisions it can open (`game.engine.bounds`): the on_join's (a cycle counts once)."""
    return c.once("co:" + e.coalition, lambda: c.effects(c.coalitions[e.coalition].on_join))


def war(w, e, ctx, tracks: tuple) -> list:
    """The track branches after it (`game.engine.risk`): each joiner's on_join, walked."""
    g, st = w.g, w.state
    k = g.kidx[e.coalition]
    co = g.coalitions[k]
    out = [tracks]
    for f in who(st, e.who, ctx):
        if bits.has(st.members[k], f) or (co.may_join is not None and g.factions[f] not in co.may_join):
            continue
        out = w.run(co.on_join, Ctx(f, ctx.target, f), out)
    return out
