"""The effect and condition interpreter: a closed set of declarative primitives."""
from __future__ import annotations

from game.engine import prices, rng
from game.engine.conditions import test, who
from game.engine.state import CHOICE, OVER, Commitment, Decision, Outcome, State
from game.rules import schema as s


class Ctx:
    """Who is who while effects run, and the decisions they open."""

    __slots__ = ("actor", "target", "chooser", "queue")

    def __init__(self, actor: int = -1, target: int = -1, chooser: int = -1) -> None:
        self.actor = actor
        self.target = target
        self.chooser = chooser
        self.queue: list[Decision] = []


def _times(state: State, e) -> int:
    if e.times is None:
        return 1
    return bin(state.members[state.game.kidx[e.times.members]]).count("1")


def change_resource(state: State, f: int, r: int, delta: int, out: list) -> int:
    """Clamp and apply; returns the change actually made."""
    g = state.game
    row = state.res[f]
    old = row[r]
    new = old + delta  # clamped as min(max, max(min, new)), without the calls
    if new < g.rmin[r]:
        new = g.rmin[r]
    if new > g.rmax[r]:
        new = g.rmax[r]
    row[r] = new
    if new != old:
        out.append({"type": "resource", "faction": g.factions[f], "resource": g.resources[r],
                    "delta": new - old, "value": new})
    return new - old


def change_trust(state: State, a: int, b: int, delta: int, out: list) -> None:
    g = state.game
    if a == b or a < 0 or b < 0:
        return
    tr = g.ruleset.trust
    old = state.trust[a * g.n + b]
    new = old + delta
    if new < tr.min:
        new = tr.min
    if new > tr.max:
        new = tr.max
    if new != old:
        state.trust[a * g.n + b] = new
        state.trust[b * g.n + a] = new
        out.append({"type": "trust", "a": g.factions[a], "b": g.factions[b], "delta": new - old, "value": new})


def move_track(state: State, t: int, delta: int, ctx: Ctx, out: list) -> None:
    """Clamp and apply; fire every threshold crossed on the way."""
    g = state.game
    track = g.ruleset.tracks[t]
    old = state.tracks[t]
    new = min(track.max, max(track.min, old + delta))
    if new == old:
        return
    state.tracks[t] = new
    out.append({"type": "track", "track": track.id, "delta": new - old, "value": new,
                "by": g.factions[ctx.actor] if ctx.actor >= 0 else ""})
    for th in track.thresholds:
        up = th.direction == "up" and old < th.at <= new
        down = th.direction == "down" and old > th.at >= new
        if not (up or down):
            continue
        out.append({"type": "threshold", "track": track.id, "at": th.at, "direction": th.direction,
                    "message": th.message})
        run(state, th.effects, ctx, out)
        if th.ends_game and not state.over:
            end_game(state, th.ends_game, ctx.actor, out)
        if state.over:
            return


def end_game(state: State, outcome: str, by: int, out: list) -> None:
    state.over = True
    state.phase = OVER
    state.outcome = Outcome(outcome)
    state.war_by = by if outcome == "war" else -1
    state.pending.clear()
    out.append({"type": "game_over", "outcome": outcome, "by": state.fid(by) if outcome == "war" else ""})


def join(state: State, f: int, k: int, ctx: Ctx, out: list) -> bool:
    """`f` joins coalition `k` if it may, is not a member and can pay the price of joining (the
    pays of its on_join); then runs the on_join with `f` as actor and chooser."""
    g = state.game
    co = g.coalitions[k]
    if not prices.may_join(state, f, k):
        return False
    short = prices.shortfall(state, f, dict(prices.join_needs(state, k)))
    if short is not None:
        out.append({"type": "join_unaffordable", "faction": g.factions[f], "coalition": co.id,
                    "resource": g.resources[short[0]], "needed": short[1], "has": short[2]})
        return False
    state.members[k] |= 1 << f
    out.append({"type": "join", "faction": g.factions[f], "coalition": co.id,
                "members": bin(state.members[k]).count("1")})
    run(state, co.on_join, Ctx(f, ctx.target, f), out)
    return True


def pay(state: State, f: int, r: int, amount: int, to: int, out: list) -> None:
    """`f` pays `amount` of resource `r` (to faction `to`, or to nobody when -1). Legal moves can
    always pay in full; the receiver gets what fits under its bound."""
    if f < 0:
        return
    g = state.game
    row = state.res[f]
    paid = min(amount, row[r] - g.rmin[r])
    if paid <= 0:
        return
    row[r] -= paid
    event = {"type": "pay", "faction": g.factions[f], "resource": g.resources[r], "amount": paid, "value": row[r]}
    if to >= 0 and to != f:
        got = min(paid, g.rmax[r] - state.res[to][r])
        state.res[to][r] += got
        event.update(to=g.factions[to], received=got, to_value=state.res[to][r])
    out.append(event)


