"""`pay`: a price the deciding faction (the chooser) chooses to pay: exactly `amount` of a
resource, to the one faction `to` names or to nobody. Prices are summed by `game.engine.prices`."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.effects import pay
from game.engine.ops.atoms import RES, TRANSFER
from game.rules import schema as s

OP = "pay"
MODEL = s.PayEffect


def apply(state, e, ctx, out: list) -> None:
    """The chooser pays (events: `pay`)."""
    to = who(state, e.to, ctx) if e.to else ()
    pay(state, ctx.chooser, state.game.ridx[e.resource], e.amount, to[0] if to else -1, out)


def changes(state, e, ctx) -> bool:
    """A price alone changes nothing the move is for; a payment to someone with room does."""
    g = state.game
    r = g.ridx[e.resource]
    return bool(e.to) and any(b != ctx.chooser and state.res[b][r] < g.rmax[r] for b in who(state, e.to, ctx))


def changes_fn(g, e):
    """`changes` as a function; None for a payment to nobody."""
    if not e.to:
        return None
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """What it may change."""
    return {("res", e.resource)}


def atoms(g, e, b) -> None:
    """The chooser's loss, or a transfer when it is paid to someone."""
    if e.to:
        b.add(TRANSFER, "chooser", g.ridx[e.resource], e.amount, who2=e.to)
    else:
        b.add(RES, "chooser", g.ridx[e.resource], -e.amount)
