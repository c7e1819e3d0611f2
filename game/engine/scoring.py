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


def goal_value(state: State, goal) -> int:
    """How far a shared goal's track stands now (counted down from its top when `invert`)."""
    g = state.game
    t = g.tidx[goal.track]
    value = state.tracks[t]
    return g.ruleset.tracks[t].max - value if goal.invert else value


def score_of(state: State, f: int) -> Score:
    """Faction number `f`'s score now: its resources and shared goals by its weights, the
    objectives it holds, and the war terms if the game ended in war."""
    g = state.game
    rs = g.ruleset
    fac = rs.factions[f]
    terms: list[tuple[str, float]] = []
    for r, rid in enumerate(g.resources):
        w = fac.weights.get(rid, 0.0)
        if w:
            terms.append((rid, round(w * state.res[f][r], 6)))
    for goal in rs.scoring.shared:
        w = fac.weights.get(goal.id, 0.0)
        if w:
            terms.append((goal.id, round(w * goal_value(state, goal), 6)))
    ctx = Ctx(f, -1, f)
    for obj in g.objectives:
        if obj.faction is not None and obj.faction != fac.id:
            continue
        if test(state, obj.condition, ctx):
            terms.append((f"objective:{obj.id}", float(obj.points)))
    if state.outcome == "war":
        terms.append(("war", float(rs.scoring.war.everyone)))
        if state.war_by == f:
            terms.append(("war_trigger", float(rs.scoring.war.trigger)))
    return Score(fac.id, tuple(terms))


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
