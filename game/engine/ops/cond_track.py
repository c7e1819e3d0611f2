"""Condition `track`: a track's value lies within [min, max]."""
from __future__ import annotations

from game.engine.conditions import bounds
from game.rules import schema as s

TEST = "track"
MODEL = s.TrackCond


def compile(g, c):
    """The test as a function (state, ctx) -> bool."""
    i, (lo, hi) = g.tidx[c.track], bounds(c)
    return lambda st, ctx: lo <= st.tracks[i] <= hi


def reads(c) -> set:
    """What it looks at, for the bots."""
    return {("track", c.track)}
