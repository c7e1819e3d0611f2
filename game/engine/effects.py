"""The effect interpreter: runs effect lists, each effect by its primitive's module in
`game.engine.ops`, and the changes of state several rules share (clamped resources, trust and
tracks with their thresholds, joining, paying, drawing, the end of the game)."""
from __future__ import annotations

from game.engine import bits, prices, rng
from game.engine.conditions import test, who
from game.engine.state import OVER, Decision, Outcome, State

__all__ = ["APPLY", "Ctx", "change_resource", "change_trust", "draw", "end_game", "join", "move_track", "pay", "run",
           "test", "times", "who"]  # test, who: the runner's companions, imported from here by core, flow, scoring


class Ctx:
    """Who is who while effects run, and the decisions they open."""

    __slots__ = ("actor", "target", "chooser", "queue")

    def __init__(self, actor: int = -1, target: int = -1, chooser: int = -1) -> None:
        self.actor = actor
        self.target = target
        self.chooser = chooser
        self.queue: list[Decision] = []


def times(state: State, e) -> int:
    """The multiplier of an amount with `times`: the coalition's member count (1 without)."""
    if e.times is None:
        return 1
    return bits.count(state.members[state.game.kidx[e.times.members]])


def change_resource(state: State, f: int, r: int, delta: int, out: list) -> int:
    """Clamp and apply; returns the change actually made."""
    g = state.game
    row = state.res[f]
    old = row[r]
    new = bits.clamp(old + delta, g.rmin[r], g.rmax[r])
    row[r] = new
    if new != old:
        out.append({"type": "resource", "faction": g.factions[f], "resource": g.resources[r],
                    "delta": new - old, "value": new})
    return new - old


def change_trust(state: State, a: int, b: int, delta: int, out: list) -> None:
    """Clamp and apply a change of the trust between `a` and `b` (both ways)."""
    g = state.game
    if a == b or a < 0 or b < 0:
        return
    tr = g.ruleset.trust
    old = state.trust[a * g.n + b]
    new = bits.clamp(old + delta, tr.min, tr.max)
    if new != old:
        state.trust[a * g.n + b] = new
        state.trust[b * g.n + a] = new
        out.append({"type": "trust", "a": g.factions[a], "b": g.factions[b], "delta": new - old, "value": new})


def move_track(state: State, t: int, delta: int, ctx: Ctx, out: list) -> None:
    """Clamp and apply; fire every threshold crossed on the way."""
    g = state.game
    track = g.ruleset.tracks[t]
    old = state.tracks[t]
    new = bits.clamp(old + delta, track.min, track.max)
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
    """End the game with `outcome` (war: `by` is who triggered it)."""
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
    state.members[k] = bits.with_(state.members[k], f)
    out.append({"type": "join", "faction": g.factions[f], "coalition": co.id,
                "members": bits.count(state.members[k])})
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


APPLY: dict = {}  # op -> its module's apply(state, effect, ctx, out); filled by game.engine.ops


def run(state: State, effects, ctx: Ctx, out: list) -> None:
    """Apply effects in order, each by its primitive's module (`game.engine.ops`); choices are
    queued on `ctx.queue`."""
    for e in effects:
        if state.over:
            return
        APPLY[e.op](state, e, ctx, out)
