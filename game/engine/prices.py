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
from game.engine.conditions import compiled, test, who
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


def _res_moves(state, f: int, r: int, d: int) -> bool:
    g = state.game
    v = state.res[f][r]
    return (d > 0 and v < g.rmax[r]) or (d < 0 and v > g.rmin[r])


def _times(state, e) -> int:
    if e.times is None:
        return 1
    return bits.count(state.members[state.game.kidx[e.times.members]])


def changes(state, effects, ctx) -> bool:
    """Whether running `effects` now would change the state beyond the prices paid.

    It stops at the first effect that would change something, so every effect before it is a
    no-op and the conditions after them read the state as it is now."""
    g = state.game
    for e in effects:
        op = e.op
        if op == "resource":
            d = e.delta * _times(state, e)
            if d and any(_res_moves(state, f, g.ridx[e.resource], d) for f in who(state, e.who, ctx)):
                return True
        elif op == "track":
            d = e.delta * _times(state, e)
            t = g.tidx[e.track]
            tr = g.ruleset.tracks[t]
            v = state.tracks[t]
            if (d > 0 and v < tr.max) or (d < 0 and v > tr.min):
                return True
        elif op == "trust":
            tr = g.ruleset.trust
            for a in who(state, e.a, ctx):
                for b in who(state, e.b, ctx):
                    if a != b and a >= 0 and b >= 0:
                        v = state.trust[a * g.n + b]
                        if (e.delta > 0 and v < tr.max) or (e.delta < 0 and v > tr.min):
                            return True
        elif op == "transfer":
            r = g.ridx[e.resource]
            for a in who(state, e.from_, ctx):
                for b in who(state, e.to, ctx):
                    if a != b and state.res[a][r] > g.rmin[r] and state.res[b][r] < g.rmax[r]:
                        return True
        elif op == "pay":  # a price alone changes nothing the move is for; a payment to someone does
            r = g.ridx[e.resource]
            if e.to and any(b != ctx.chooser and state.res[b][r] < g.rmax[r] for b in who(state, e.to, ctx)):
                return True
        elif op == "if":
            if changes(state, e.then if test(state, e.cond, ctx) else e.else_, ctx):
                return True
        elif op == "chance":
            if (e.percent > 0 and changes(state, e.then, ctx)) or (e.percent < 100 and changes(state, e.else_, ctx)):
                return True
        elif op == "join":
            if any(may_join(state, f, g.kidx[e.coalition]) for f in who(state, e.who, ctx)):
                return True
        elif op == "leave":
            k = g.kidx[e.coalition]
            if any(bits.has(state.members[k], f) for f in who(state, e.who, ctx)):
                return True
        elif op == "draw":
            if any(state.decks[f] or state.discards[f] for f in who(state, e.who, ctx)):
                return True
        elif op == "discard":
            if any(state.hands[f] for f in who(state, e.who, ctx)):
                return True
        elif op == "flag":
            old = state.flags.get(e.flag, 0)
            if (e.value != 0) if e.add else (old != e.value):
                return True
        elif op == "commit":
            if any(f != t for f in who(state, e.who, ctx) for t in who(state, e.toward, ctx)):
                return True
        elif op == "choice":
            if who(state, e.who, ctx):
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
    fns = [fn for fn in (_effect_fn(g, e) for e in effects) if fn is not None]
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


def _effect_fn(g, e):
    """One effect's part of `changes`: fast paths for the common shapes, `changes` otherwise."""
    op = e.op
    if op == "pay" and not e.to:
        return None
    if op == "resource" and e.times is None and e.who in ("actor", "target", "chooser") and e.delta:
        r, role = g.ridx[e.resource], e.who
        bound = g.rmax[r] if e.delta > 0 else g.rmin[r]
        up = e.delta > 0

        def fn(st, ctx) -> bool:
            x = ctx.actor if role == "actor" else ctx.target if role == "target" else ctx.chooser
            return x >= 0 and (st.res[x][r] < bound if up else st.res[x][r] > bound)
        return fn
    if op == "resource" and e.times is None and e.who in g.fidx and e.delta:
        x, r = g.fidx[e.who], g.ridx[e.resource]
        if e.delta > 0:
            hi = g.rmax[r]
            return lambda st, ctx: st.res[x][r] < hi
        lo = g.rmin[r]
        return lambda st, ctx: st.res[x][r] > lo
    if op == "flag":
        if e.add:
            return (lambda st, ctx: True) if e.value else None
        flag, value = e.flag, e.value
        return lambda st, ctx: st.flags.get(flag, 0) != value
    if op == "track" and e.times is None and e.delta:
        t = g.tidx[e.track]
        tr = g.ruleset.tracks[t]
        if e.delta > 0:
            return lambda st, ctx: st.tracks[t] < tr.max
        return lambda st, ctx: st.tracks[t] > tr.min
    if op == "trust" and e.a in ("actor", "target", "chooser") and e.b in ("actor", "target", "chooser"):
        n, ra, rb, tr = g.n, e.a, e.b, g.ruleset.trust
        bound, up = (tr.max, True) if e.delta > 0 else (tr.min, False)
        if not e.delta:
            return None

        def fn(st, ctx) -> bool:
            a = ctx.actor if ra == "actor" else ctx.target if ra == "target" else ctx.chooser
            b = ctx.actor if rb == "actor" else ctx.target if rb == "target" else ctx.chooser
            if a < 0 or b < 0 or a == b:
                return False
            v = st.trust[a * n + b]
            return v < bound if up else v > bound
        return fn
    if op == "if":
        holds, then, else_ = compiled(g, e.cond), changes_fn(g, e.then), changes_fn(g, e.else_)
        return lambda st, ctx: (then if holds(st, ctx) else else_)(st, ctx)
    one = (e,)
    return lambda st, ctx: changes(st, one, ctx)
