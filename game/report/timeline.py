"""A finished (or paused) game read back from its log: every event with its step and round,
and the tracks and resources at the start and at the end of every round.

Resources are rebuilt from the log alone — `resource` events carry the new value,
`transfer` events move amounts, and a `play` pays its cost — starting from the ruleset's
starting values, so no second replay of the game is needed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import bits, State


@dataclass
class Point:
    """Tracks and resources at one moment: the start (round 0), a round's end, or the war."""

    label: int                     # the round just ended (0 = start)
    tracks: dict[str, int]
    res: dict[str, dict[str, int]]  # faction -> resource -> value
    final: bool = False            # the game ended here mid-round (war)


@dataclass
class Entry:
    index: int                     # position in the whole log
    step: int                      # 0 = setup, k = the k-th action
    round: int
    event: dict


@dataclass
class Timeline:
    state: State
    entries: list[Entry]
    points: list[Point]
    actions: list[dict] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    seats: dict[str, str] = field(default_factory=dict)

    @property
    def game(self):
        return self.state.game

    def of_type(self, *types: str) -> list[Entry]:
        return [e for e in self.entries if e.event.get("type") in types]

    def reason_at(self, step: int) -> str:
        if 1 <= step <= len(self.reasons):
            return self.reasons[step - 1] or ""
        return ""

    def actor_at(self, step: int) -> str:
        if 1 <= step <= len(self.actions):
            return str(self.actions[step - 1].get("faction", ""))
        return ""

    def is_ai(self, faction: str) -> bool:
        return self.seats.get(faction, "ai").startswith("ai")


def _start_values(state: State) -> dict[str, dict[str, int]]:
    g = state.game
    out: dict[str, dict[str, int]] = {}
    for fac in g.ruleset.factions:
        row = {}
        for r, rid in enumerate(g.resources):
            row[rid] = bits.clamp(fac.start.get(rid, 0), g.rmin[r], g.rmax[r])
        out[fac.id] = row
    return out


def build(state: State, events: list[tuple[int, dict]], actions: list[dict] | None = None,
          reasons: list[str] | None = None, seats: dict[str, str] | None = None) -> Timeline:
    """A timeline from a final state and its (step, event) log, as `replay` returns them."""
    g = state.game
    cost_res = g.resources[g.cost_r]
    tracks = {t.id: t.start for t in g.ruleset.tracks}
    res = _start_values(state)
    points = [Point(0, dict(tracks), {f: dict(r) for f, r in res.items()})]
    entries: list[Entry] = []
    rnd = 1
    for i, (step, ev) in enumerate(events):
        t = ev.get("type")
        if t == "round":
            rnd = ev["round"]
        entries.append(Entry(i, step, rnd, ev))
        if t == "resource":
            res[ev["faction"]][ev["resource"]] = ev["value"]
        elif t == "transfer":
            res[ev["from"]][ev["resource"]] -= ev["amount"]
            res[ev["to"]][ev["resource"]] += ev["amount"]
        elif t == "pay":  # a price: the payer's new value, and what the receiver got
            res[ev["faction"]][ev["resource"]] = ev["value"]
            if ev.get("to"):
                res[ev["to"]][ev["resource"]] = ev["to_value"]
        elif t == "play":
            res[ev["faction"]][cost_res] -= ev.get("cost", 0)
        elif t == "track":
            tracks[ev["track"]] = ev["value"]
        elif t == "round_end":
            tracks.update(ev.get("tracks", {}))
            points.append(Point(ev["round"], dict(tracks), {f: dict(r) for f, r in res.items()}))
        elif t == "game_over" and ev.get("outcome") != "completed":
            points.append(Point(rnd, dict(tracks), {f: dict(r) for f, r in res.items()}, final=True))
    return Timeline(state, entries, points, list(actions or []), list(reasons or []),
                    dict(seats or dict(state.seats)))


def from_session(session) -> Timeline:
    """A timeline from a GameSession (its state, events, actions and AI reasons)."""
    return build(session.state, session.events, session.actions, session.reasons, session.seats)
