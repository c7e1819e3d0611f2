"""What a bot knows about a ruleset before the game starts: every card, option and coalition
reduced to "atoms" (expected deltas on resources, tracks and trust), read generically from the
effects so a facilitator's own ruleset works without code.

Nothing here reads a game state; it is built once per compiled ruleset and shared.
"""
from __future__ import annotations

from game.engine import Action, FAMILY_JA, OP_CONDITIONS as CONDITIONS, OP_EFFECTS as EFFECTS
from game.engine import op_atoms as _kinds
from game.rules import schema as s
from game.rules.tree import is_condition, is_effect, walk

# atom kinds (each effect module adds its own; the bots read them from here)
RES, TRACK, TRUST, TRANSFER, JOIN, DRAW, DISCARD, FLAG = (
    _kinds.RES, _kinds.TRACK, _kinds.TRUST, _kinds.TRANSFER, _kinds.JOIN, _kinds.DRAW, _kinds.DISCARD, _kinds.FLAG)
# who an atom names: one role of the decision, one faction (FIXED: Atom.fixed), or OTHER
# (all, others, members:...: resolved at decision time)
ACTOR, TARGET, CHOOSER, FIXED, OTHER = range(5)
ROLES = {"actor": ACTOR, "target": TARGET, "chooser": CHOOSER}
# proposal term kinds, decoded
GIVE, PROMISE, ENTER = range(3)


class Atom:
    """One expected change: `p` is its probability (chance rolls, if-branches, response options).

    An atom under `if` effects also keeps those conditions in `conds` ((test function of the
    condition, wanted result, joins, role-free) tuples) and `pc`, its probability once they are
    known to hold: a bot that can see the state tests them instead of counting each branch at
    one half (`p`). `joins` are the (coalition, who, +1 join / -1 leave) effects run before the
    test, so "Rules +1 if it then has 3+ members" counts the joiner. A role-free condition names
    no actor, target or chooser: its result is the same for every card and target of one
    decision."""

    __slots__ = ("kind", "who", "who2", "key", "delta", "p", "times", "conds", "pc", "dp", "role", "role2",
                 "fixed")

    def __init__(self, kind: int, who: str, key: int, delta: float, p: float,
                 who2: str = "", times: int = -1, conds: tuple = (), pc: float | None = None) -> None:
        self.kind = kind
        self.who = who
        self.who2 = who2
        self.key = key
        self.delta = delta
        self.p = p
        self.times = times  # coalition index whose size multiplies the delta, or -1
        self.conds = conds
        self.pc = p if pc is None else pc
        self.dp = delta * p  # the expected delta when there is no condition to test
        self.role = ROLES.get(who, OTHER)
        self.role2 = ROLES.get(who2, OTHER)
        self.fixed = -1  # the faction `who` names, when it names one by id (set by `_name_factions`)




def _reads(cond) -> set:
    """What a condition looks at (each part as its primitive's module says: ("track", id),
    ("res", id), ("trust",), ("co", id), ("flag", id), and ("role",) when it names the actor,
    target or chooser)."""
    out: set = set()
    for node, _path, _parents in walk(cond):
        if is_condition(node):
            out |= CONDITIONS[node.test].reads(node)
    return out


def _touches(effects) -> set:
    """What a list of effects may change, in the terms of `_reads` (under if and chance, not
    under a choice's options: those are later decisions)."""
    out: set = set()
    for node, _path, parents in walk(effects):
        if is_effect(node) and not any(isinstance(x, s.Option) for x in parents):
            out |= EFFECTS[node.op].touches(node)
    return out


class _Atoms:
    """What an effect module's `atoms` reads and adds to: the probability `p` of the effects
    being walked (`pc` once their conditions are known to hold), the conditions above them, what
    the effects before may change (`touched`) and the joins run before (`joins`)."""

    __slots__ = ("g", "p", "out", "chooser", "conds", "pc", "touched", "joins", "c")

    def __init__(self, g, p: float, out: list, chooser: str, conds: tuple, pc: float, touched: set,
                 joins: tuple) -> None:
        self.g, self.p, self.out, self.chooser, self.conds, self.pc = g, p, out, chooser, conds, pc
        self.touched, self.joins = touched, joins
        self.c = {"conds": conds, "pc": pc}

    def add(self, kind: int, who: str, key: int, delta: float, who2: str = "", times: int = -1) -> None:
        """One atom: `who` (and `who2`) as the effect names them ("chooser" is the one choosing)."""
        self.out.append(Atom(kind, _w(who, self.chooser), key, delta, self.p, who2=_w(who2, self.chooser),
                             times=times, **self.c))

    def branch(self, effects, p: float, pc: float, cond: tuple | None = None) -> None:
        """The atoms of nested effects at probability `p` (`pc`), under one more condition."""
        conds = self.conds + (cond,) if cond is not None else self.conds
        _atoms(self.g, effects, p, self.out, self.chooser, conds, pc, self.touched, self.joins)

    @staticmethod
    def reads(cond) -> set:
        return _reads(cond)


