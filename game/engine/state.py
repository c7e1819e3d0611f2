"""The game state: a plain slotted dataclass, cheap to clone for search and simulation.

The records in its lists (decisions, commitments, open proposals) are immutable named tuples,
shared between clones and cheaper to build than frozen dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from game.engine.compiled import Compiled

EVENT, NEGOTIATION, ACTIONS, RESOLUTION, CLEANUP, OVER = (
    "event", "negotiation", "actions", "resolution", "cleanup", "over",
)


class Decision(NamedTuple):
    """A pending out-of-turn decision.

    kind: response | choice | vote | proposal | counter
    src:  index into Compiled.sources (response/choice), else -1
    ref:  the card (response, vote), event (choice) or proposal id (proposal, counter)
    """

    kind: str
    faction: int
    src: int = -1
    actor: int = -1
    target: int = -1
    ref: int = -1


class Commitment(NamedTuple):
    by: int
    toward: int
    tag: str
    rounds: int
    source: str                      # "proposal:<id>" or "effect"
    parties: tuple[int, ...] = ()    # who loses trust with the breaker


class OpenProposal(NamedTuple):
    id: int
    proposer: int
    recipients: tuple[int, ...]
    terms: tuple  # tuple[Term, ...]
    accepted: tuple[int, ...] = ()


@dataclass(slots=True)
class State:
    game: Compiled
    seed: int
    rng: int
    round: int = 1
    phase: str = EVENT
    turn_idx: int = 0
    res: list[list[int]] = field(default_factory=list)       # [faction][resource]
    tracks: list[int] = field(default_factory=list)
    trust: list[int] = field(default_factory=list)           # n*n, symmetric
    decks: list[list[int]] = field(default_factory=list)     # card indices, top = end
    hands: list[tuple[int, ...]] = field(default_factory=list)      # rows are tuples: replaced, never changed,
    discards: list[tuple[int, ...]] = field(default_factory=list)   # so clones share them
    removed: list[list[int]] = field(default_factory=list)
    event_deck: list[int] = field(default_factory=list)      # top = end
    event_discard: list[int] = field(default_factory=list)
    events_gone: list[int] = field(default_factory=list)
    looming: list[int] = field(default_factory=list)         # hidden crises drawn face down
    members: list[int] = field(default_factory=list)         # bitmask per coalition
    flags: dict[str, int] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)
    proposals: list[OpenProposal] = field(default_factory=list)
    next_proposal: int = 1
    pending: list[Decision] = field(default_factory=list)
    ballots: list[int] = field(default_factory=list)         # per faction: -1 none, 0 no, 1 yes
    actions_left: list[int] = field(default_factory=list)
    proposals_left: list[int] = field(default_factory=list)
    paralysed: int = 0                                       # bitmask of factions losing next actions
    played: list[int] = field(default_factory=list)          # plays per card (for stats)
    history: list[tuple[int, ...]] = field(default_factory=list)  # tracks at the end of each round
    steps: int = 0
    over: bool = False
    outcome: str = ""                                        # "", "war", "collapse", "completed"
    war_by: int = -1
    seats: tuple[tuple[str, str], ...] = ()                  # (faction, "human" | "ai:normal" ...)

    def clone(self) -> "State":
        """A copy that shares nothing mutable with this one, except the ruleset, the rows of
        `hands` and `discards` (tuples) and the lists of `decks` and `removed`: the engine
        replaces those, never changes them in place (a deck changes only when drawn from; no
        rule changes `removed`)."""
        # every field is set here (skipping __init__ is a third faster); rows of lists are
        # copied with map(list.copy), faster than a comprehension
        c = object.__new__(State)
        c.game = self.game
        c.seed = self.seed
        c.rng = self.rng
        c.round = self.round
        c.phase = self.phase
        c.turn_idx = self.turn_idx
        c.res = list(map(list.copy, self.res))
        c.tracks = self.tracks[:]
        c.trust = self.trust[:]
        c.decks = self.decks[:]
        c.hands = self.hands[:]
        c.discards = self.discards[:]
        c.removed = self.removed[:]
        c.event_deck = self.event_deck[:]
        c.event_discard = self.event_discard[:]
        c.events_gone = self.events_gone[:]
        c.looming = self.looming[:]
        c.members = self.members[:]
        c.flags = dict(self.flags)
        c.commitments = self.commitments[:]
        c.proposals = self.proposals[:]
        c.next_proposal = self.next_proposal
        c.pending = self.pending[:]
        c.ballots = self.ballots[:]
        c.actions_left = self.actions_left[:]
        c.proposals_left = self.proposals_left[:]
        c.paralysed = self.paralysed
        c.played = self.played[:]
        c.history = self.history[:]
        c.steps = self.steps
        c.over = self.over
        c.outcome = self.outcome
        c.war_by = self.war_by
        c.seats = self.seats
        return c

    # small readers used everywhere
    def fid(self, i: int) -> str:
        return self.game.factions[i] if i >= 0 else ""

    def resource(self, faction: str, resource: str) -> int:
        return self.res[self.game.fidx[faction]][self.game.ridx[resource]]

    def track(self, track: str) -> int:
        return self.tracks[self.game.tidx[track]]

    def trust_between(self, a: str, b: str) -> int:
        g = self.game
        return self.trust[g.fidx[a] * g.n + g.fidx[b]]

    def is_member(self, faction: str, coalition: str) -> bool:
        return bool(self.members[self.game.kidx[coalition]] >> self.game.fidx[faction] & 1)

    def hand(self, faction: str) -> list[str]:
        return [self.game.cards[c].id for c in self.hands[self.game.fidx[faction]]]
