"""`resource`: change a resource of every faction `who` names by `delta` (times a coalition's
size with `times`), clamped to the resource's bounds."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.effects import change_resource, times
from game.engine.ops.atoms import RES
from game.rules import schema as s

OP = "resource"
MODEL = s.ResourceEffect


def apply(state, e, ctx, out: list) -> None:
    """Change the resource of each faction named (events: `resource`)."""
    r = state.game.ridx[e.resource]
    d = e.delta if e.times is None else e.delta * times(state, e)
    for f in who(state, e.who, ctx):
        change_resource(state, f, r, d, out)


def _moves(state, f: int, r: int, d: int) -> bool:
    g = state.game
    v = state.res[f][r]
    return (d > 0 and v < g.rmax[r]) or (d < 0 and v > g.rmin[r])


def changes(state, e, ctx) -> bool:
    """Whether a named faction's resource is not yet at the bound the change moves toward."""
    d = e.delta * times(state, e)
    return bool(d) and any(_moves(state, f, state.game.ridx[e.resource], d) for f in who(state, e.who, ctx))


def changes_fn(g, e):
    """`changes` compiled for the common shapes (one role or one faction, no `times`)."""
    if e.times is None and e.who in ("actor", "target", "chooser") and e.delta:
        r, role = g.ridx[e.resource], e.who
        bound = g.rmax[r] if e.delta > 0 else g.rmin[r]
        up = e.delta > 0

        def fn(st, ctx) -> bool:
            x = ctx.actor if role == "actor" else ctx.target if role == "target" else ctx.chooser
            return x >= 0 and (st.res[x][r] < bound if up else st.res[x][r] > bound)
        return fn
    if e.times is None and e.who in g.fidx and e.delta:
        x, r = g.fidx[e.who], g.ridx[e.resource]
        if e.delta > 0:
            hi = g.rmax[r]
            return lambda st, ctx: st.res[x][r] < hi
        lo = g.rmin[r]
        return lambda st, ctx: st.res[x][r] > lo
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """What it may change, for the bots' reading of later conditions."""
    return {("res", e.resource)}


def atoms(g, e, b) -> None:
    """Its expected change, for the bots."""
    b.add(RES, e.who, g.ridx[e.resource], e.delta, times=g.kidx[e.times.members] if e.times else -1)
