"""`track`: move a global track by `delta` (times a coalition's size with `times`), clamped;
every threshold crossed fires."""
from __future__ import annotations

from game.engine import bits
from game.engine.effects import move_track, times
from game.engine.ops.atoms import TRACK
from game.rules import schema as s

OP = "track"
MODEL = s.TrackEffect


def apply(state, e, ctx, out: list) -> None:
    """Move the track (events: `track`, `threshold`, maybe `game_over`)."""
    d = e.delta if e.times is None else e.delta * times(state, e)
    move_track(state, state.game.tidx[e.track], d, ctx, out)


def changes(state, e, ctx) -> bool:
    """Whether the track is not yet at the bound it moves toward."""
    g = state.game
    d = e.delta * times(state, e)
    t = g.tidx[e.track]
    tr = g.ruleset.tracks[t]
    v = state.tracks[t]
    return (d > 0 and v < tr.max) or (d < 0 and v > tr.min)


def changes_fn(g, e):
    """`changes` compiled (no `times`: a bound test)."""
    if e.times is None and e.delta:
        t = g.tidx[e.track]
        tr = g.ruleset.tracks[t]
        if e.delta > 0:
            return lambda st, ctx: st.tracks[t] < tr.max
        return lambda st, ctx: st.tracks[t] > tr.min
    return lambda st, ctx: changes(st, e, ctx)


def touches(e) -> set:
    """What it may change."""
    return {("track", e.track)}


def atoms(g, e, b) -> None:
    """Its expected change, for the bots."""
    b.add(TRACK, "", g.tidx[e.track], e.delta, times=g.kidx[e.times.members] if e.times else -1)


def decisions(c, e) -> int:
    """The most decisions it can open (`game.engine.bounds`): its thresholds' (a cycle counts once)."""
    track = c.tracks[e.track]
    return c.once("track:" + e.track, lambda: sum(c.effects(th.effects) for th in track.thresholds))


def war(w, e, ctx, tracks: tuple) -> list:
    """The track branches after it (`game.engine.risk`): the track moved, its thresholds walked."""
    g, st = w.g, w.state
    d = e.delta
    if e.times is not None:
        d *= bits.count(st.members[g.kidx[e.times.members]])
    return w.move(g.tidx[e.track], d, ctx, tracks)
