"""The game state: a plain slotted dataclass, cheap to clone for search and simulation.

The records in its lists (decisions, commitments, open proposals) are immutable named tuples,
shared between clones and cheaper to build than frozen dataclasses."""
from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from game.engine.compiled import Compiled, compile_ruleset
from game.rules.schema import Ruleset


class Phase(StrEnum):
    """The phase a round is in (`over` once the game has ended). The values are the strings
    saves and events have always held, so a member compares, hashes and dumps as its string."""

    EVENT = "event"
    NEGOTIATION = "negotiation"
    ACTIONS = "actions"
    RESOLUTION = "resolution"
    CLEANUP = "cleanup"
    OVER = "over"


class DecisionKind(StrEnum):
    """What the current decider is asked. The first two are the turn's own decisions (make
    proposals or pass; play a card or pass), the next five are pending out-of-turn decisions
    (a `Decision` in `State.pending`), OVER means nobody decides any more."""

    NEGOTIATE = "negotiate"
    ACT = "act"
    RESPONSE = "response"   # answer a card played at (or around) you, options from the card
    CHOICE = "choice"       # choose an option of an event or of a `choice` effect
    VOTE = "vote"           # yes or no on a card put to the vote
    PROPOSAL = "proposal"   # accept, reject or counter a proposal sent to you
    COUNTER = "counter"     # send a counter-proposal to the proposer, or pass
    OVER = "over"


class Outcome(StrEnum):
    """How the game ended; NONE ("") while it goes on."""

    NONE = ""
    WAR = "war"
    COLLAPSE = "collapse"
    COMPLETED = "completed"


# The members as module constants for the engine's own hot paths: on Python 3.11 looking up
# `DecisionKind.VOTE` costs about ten times a global.
EVENT, NEGOTIATION, ACTIONS, RESOLUTION, CLEANUP, OVER = (
    Phase.EVENT, Phase.NEGOTIATION, Phase.ACTIONS, Phase.RESOLUTION, Phase.CLEANUP, Phase.OVER,
)
NEGOTIATE, ACT, RESPONSE, CHOICE, VOTE, PROPOSAL, COUNTER = (
    DecisionKind.NEGOTIATE, DecisionKind.ACT, DecisionKind.RESPONSE, DecisionKind.CHOICE, DecisionKind.VOTE,
    DecisionKind.PROPOSAL, DecisionKind.COUNTER,
)


class Decision(NamedTuple):
    """A pending out-of-turn decision.

    kind: response | choice | vote | proposal | counter (a DecisionKind)
    src:  index into Compiled.sources (response/choice), else -1
    ref:  the card (response, vote), event (choice) or proposal id (proposal, counter)
    """

    kind: DecisionKind
    faction: int
    src: int = -1
    actor: int = -1
    target: int = -1
    ref: int = -1


class Commitment(NamedTuple):
    """A promise in force: `by` will not play cards tagged `tag` against `toward` for `rounds` more rounds."""

    by: int
    toward: int
    tag: str
    rounds: int
    source: str                      # "proposal:<id>" or "effect"
    parties: tuple[int, ...] = ()    # who loses trust with the breaker


class OpenProposal(NamedTuple):
    """A proposal waiting for its recipients' answers (`accepted`: those who said yes so far)."""

    id: int
    proposer: int
    recipients: tuple[int, ...]
    terms: tuple  # tuple[Term, ...]
    accepted: tuple[int, ...] = ()


@dataclass(slots=True)
class State:
    """Everything about a game in progress except its log: plain lists and ints indexed by the
    compiled ruleset's tables (faction, resource, track, card, event, coalition numbers).

    Picklable (the compiled ruleset travels as its ruleset and is compiled again on load);
    `game.engine.snapshot` / `from_snapshot` turn it into plain JSON data and back."""

    game: Compiled
    seed: int
    rng: int
    round: int = 1
    phase: Phase = Phase.EVENT
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
    outcome: Outcome = Outcome.NONE
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

    def __reduce__(self):
        """Pickle as the ruleset (canonical JSON) and the fields: the compiled ruleset holds
        closures, so it is compiled again on load (once per ruleset and process)."""
        return _unpickle, (_ruleset_json(self.game), tuple(getattr(self, f) for f in _FIELDS))

    # small readers used everywhere
    def fid(self, i: int) -> str:
        """The id of faction number `i` ("" for -1, nobody)."""
        return self.game.factions[i] if i >= 0 else ""

    def resource(self, faction: str, resource: str) -> int:
        """How much of `resource` `faction` holds."""
        return self.res[self.game.fidx[faction]][self.game.ridx[resource]]

    def track(self, track: str) -> int:
        """The value of a shared track."""
        return self.tracks[self.game.tidx[track]]

    def trust_between(self, a: str, b: str) -> int:
        """The trust between factions `a` and `b` (symmetric)."""
        g = self.game
        return self.trust[g.fidx[a] * g.n + g.fidx[b]]

    def is_member(self, faction: str, coalition: str) -> bool:
        """Whether `faction` belongs to `coalition` now."""
        return bool(self.members[self.game.kidx[coalition]] >> self.game.fidx[faction] & 1)

    def hand(self, faction: str) -> list[str]:
        """The card ids in `faction`'s hand."""
        return [self.game.cards[c].id for c in self.hands[self.game.fidx[faction]]]


# Pickling. A compiled ruleset travels as its ruleset's canonical JSON; the string is made once
# per compiled ruleset, and a pickle of many states holds it once (pickle's memo). Loading
# compiles each ruleset once per process: the compiled rulesets are remembered by that string
# (a str keeps its hash, so the lookup is cheap), and so is every ruleset pickled here, so a
# round trip inside one process shares the original's compiled ruleset.
_FIELDS = tuple(f for f in State.__slots__ if f != "game")
_JSON: "weakref.WeakKeyDictionary[Compiled, str]" = weakref.WeakKeyDictionary()
_COMPILED: dict[str, Compiled] = {}
_KEEP = 8  # compiled rulesets remembered for loading (each holds its ruleset)


def _remember(text: str, g: Compiled) -> None:
    _COMPILED.pop(text, None)
    _COMPILED[text] = g
    while len(_COMPILED) > _KEEP:
        del _COMPILED[next(iter(_COMPILED))]


def _ruleset_json(g: Compiled) -> str:
    text = _JSON.get(g)
    if text is None:
        data = g.ruleset.model_dump(mode="json", by_alias=True)
        text = _JSON[g] = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if _COMPILED.get(text) is not g:
        _remember(text, g)
    return text


def _unpickle(text: str, values: tuple) -> State:
    g = _COMPILED.get(text)
    if g is None:
        g = compile_ruleset(Ruleset.model_validate(json.loads(text)))
        _JSON[g] = text
        _remember(text, g)
    s = object.__new__(State)
    s.game = g
    for name, value in zip(_FIELDS, values):
        setattr(s, name, value)
    return s
