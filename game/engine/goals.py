"""What a seat plays for: the objectives its `view` lets it see, each with its condition in
words and whether it holds now, and the weights its score is made of."""
from __future__ import annotations

from dataclasses import dataclass

from game.engine.conditions import test
from game.engine.effects import Ctx
from game.engine.state import State
from game.engine.seat_view import view
from game.rules.schema import text_of


@dataclass(frozen=True, slots=True)
class Aim:
    """One objective as its owner sees it."""

    id: str
    name: str
    text: str          # the condition in words, from the ruleset
    points: int
    secret: bool       # true: only this seat knows it
    met: bool          # whether the condition holds now


@dataclass(frozen=True, slots=True)
class Weight:
    """One term of the seat's score: points per unit of a resource or of a shared goal."""

    id: str
    name: str
    weight: float


def aims(state: State, faction: str, lang: str = "en") -> list[Aim]:
    """The objectives `faction` may see (public ones and its own secrets; `view` decides which),
    its own secrets first."""
    g = state.game
    f = g.fidx[faction]
    visible = set(view(state, faction)["objectives"])
    ctx = Ctx(f, -1, f)
    out = []
    for o in g.objectives:
        if o.id not in visible:  # the view decides: another seat's secret never gets here
            continue
        if not o.secret and o.faction not in (None, faction):
            continue  # a public objective of another faction: not something this seat scores
        out.append(Aim(o.id, text_of(o.name, lang), text_of(o.text, lang), o.points, o.secret,
                       bool(test(state, o.condition, ctx))))
    out.sort(key=lambda a: not a.secret)
    return out


def weights(state: State, faction: str, lang: str = "en") -> list[Weight]:
    """How `faction`'s score is made: its weight on each resource and shared goal (non-zero only)."""
    g = state.game
    rs = g.ruleset
    fac = rs.factions[g.fidx[faction]]
    out = [Weight(r.id, text_of(r.name, lang), fac.weights[r.id]) for r in rs.resources if fac.weights.get(r.id)]
    out += [Weight(s.id, text_of(s.name, lang), fac.weights[s.id]) for s in rs.scoring.shared
            if fac.weights.get(s.id)]
    return out


def war_penalty(state: State) -> tuple[int, int]:
    """(points every faction gets in a war, extra points for the faction whose move tips it)."""
    w = state.game.ruleset.scoring.war
    return w.everyone, w.trigger