def _atoms(g, effects, p: float, out: list, chooser: str = "chooser", conds: tuple = (), pc: float = -1.0,
           touched: set | None = None, joins: tuple = ()) -> None:
    """Flatten effects into atoms with probabilities, each as its primitive's module says; nested
    choices are left out (unknown).

    An `if` whose condition reads nothing the effects before it (`touched`) may change can be
    tested on the state at decision time: its atoms keep the condition. Otherwise each branch
    counts at one half."""
    if pc < 0:
        pc = p
    b = _Atoms(g, p, out, chooser, conds, pc, set(touched or ()), joins)
    for e in effects:
        EFFECTS[e.op].atoms(g, e, b)
        changed = _touches([e])
        if any(key[0] == "join" for key in changed):  # later member tests count it (a no-op when already so)
            b.joins += tuple((x.coalition, _w(x.who, chooser), 1 if x.op == "join" else -1) for x in _joins_in([e]))
        b.touched |= {key for key in changed if key[0] != "join"}


def _name_factions(g, atoms: list[Atom]) -> None:
    """Atoms whose `who` is a faction id name it by index (role FIXED)."""
    for a in atoms:
        if a.role == OTHER and a.who in g.fidx:
            a.role, a.fixed = FIXED, g.fidx[a.who]


def _joins_in(effects) -> list:
    """The join and leave effects in a list, including those under if (not under chance)."""
    return [node for node, _path, parents in walk(effects)
            if isinstance(node, (s.JoinEffect, s.LeaveEffect)) and all(isinstance(x, s.IfEffect) for x in parents)]


def _w(who: str, chooser: str) -> str:
    return chooser if who == "chooser" else who


class CardInfo:
    """A card as a bot sees it: tags, cost, atoms of its own effects and of its expected answer."""

    __slots__ = ("index", "id", "tags", "cost", "targeted", "atoms", "answer_atoms",
                 "vote_pass", "vote_fail", "tension_sure", "tension_max", "family")

    def __init__(self, g, i: int) -> None:
        c = g.cards[i]
        self.index = i
        self.id = c.id
        self.tags = frozenset(c.tags)
        self.family = next((t for t in c.tags if t in s.FAMILIES), c.tags[0])
        self.cost = c.cost
        self.targeted = c.target == "faction"
        self.atoms: list[Atom] = []
        _atoms(g, c.effects, 1.0, self.atoms)
        self.answer_atoms: list[Atom] = []
        if c.response is not None:
            n = len(c.response.options)
            who = c.response.who
            before = {("co", key[1]) if key[0] == "join" else key for key in _touches(c.effects)}
            for o in c.response.options:
                _atoms(g, o.effects, 1.0 / n, self.answer_atoms, chooser=who, touched=before)
        self.vote_pass: list[Atom] = []
        self.vote_fail: list[Atom] = []
        if c.vote is not None:
            _atoms(g, c.vote.passed, 1.0, self.vote_pass)
            _atoms(g, c.vote.failed, 1.0, self.vote_fail)
        t = g.tension_t
        sure = [a.delta for a in self.atoms if a.kind == TRACK and a.key == t and a.p >= 1.0]
        anyd = [a.delta for a in self.atoms + self.answer_atoms if a.kind == TRACK and a.key == t and a.delta > 0]
        self.tension_sure = sum(sure)
        self.tension_max = max(sum(anyd), self.tension_sure)


