"""Scores with a per-term breakdown; the total is always the sum of its terms."""
from __future__ import annotations

from dataclasses import dataclass

from game.engine.effects import Ctx, test
from game.engine.state import State


@dataclass(frozen=True, slots=True)
class Score:
    """One faction's score: its terms (name, points) and their sum."""

    faction: str
    terms: tuple[tuple[str, float], ...]  # (term, points) in a fixed order

    @property
    def total(self) -> float:
        """The sum of the terms (rounded to six places, so equal sums compare equal)."""
        return round(sum(v for _, v in self.terms), 6)

    def as_dict(self) -> dict:
        """Plain JSON data: faction, total and the terms by name."""
        return {"faction": self.faction, "total": self.total, "terms": dict(self.terms)}


class Scorer:
    """A ruleset's scoring rules as tables, built once per compiled ruleset (`scorer(g)`).

    `terms` is the breakdown `scores` shows; `value` is the same score as a plain float, as
    fast as it can be read, for the search bot's thousands of positions a second (it leaves
    out the rounding of each term)."""

    def __init__(self, g) -> None:
        rs = g.ruleset
        self.factions = g.factions
        # per faction: (resource index, resource id, weight) for each resource it weighs
        self.res = [[(r, rid, fac.weights[rid]) for r, rid in enumerate(g.resources) if fac.weights.get(rid, 0.0)]
                    for fac in rs.factions]
        # per faction: (track index, inverted, the track's max, goal id, weight) for each shared goal it weighs
        self.goals = [[(g.tidx[goal.track], goal.invert, rs.tracks[g.tidx[goal.track]].max, goal.id,
                        fac.weights[goal.id]) for goal in rs.scoring.shared if fac.weights.get(goal.id, 0.0)]
                      for fac in rs.factions]
        # per faction: (objective id, condition, points) for each objective it may score
        self.objectives = [[(obj.id, obj.condition, obj.points) for obj in g.objectives
                            if obj.faction is None or obj.faction == fac.id] for fac in rs.factions]
        self.war_everyone = rs.scoring.war.everyone
        self.war_trigger = rs.scoring.war.trigger

    def terms(self, state: State, f: int) -> tuple[tuple[str, float], ...]:
        """Faction f's score now, term by term: resources, shared goals, objectives met, war."""
        out: list[tuple[str, float]] = []
        row = state.res[f]
        for r, rid, w in self.res[f]:
            out.append((rid, round(w * row[r], 6)))
        for t, invert, top, gid, w in self.goals[f]:
            out.append((gid, round(w * (top - state.tracks[t] if invert else state.tracks[t]), 6)))
        if self.objectives[f]:
            ctx = Ctx(f, -1, f)
            for oid, cond, points in self.objectives[f]:
                if test(state, cond, ctx):
                    out.append((f"objective:{oid}", float(points)))
        if state.outcome == "war":
            out.append(("war", float(self.war_everyone)))
            if state.war_by == f:
                out.append(("war_trigger", float(self.war_trigger)))
        return tuple(out)

    def value(self, state: State, f: int) -> float:
        """Faction f's score now as one number: the sum of `terms`, each term unrounded."""
        v = 0.0
        row = state.res[f]
        for r, _, w in self.res[f]:
            v += w * row[r]
        for t, invert, top, _, w in self.goals[f]:
            v += w * (top - state.tracks[t] if invert else state.tracks[t])
        if self.objectives[f]:
            ctx = Ctx(f, -1, f)
            for _, cond, points in self.objectives[f]:
                if test(state, cond, ctx):
                    v += points
        if state.outcome == "war":
            v += self.war_everyone + (self.war_trigger if state.war_by == f else 0)
        return v


def scorer(g) -> Scorer:
    """The score tables of a compiled ruleset (built on first use, kept in `g.scorer`)."""
    if g.scorer is None:
        g.scorer = Scorer(g)
    return g.scorer


def score_of(state: State, f: int) -> Score:
    """Faction f's score now with its breakdown."""
    return Score(state.game.factions[f], scorer(state.game).terms(state, f))


def scores(state: State) -> dict[str, Score]:
    """Every faction's score now (final when the game is over)."""
    return {state.game.factions[f]: score_of(state, f) for f in range(state.game.n)}


def ranking(state: State) -> list[Score]:
    """Scores best first; ties keep faction order."""
    all_scores = scores(state)
    order = {fid: i for i, fid in enumerate(state.game.factions)}
    return sorted(all_scores.values(), key=lambda s: (-s.total, order[s.faction]))


def winner(state: State) -> str | None:
    """The best score of a game that ended in peace; a war has no winner."""
    if not state.over or state.outcome == "war":
        return None
    return ranking(state)[0].faction