def draw(state: State, f: int, count: int, out: list) -> int:
    """Draw up to `count` cards, reshuffling the discard when the deck runs out."""
    deck = state.decks[f][:]  # clones share deck lists: never change one in place
    new: list[int] = []
    for _ in range(count):
        if not deck:
            if not state.discards[f]:
                break
            state.rng, deck = rng.shuffled(state.rng, state.discards[f])
            state.discards[f] = ()
            out.append({"type": "reshuffle", "faction": state.game.factions[f]})
        new.append(deck.pop())
    drawn = len(new)
    state.hands[f] = (*state.hands[f], *new)
    state.decks[f] = deck
    if drawn:
        out.append({"type": "draw", "faction": state.game.factions[f], "count": drawn})
    return drawn


def run(state: State, effects, ctx: Ctx, out: list) -> None:
    """Apply effects in order; choices are queued on `ctx.queue`.

    The ops are tested most frequent first (resource, if, chance, trust, track)."""
    g = state.game
    for e in effects:
        if state.over:
            return
        op = e.op
        if op == "resource":
            r = g.ridx[e.resource]
            d = e.delta if e.times is None else e.delta * _times(state, e)
            for f in who(state, e.who, ctx):
                change_resource(state, f, r, d, out)
        elif op == "if":
            branch = e.then if test(state, e.cond, ctx) else e.else_
            if branch:
                run(state, branch, ctx, out)
        elif op == "chance":
            state.rng, roll = rng.below(state.rng, 100)
            hit = roll < e.percent
            out.append({"type": "chance", "percent": e.percent, "roll": roll, "hit": hit})
            branch = e.then if hit else e.else_
            if branch:
                run(state, branch, ctx, out)
        elif op == "trust":
            for a in who(state, e.a, ctx):
                for b in who(state, e.b, ctx):
                    change_trust(state, a, b, e.delta, out)
        elif op == "track":
            d = e.delta if e.times is None else e.delta * _times(state, e)
            move_track(state, g.tidx[e.track], d, ctx, out)
        elif op == "flag":
            value = state.flags.get(e.flag, 0) + e.value if e.add else e.value
            state.flags[e.flag] = value
            out.append({"type": "flag", "flag": e.flag, "value": value})
        elif op == "transfer":
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
        elif op == "pay":
            to = who(state, e.to, ctx) if e.to else ()
            pay(state, ctx.chooser, g.ridx[e.resource], e.amount, to[0] if to else -1, out)
        elif op == "draw":
            for f in who(state, e.who, ctx):
                draw(state, f, e.count, out)
        elif op == "discard":
            for f in who(state, e.who, ctx):
                for _ in range(e.count):
                    if not state.hands[f]:
                        break
                    state.rng, i = rng.below(state.rng, len(state.hands[f]))
                    hand = state.hands[f]
                    c = hand[i]
                    state.hands[f] = hand[:i] + hand[i + 1:]
                    state.discards[f] = (*state.discards[f], c)
                    out.append({"type": "discard", "faction": g.factions[f], "card": g.cards[c].id})
        elif op == "join":
            k = g.kidx[e.coalition]
            for f in who(state, e.who, ctx):
                join(state, f, k, ctx, out)
        elif op == "leave":
            k = g.kidx[e.coalition]
            for f in who(state, e.who, ctx):
                if state.members[k] >> f & 1:
                    state.members[k] &= ~(1 << f)
                    out.append({"type": "leave", "faction": g.factions[f], "coalition": e.coalition})
        elif op == "commit":
            for f in who(state, e.who, ctx):
                for t in who(state, e.toward, ctx):
                    if f != t:
                        state.commitments.append(Commitment(f, t, e.tag, e.rounds, "effect"))
                        out.append({"type": "commitment", "by": g.factions[f], "toward": g.factions[t],
                                    "tag": e.tag, "rounds": e.rounds})
        elif op == "choice":
            src = g.source_index(e)
            for f in who(state, e.who, ctx):
                ctx.queue.append(Decision(CHOICE, f, src, ctx.actor, ctx.target, -1))
        else:  # pragma: no cover - the schema admits no other op
            raise ValueError(f"unknown effect {op!r}")