class Knowledge:
    """Per-ruleset tables every bot shares (built once per compiled ruleset)."""

    def __init__(self, g) -> None:
        rs = g.ruleset
        self.g = g
        self.cards = [CardInfo(g, i) for i in range(len(g.cards))]
        self.personality = [f.ai for f in rs.factions]
        self.weights = [[f.weights.get(r, 0.0) for r in g.resources] for f in rs.factions]
        # shared goals as per-track weights: +w per point (or -w when inverted)
        self.track_w = [[0.0] * len(g.tracks) for _ in range(g.n)]
        for fi, f in enumerate(rs.factions):
            for goal in rs.scoring.shared:
                w = f.weights.get(goal.id, 0.0)
                if w:
                    self.track_w[fi][g.tidx[goal.track]] += -w if goal.invert else w
            for v in f.ai.values:  # what it values most counts half again
                if v in g.ridx:
                    self.weights[fi][g.ridx[v]] *= 1.5
                    if self.weights[fi][g.ridx[v]] == 0:
                        self.weights[fi][g.ridx[v]] = 0.5
                for goal in rs.scoring.shared:
                    if goal.id == v:
                        t = g.tidx[goal.track]
                        self.track_w[fi][t] = self.track_w[fi][t] * 1.5 or (-0.5 if goal.invert else 0.5)
        self.war_at = -1
        self.war_track = -1
        for t, tr in enumerate(rs.tracks):
            for th in tr.thresholds:
                if th.ends_game == "war" and th.direction == "up":
                    self.war_track, self.war_at = t, th.at
        self.war_cost = abs(rs.scoring.war.everyone) + abs(rs.scoring.war.trigger)
        self.track_max = [t.max for t in rs.tracks]
        self.on_join: list[list[Atom]] = []
        self.each_round: list[list[Atom]] = []
        for k in g.coalitions:
            joining = ((k.id, "actor", 1),)  # valued as the faction joins: count it as a member
            a: list[Atom] = []
            _atoms(g, k.on_join, 1.0, a, joins=joining)
            self.on_join.append(a)
            b: list[Atom] = []
            _atoms(g, k.each_round, 1.0, b, joins=joining)
            self.each_round.append(b)
        # answers to response windows and choices, by source index
        self.options: list[list[tuple[str, list[Atom], str]]] = []
        for _holder, options in g.sources:
            self.options.append([(o.id, _atoms_of(g, o.effects), o.ai_hint) for o in options])
        # the tags each faction's deck holds, for valuing promises
        self._harm: dict[tuple[int, int, str], float] = {}
        # personality's liking for each card, per faction
        self.tag_bonus = [[tag_bonus(ai, c.tags) for c in self.cards] for ai in self.personality]
        self.deck_tags = [set().union(*(g.card_tags[c] for c in set(d))) if d else set() for d in g.deck_cards]
        self._words: dict[str, Words] = {}
        for atoms in self._atom_lists():
            _name_factions(g, atoms)
        self._deals: tuple | None = None
        self._spared: dict[tuple[int, int, str], float] = {}

    def _atom_lists(self):
        for ci in self.cards:
            yield from (ci.atoms, ci.answer_atoms, ci.vote_pass, ci.vote_fail)
        yield from self.on_join
        yield from self.each_round
        for options in self.options:
            for _oid, atoms, _hint in options:
                yield atoms

    def words(self, lang: str) -> "Words":
        """The ruleset's names in `lang`, built once per language (for the reasons only)."""
        w = self._words.get(lang)
        if w is None:
            w = self._words[lang] = Words(self.g, lang)
        return w

    def deals(self) -> tuple[dict[int, tuple[Action, int, tuple[int, ...]]], dict[tuple[int, int], list[tuple]]]:
        """The proposal menu as positions of distinct terms, so a decision values each term once:
        id(menu action) -> (the action, recipient, positions of its terms), and (proposer,
        recipient) -> the distinct terms in order, decoded (`decode_term`). Each entry holds its
        action, so the id stays that action's while the table lives (`entry[0] is a` on lookup);
        a lookup by id takes 75 ns, by the action itself 375 ns (it hashes every term)."""
        if self._deals is None:
            from game.engine import action_tables
            index: dict[int, tuple[Action, int, tuple[int, ...]]] = {}
            distinct: dict[tuple[int, int], list[tuple]] = {}
            for p, (static, joins) in enumerate(action_tables(self.g)):
                for r in range(self.g.n):
                    if r == p:
                        continue
                    terms: list[tuple] = []
                    where: dict[int, int] = {}  # id(term) -> its position; the actions hold the terms
                    for a in [*static[r][0], *(act for _, act, _ in joins[r])]:
                        pos = []
                        for t in a.proposal.terms:
                            if id(t) not in where:
                                where[id(t)] = len(terms)
                                terms.append(decode_term(self.g, t))
                            pos.append(where[id(t)])
                        index[id(a)] = (a, r, tuple(pos))
                    distinct[p, r] = terms
            self._deals = (index, distinct)
        return self._deals

    def spared(self, x: int, a: int, tag: str) -> float:
        """The harm x expects to be spared when `a` promises not to play `tag` cards at it:
        the harm times the chance `a` would have played one (hawks more often)."""
        key = (x, a, tag)
        v = self._spared.get(key)
        if v is None:
            rounds = self.g.ruleset.turn.proposals.commitment_rounds
            chance = min(1.0, 0.25 * rounds * (0.5 + self.personality[a].hawk))
            v = self._spared[key] = self.harm(x, a, tag) * chance
        return v

    def harm(self, x: int, a: int, tag: str) -> float:
        """Static score loss to x (by x's weights) when `a` plays one of its `tag` cards at x."""
        key = (x, a, tag)
        h = self._harm.get(key)
        if h is None:
            g = self.g
            fx = g.factions[x]
            vals = []
            for ci in sorted(set(g.deck_cards[a])):
                card = g.cards[ci]
                if tag not in g.card_tags[ci] or card.target != "faction":
                    continue
                if card.targets is not None and fx not in card.targets:
                    continue
                info = self.cards[ci]
                v = 0.0
                for at in info.atoms + info.answer_atoms:
                    if at.kind == RES and at.who in ("target", "chooser"):
                        v += at.delta * at.p * self.weights[x][at.key]
                    elif at.kind == TRANSFER and at.who in ("target", "chooser"):
                        v -= at.delta * at.p * self.weights[x][at.key]
                    elif at.kind == TRACK:
                        v += at.delta * at.p * self.track_w[x][at.key]
                    elif at.kind == TRUST and "target" in (at.who, at.who2):
                        v += at.delta * at.p * 0.25
                vals.append(-v)
            h = self._harm[key] = max(0.0, sum(vals) / len(vals)) if vals else 0.0
        return h


