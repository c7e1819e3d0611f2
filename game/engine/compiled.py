"""A ruleset turned into index tables once per game; shared by reference, never copied."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.actions import Action
from game.engine.prices import changes_fn, invites
from game.rules import schema as s
from game.rules.tree import walk

if TYPE_CHECKING:
    from game.engine.scoring import Scorer
    from game.engine.state import State


class Compiled:
    """Lookup tables over an immutable ruleset, and the caches other modules fill on first use.

    Every cache is declared here (no module adds its own attribute). Tables keyed by `id()` of
    a ruleset object hold that object in the entry, so the id cannot be reused while the entry
    lives (the ruleset is immutable and lives as long as this)."""

    def __init__(self, ruleset: s.Ruleset) -> None:
        self.ruleset = ruleset
        # compiled closures, filled as the rules first meet each condition or effect list
        self.cond_fns: dict[int, tuple] = {}  # id(condition) -> (condition, its compiled test)
        self.prices: dict[int, tuple] = {}  # id(effect list) -> (the list, its prices.Price)
        self.change_fns: dict[int, tuple] = {}  # id(effect list) -> (the list, its prices.changes_fn)
        # caches built on first use, each by the one module named (None until then)
        self.start: State | None = None  # core._start: the position before any shuffle
        self.menu_static: dict[tuple[int, int], list] = {}  # proposals.menu: (proposer, recipient) -> proposals
        self.menu_tables: list | None = None  # proposals.action_tables: the menu as propose actions
        self.action_ids: dict[Action, str] = {}  # action_ids.legal_ids: action -> its id
        self.scorer: Scorer | None = None  # scoring.scorer: the score tables
        self.ai_knowledge: object | None = None  # game.ai.knowledge.knowledge: what the bots know (a Knowledge)
        self.factions = [f.id for f in ruleset.factions]
        self.fidx = {f: i for i, f in enumerate(self.factions)}
        self.n = len(self.factions)
        self.resources = [r.id for r in ruleset.resources]
        self.ridx = {r: i for i, r in enumerate(self.resources)}
        self.rmin = [r.min for r in ruleset.resources]
        self.rmax = [r.max for r in ruleset.resources]
        self.tracks = [t.id for t in ruleset.tracks]
        self.tidx = {t: i for i, t in enumerate(self.tracks)}
        self.cards = list(ruleset.cards)
        self.cidx = {c.id: i for i, c in enumerate(self.cards)}
        self.card_tags = [frozenset(c.tags) for c in self.cards]
        self.events = list(ruleset.events)
        self.eidx = {e.id: i for i, e in enumerate(self.events)}
        self.coalitions = list(ruleset.coalitions)
        self.kidx = {k.id: i for i, k in enumerate(self.coalitions)}
        turn = ruleset.turn
        self.cost_r = self.ridx[turn.cost_resource]
        self.tension_t = self.tidx.get(turn.tension_track, -1)
        self.support_r = self.ridx[turn.support.resource] if turn.support else -1
        # each faction's deck: every card it may hold, `copies` times, in ruleset order
        self.deck_cards: list[list[int]] = []
        for f in self.factions:
            deck = []
            for i, c in enumerate(self.cards):
                if c.holders is None or f in c.holders:
                    deck.extend([i] * c.copies)
            self.deck_cards.append(deck)
        # every option list (response windows, event choices, choice effects) gets an index,
        # so a pending decision names it by number and a snapshot stays plain data
        self.sources: list[tuple[object, list[s.Option]]] = []
        self._src_index: dict[int, int] = {}  # id(option holder) -> its index; `sources` holds the holder
        for c in self.cards:
            if c.response is not None:
                self._register(c.response)
            self._walk(c.effects)
            if c.vote is not None:
                self._walk(c.vote.passed)
                self._walk(c.vote.failed)
        for e in self.events:
            self._walk(e.effects)
            for ch in e.choices:
                self._register(ch)
        for k in self.coalitions:
            self._walk(k.on_join)
            self._walk(k.each_round)
        for t in ruleset.tracks:
            for th in t.thresholds:
                self._walk(th.effects)
        if turn.miscalculation is not None:
            self._walk(turn.miscalculation.effects)
        self.objectives = list(ruleset.scoring.objectives)
        # which option lists have an option with a condition, a price or a join (the others are
        # always all open)
        self.simple_options = [[o.requires is None and not _priced(o.effects) for o in options]
                               for _, options in self.sources]
        self.conditional = [not all(simple) for simple in self.simple_options]
        # the coalitions each card invites its target into (prices.invites)
        self.invites = [invites(self, c) for c in self.cards]
        # what tells whether a card's effects, and each answer to it, would change anything now
        self.card_fx = [changes_fn(self, c.effects) for c in self.cards]
        self.card_answer_fx = [[changes_fn(self, o.effects) for o in c.response.options] if c.response else []
                               for c in self.cards]
        # cards whose price is more than their cost (pays or joins at the top of their effects)
        self.card_priced = [_priced(c.effects) for c in self.cards]
        self.binding = turn.proposals.binding
        self.tradeable_r = [self.ridx[r] for r in turn.proposals.tradeable if r in self.ridx]
        # for each player and card: every (target, play action) the card's targeting allows,
        # in faction order (target -1 for an untargeted card); legal_actions filters these
        self.plays: list[list[tuple[tuple[int, Action], ...]]] = [
            [self._plays(f, c) for c in range(len(self.cards))] for f in range(self.n)
        ]
        self.play_actions = [[tuple(a for _, a in plays) for plays in row] for row in self.plays]
        self.pass_actions = [Action("pass", f) for f in self.factions]
        # each player's answer actions by option id: votes, proposals, and every option list
        option_ids = {"yes", "no", "accept", "reject", "counter"}
        option_ids.update(o.id for _, options in self.sources for o in options)
        self.answers = [{o: Action("answer", f, option=o) for o in sorted(option_ids)} for f in self.factions]

    def _plays(self, f: int, c: int) -> tuple[tuple[int, Action], ...]:
        spec, me = self.cards[c], self.factions[f]
        if spec.target == "none":
            return ((-1, Action("play", me, card=spec.id)),)
        return tuple((t, Action("play", me, card=spec.id, target=x)) for t, x in enumerate(self.factions)
                     if t != f and (spec.targets is None or x in spec.targets))

    def _register(self, holder) -> None:
        self._add(holder)
        self._walk(holder.options)

    def _add(self, holder) -> None:
        if id(holder) not in self._src_index:
            self._src_index[id(holder)] = len(self.sources)
            self.sources.append((holder, list(holder.options)))

    def _walk(self, items) -> None:
        """Register every choice effect under `items`, in the order the walk meets them."""
        for node, _path, _parents in walk(items):
            if isinstance(node, s.ChoiceEffect):
                self._add(node)

    def source_index(self, holder) -> int:
        """The number of an option list's holder (card response, choice effect, event choice) in `sources`."""
        return self._src_index[id(holder)]


def _priced(effects) -> bool:
    """Whether an effect list has a price or a join at its top level."""
    return any(e.op in ("pay", "join") for e in effects)


_cache: dict[int, Compiled] = {}  # id(ruleset) -> its tables; each entry holds its ruleset (checked on lookup)
CACHE_SIZE = 8  # the last rulesets used; a game keeps its own (State.game), so one dropped is only rebuilt


def compile_ruleset(ruleset: s.Ruleset) -> Compiled:
    """The compiled tables for a ruleset, built once per ruleset object (for the last CACHE_SIZE used).

    The cache is bounded: it holds the ruleset, so unbounded it kept every ruleset ever played
    alive (700 MiB after 2,000 fuzzed rulesets)."""
    c = _cache.pop(id(ruleset), None)
    if c is None or c.ruleset is not ruleset:
        c = Compiled(ruleset)
    _cache[id(ruleset)] = c  # most recent last
    while len(_cache) > CACHE_SIZE:
        del _cache[next(iter(_cache))]
    return c
