"""Would an action start a war? The test the front ends run before a human's move is sent.

`war_risk(state, action)` answers "certain" when the move itself takes a track to a threshold
that ends the game in war, "possible" when a chance effect of the move (a roll of its card, of
the option answered, of a coalition joined, of a threshold crossed) could, and None otherwise.
It never changes `state`: it applies the action to a copy and walks the chance branches of the
move's own effects on the tracks alone.
"""
from __future__ import annotations

from game.engine import bits
from game.engine.actions import Action, IllegalAction
from game.engine.conditions import test
from game.engine.effects import Ctx
from game.engine.ops import WAR
from game.engine.state import State

CERTAIN, POSSIBLE = "certain", "possible"
MAX_BRANCHES = 512  # more chance branches than this are not walked further (none of them is lost:
                    # a branch cut short counts as "might"); no shipped card comes near it


def war_thresholds(state: State) -> list[tuple[int, int, str]]:
    """(track index, at, direction) of every threshold that ends the game in war."""
    g = state.game
    return [(t, th.at, th.direction) for t, tr in enumerate(g.ruleset.tracks)
            for th in tr.thresholds if th.ends_game == "war"]


def war_risk(state: State, action: Action) -> str | None:
    """"certain", "possible" or None: whether `action` would, or could by chance, end the game
    in war. An illegal action, a ballot (secret until counted) or a game already over is None."""
    if state.over or action.kind == "pass" or not war_thresholds(state):
        return None
    d = state.pending[0] if state.pending else None
    if d is not None and d.kind == "vote":
        return None  # the outcome depends on the other ballots, which the voter may not see
    try:
        from game.engine.core import apply
        after, events = apply(state, action)
    except IllegalAction:
        return None
    if after.over and after.outcome == "war":
        rolled = any(e.get("type") == "chance" for e in events)
        if not rolled:
            return CERTAIN
        return CERTAIN if _walk(state, action) == CERTAIN else POSSIBLE
    walked = _walk(state, action)
    return POSSIBLE if walked else None  # this roll spares the table; another one might not


def _walk(state: State, action: Action) -> str | None:
    """Every chance branch of the move's own effects, followed on the tracks only."""
    g = state.game
    f = g.fidx[action.faction]
    if action.kind == "play":
        spec = g.cards[g.cidx[action.card]]
        t = g.fidx[action.target] if action.target else -1
        effects, ctx = spec.effects, Ctx(f, t, f)
    elif action.kind == "answer" and state.pending and state.pending[0].kind in ("response", "choice"):
        from game.engine.core import options_of
        dec = state.pending[0]
        opt = next((o for o in options_of(state, dec) if o.id == action.option), None)
        if opt is None:
            return None
        effects, ctx = opt.effects, Ctx(dec.actor, dec.target, f)
    else:
        return None
    walker = _Walker(state)
    ends = walker.run(effects, ctx, [tuple(state.tracks)])
    wars = sum(1 for e in ends if e is None)
    if wars == 0 and not walker.cut:
        return None
    if wars == len(ends) and not walker.cut:
        return CERTAIN
    return POSSIBLE if wars or walker.cut else None


class _Walker:
    """Runs effects on track values alone, forking at every chance effect. A branch that ends in
    war becomes None."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.g = state.game
        self.cut = False
        self.probe = state.clone()  # conditions are tested on this copy with a branch's tracks

    def run(self, effects, ctx: Ctx, branches: list) -> list:
        for e in effects:
            nxt = []
            for b in branches:
                if b is None:
                    nxt.append(None)
                else:
                    nxt.extend(self.one(e, ctx, b))
            if len(nxt) > MAX_BRANCHES:
                self.cut = True
                nxt = nxt[:MAX_BRANCHES]
            branches = nxt
        return branches

    def holds(self, cond, ctx: Ctx, tracks: tuple) -> bool:
        self.probe.tracks = list(tracks)
        return test(self.probe, cond, ctx)

    def one(self, e, ctx: Ctx, tracks: tuple) -> list:
        """The branches after effect `e` (as its module says; unchanged when it moves no track)."""
        fn = WAR.get(e.op)
        return [tracks] if fn is None else fn(self, e, ctx, tracks)

    def move(self, t: int, delta: int, ctx: Ctx, tracks: tuple) -> list:
        track = self.g.ruleset.tracks[t]
        old = tracks[t]
        new = bits.clamp(old + delta, track.min, track.max)
        if new == old:
            return [tracks]
        tracks = tracks[:t] + (new,) + tracks[t + 1:]
        branches = [tracks]
        for th in track.thresholds:
            up = th.direction == "up" and old < th.at <= new
            down = th.direction == "down" and old > th.at >= new
            if not (up or down):
                continue
            branches = self.run(th.effects, ctx, branches)
            if th.ends_game == "war":
                return [None for _ in branches]
            if th.ends_game:
                return [b for b in branches if b is not None]  # the game ends otherwise: no war
        return branches
