"""What a move costs the faction that chooses it, and whether the move would change anything.

A *price* is what a faction chooses to pay: a card's cost, the `pay` effects at the top of a
card's or an option's effects, and the `pay` effects of a coalition's `on_join` when the move
makes the chooser join. A move whose price its chooser cannot pay is not legal. A loss imposed
on a faction (a `resource` effect) is not a price: it clamps at the bound.

A move is *empty* when none of its effects would change the state now (trust already at its
bound, every conditional branch off, ...). A card whose effects and answers are all empty for a
target is not legal at that target, and a card that invites its target into a coalition is not
legal at a target that cannot join it.
"""
from __future__ import annotations

from game.engine import bits
from game.engine.conditions import who
from game.rules import schema as s


class Roles:
    """Who is who for a test of a move not yet made: the actor, target and chooser."""

    __slots__ = ("actor", "target", "chooser")

    def __init__(self, actor: int, target: int, chooser: int) -> None:
        self.actor, self.target, self.chooser = actor, target, chooser


class Price:
    """The static part of an effect list's price: its own `pay`s and the joins at its top level."""

    __slots__ = ("pays", "joins")

    def __init__(self, pays: tuple[tuple[int, int], ...], joins: tuple[tuple[int, str], ...]) -> None:
        self.pays = pays    # (resource index, amount), summed per resource
        self.joins = joins  # (coalition index, who) of each top-level join


def static_price(g, effects) -> Price:
    """The price table of an effect list, built once per list (kept in `g.prices`)."""
    hit = g.prices.get(id(effects))
    if hit is not None and hit[0] is effects:
        return hit[1]
    total: dict[int, int] = {}
    joins: list[tuple[int, str]] = []
    for e in effects:
        if e.op == "pay":
            r = g.ridx[e.resource]
            total[r] = total.get(r, 0) + e.amount
        elif e.op == "join":
            joins.append((g.kidx[e.coalition], e.who))
    price = Price(tuple(total.items()), tuple(joins))
    g.prices[id(effects)] = (effects, price)  # the entry keeps `effects` alive, so its id stays its own
    return price


def may_join(state, f: int, k: int) -> bool:
    """Whether faction `f` may join coalition `k` now, price aside (not a member, allowed)."""
    g = state.game
    co = g.coalitions[k]
    if bits.has(state.members[k], f):
        return False
    return co.may_join is None or g.factions[f] in co.may_join


def join_needs(state, k: int) -> tuple[tuple[int, int], ...]:
    """What joining coalition `k` costs the joiner: the pays of its on_join."""
    return static_price(state.game, state.game.coalitions[k].on_join).pays


def shortfall(state, f: int, needs: dict[int, int]) -> tuple[int, int, int] | None:
    """The first resource `f` cannot pay: (resource, amount needed, amount it has), or None."""
    g = state.game
    row = state.res[f]
    for r, amount in needs.items():
        if row[r] - amount < g.rmin[r]:
            return r, amount, row[r]
    return None


def needs_of(state, effects, ctx, needs: dict[int, int] | None = None) -> dict[int, int]:
    """The price of `effects` for `ctx.chooser`, added to `needs`: its pays, plus the join price
    of each coalition its top-level joins would make the chooser join."""
    p = static_price(state.game, effects)
    needs = {} if needs is None else needs
    for r, amount in p.pays:
        needs[r] = needs.get(r, 0) + amount
    for k, spec in p.joins:
        for f in who(state, spec, ctx):
            if f == ctx.chooser and may_join(state, f, k):
                for r, amount in join_needs(state, k):
                    needs[r] = needs.get(r, 0) + amount
    return needs


def joins_blocked(state, effects, ctx) -> int:
    """A coalition the chooser would be made to join but may not (already a member, or not
    allowed), or -1. An option that says "join" must be able to; what joining costs is part of
    the option's price (`needs_of`)."""
    for k, spec in static_price(state.game, effects).joins:
        for f in who(state, spec, ctx):
            if f == ctx.chooser and not may_join(state, f, k):
                return k
    return -1


# ---------------------------------------------------------------- would it change anything


CHANGES: dict = {}     # op -> its module's changes(state, effect, ctx); filled by game.engine.ops
CHANGES_FN: dict = {}  # op -> its module's changes_fn(g, effect); filled by game.engine.ops


def changes(state, effects, ctx) -> bool:
    """Whether running `effects` now would change the state beyond the prices paid (each effect
    as its primitive's module says).

    It stops at the first effect that would change something, so every effect before it is a
    no-op and the conditions after them read the state as it is now."""
    for e in effects:
        if CHANGES[e.op](state, e, ctx):
            return True
    return False


def invites(g, card: s.Card) -> tuple[int, ...]:
    """The coalitions a card invites its target into: a `join` of the target in its effects or at
    the top of the target's response options."""
    out: list[int] = []
    specs = [(card.effects, ("target",))]
    if card.response is not None and card.response.who == "target":
        specs += [(o.effects, ("target", "chooser")) for o in card.response.options]
    for effects, names in specs:
        for e in effects:
            if e.op == "join" and e.who in names and g.kidx[e.coalition] not in out:
                out.append(g.kidx[e.coalition])
    return tuple(out)


# ---------------------------------------------------------------- `changes`, compiled


def changes_fn(g, effects):
    """`changes` for one effect list as a function (state, ctx) -> bool, built once per list
    (kept in `g.change_fns`): legal_actions asks it of every card and target."""
    hit = g.change_fns.get(id(effects))
    if hit is not None and hit[0] is effects:
        return hit[1]
    fns = [fn for fn in (CHANGES_FN[e.op](g, e) for e in effects) if fn is not None]  # None: never changes
    if not fns:
        def fn(st, ctx) -> bool:
            return False
    elif len(fns) == 1:
        fn = fns[0]
    else:
        def fn(st, ctx) -> bool:
            for f in fns:
                if f(st, ctx):
                    return True
            return False
    g.change_fns[id(effects)] = (effects, fn)  # the entry keeps `effects` alive, so its id stays its own
    return fn

