"""`transfer`: move up to `amount` of a resource from each faction `from` names to each `to`
names, limited by what the giver has and the receiver may hold."""
from __future__ import annotations

from game.engine.conditions import who
from game.engine.ops.atoms import TRANSFER
from game.rules import schema as s

OP = "transfer"
MODEL = s.TransferEffect


def apply(state, e, ctx, out: list) -> None:
    """Move the amounts (events: `transfer`)."""
    g = state.game
    r = g.ridx[e.resource]
    for a in who(state, e.from_, ctx):
        for b in who(state, e.to, ctx):
            if a == b:
                continue
            amount = min(e.amount, state.res[a][r] - g.rmin[r], g.rmax[r] - state.res[b][r])
            if amount > 0:
                state.res[a][r] -= amount
                state.res[b][r] += amount
                out.append({"type": "transfer", "from": g.factions[a], "to": g.factions[b],
                            "resource": e.resource, "amount": amount})


def changes(state, e, ctx) -> bool:
    """Whether some giver has some to give and its receiver room for it."""
    g = state.game
    r = g.ridx[e.resource]
    for a in who(state, e.from_, ctx):
        for b in who(state, e.to, ctx):
            if a != b and state.res[a][r] > g.rmin[r] and state.res[b][r] < g.rmax[r]:
                return True
    return False


def changes_fn(g, e):
    """`changes` as a function."""
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """What it may change."""
    return {("res", e.resource)}


def atoms(g, e, b) -> None:
    """Its expected change, for the bots."""
    b.add(TRANSFER, e.from_, g.ridx[e.resource], e.amount, who2=e.to)
