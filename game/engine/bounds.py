"""An upper bound on the number of decisions a game can take, stated from the ruleset alone.

Every decision is a step of the action log. A round holds the negotiation (each proposal takes
its own step, one answer per recipient and at most one counter decision; a counter-proposal is
one of the counter-proposer's proposals, so the proposals of a round are bounded), the actions
phase (each action and the decisions its card opens: answers, votes, nested choices, choices of
what it makes happen) and the events and resolution (crisis choices, coalitions' each_round,
miscalculation). A threshold's effects count wherever its track may move.
"""
from __future__ import annotations

from game.engine.ops import DECISIONS
from game.rules import schema as s


class _Counter:
    def __init__(self, rs: s.Ruleset) -> None:
        self.rs = rs
        self.n = len(rs.factions)
        self.tracks = {t.id: t for t in rs.tracks}
        self.coalitions = {k.id: k for k in rs.coalitions}
        self.busy: set[str] = set()  # tracks and coalitions being counted (a cycle counts once)

    def effects(self, effects) -> int:
        """The most decisions running `effects` can open (each effect as its module says)."""
        total = 0
        for e in effects:
            fn = DECISIONS.get(e.op)
            if fn is not None:
                total += fn(self, e)
        return total

    def once(self, key: str, count) -> int:
        """`count()`, or 0 while `key` (a track or coalition) is already being counted."""
        if key in self.busy:
            return 0
        self.busy.add(key)
        try:
            return count()
        finally:
            self.busy.discard(key)

    def options(self, options) -> int:
        return 1 + max(self.effects(o.effects) for o in options)

    def card(self, c: s.Card) -> int:
        total = self.effects(c.effects)
        if c.response is not None:
            total += self.n * self.options(c.response.options)
        if c.vote is not None:
            total += self.n + max(self.effects(c.vote.passed), self.effects(c.vote.failed))
        return total

    def event(self, ev: s.EventCard) -> int:
        return self.effects(ev.effects) + sum(self.options(ch.options) for ch in ev.choices)


def decision_bound(rs: s.Ruleset) -> int:
    """No game of `rs` takes more decisions (action-log steps) than this."""
    c = _Counter(rs)
    n, turn = c.n, rs.turn
    pr = turn.proposals
    joins = max((c.effects(k.on_join) for k in rs.coalitions), default=0)
    # a proposal: its own step, an answer per recipient, one counter decision, the deal's joins
    proposal = 1 + (n - 1) + 1 + pr.max_terms * joins
    negotiation = n * ((pr.per_round + pr.extra_counters) * proposal + 1)
    card = max((c.card(x) for x in rs.cards), default=0)
    actions = n * turn.actions_per_round * (1 + card)
    tension = c.tracks.get(turn.tension_track)
    extra = tension.max // turn.extra_event_every if tension is not None and turn.extra_event_every else 0
    events = (turn.events_per_round + extra) * max((c.event(e) for e in rs.events), default=0)
    resolution = n * sum(c.effects(k.each_round) for k in rs.coalitions)
    if turn.miscalculation is not None:
        resolution += c.effects(turn.miscalculation.effects)
    return turn.rounds * (negotiation + actions + events + resolution)