def tag_bonus(ai, tags) -> float:
    """Personality: hawks like deterrence, threats and tariffs; multilateralists like coalitions."""
    b = 0.0
    if "deterrence" in tags or "threat" in tags or "tariff" in tags:
        b += ai.hawk - 0.5
    if "dialogue" in tags:
        b += 0.5 - ai.hawk
    if "coalition" in tags or "aid" in tags:
        b += ai.multilateral - 0.5
    if "deal" in tags:
        b += 0.5 - ai.multilateral
    return b


def decode_term(g, t) -> tuple:
    """A proposal term as (kind, a, b, key, amount) with indices: GIVE (key: resource),
    PROMISE (key: the tag), ENTER (a joins coalition key; b is -1)."""
    a = g.fidx[t.a]
    if t.kind == "give":
        return (GIVE, a, g.fidx[t.b], g.ridx[t.what], t.amount)
    if t.kind == "promise":
        return (PROMISE, a, g.fidx[t.b], t.what, 0)
    if t.kind == "join":
        return (ENTER, a, -1, g.kidx[t.what], 0)
    return (-1, a, -1, -1, 0)


def _atoms_of(g, effects) -> list[Atom]:
    out: list[Atom] = []
    _atoms(g, effects, 1.0, out)
    return out


class Words:
    """The names a bot's reasons quote, in one language (ruleset texts; English when missing)."""

    def __init__(self, g, lang: str) -> None:
        rs = g.ruleset
        self.lang = lang
        self.names = {f.id: s.text_of(f.name, lang) for f in rs.factions}
        self.cards = [s.text_of(c.name, lang) for c in g.cards]
        self.res = [s.text_of(r.name, lang) for r in rs.resources]
        self.tracks = [s.text_of(t.name, lang) for t in rs.tracks]
        self.coalitions = [s.text_of(k.name, lang) for k in g.coalitions]
        self.events = [s.text_of(e.name, lang) for e in g.events]
        # option labels by source: several events and cards reuse ids such as "join" or "decline"
        self.options = [{o.id: s.text_of(o.label, lang) for o in opts} for _h, opts in g.sources]

    def tag(self, tag: str) -> str:
        """A card family in words ('threat' -> '脅しカード' in Japanese); other tags as they are."""
        if self.lang == "ja" and tag in FAMILY_JA:
            return FAMILY_JA[tag] + "カード"
        return tag


def knowledge(g) -> Knowledge:
    """The shared tables for a compiled ruleset (cached on it)."""
    if g.ai_knowledge is None:
        g.ai_knowledge = Knowledge(g)
    return g.ai_knowledge
