"""Cross-reference checks on a parsed ruleset: every id named exists, ids are unique, values fit.

The checks know nothing of YAML: each `Problem` names a path in the ruleset (with the YAML
key names, e.g. `from`, `in`, `else`) and the loader turns it into file:line:column.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from game.rules.errors import PathT
from game.rules.problems import Problem, suggest
from game.rules import reach as reach_checks, schema as s, tree

SPECIAL_WHO = ("actor", "target", "chooser", "all", "others")
WHO_GRAMMAR = "actor, target, chooser, all, others, members:<coalition>"


def duplicates(entries: Iterable[object], path: PathT, kind: str) -> list[Problem]:
    """A problem for every entry whose `id` repeats an earlier one's."""
    seen: dict[str, int] = {}
    out = []
    for i, entry in enumerate(entries):
        ident = getattr(entry, "id")
        if ident in seen:
            out.append(Problem((*path, i, "id"), f"duplicate {kind} id '{ident}'", first=(*path, seen[ident], "id")))
        else:
            seen[ident] = i
    return out


LISTS = (("factions", "faction"), ("resources", "resource"), ("tracks", "track"),
         ("cards", "card"), ("events", "event"), ("coalitions", "coalition"))


@dataclass
class _Checker:
    rs: s.Ruleset
    removed: Mapping[str, Collection[str]]
    # ids (by kind, and "flag" for flags set) of entries left out because they failed
    # validation: taken as existing, so that leaving them out raises no error of its own
    unchecked: Mapping[str, Collection[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, list[str]] = field(default_factory=dict)
    flags_set: set[str] = field(default_factory=set)
    flag_refs: list[tuple[str, PathT, bool]] = field(default_factory=list)
    card_tags: set[str] = field(default_factory=set)
    untargeted: str | None = None  # the id of the card being checked, when it has no target

    def __post_init__(self) -> None:
        rs = self.rs
        self.ids = {
            "faction": [f.id for f in rs.factions],
            "resource": [r.id for r in rs.resources],
            "track": [t.id for t in rs.tracks],
            "coalition": [c.id for c in rs.coalitions],
            "goal": [g.id for g in rs.scoring.shared],
        }
        self.card_tags = {t for c in rs.cards for t in c.tags}

    # ------------------------------------------------------------ helpers

    def add(self, path: PathT, message: str, key: bool = False) -> None:
        self.problems.append(Problem(path, message, key))

    def ref(self, kind: str, value: str, path: PathT, key: bool = False, also: str = "") -> None:
        """`value` must be an id of `kind` (or, with `also`, of that second kind)."""
        known = self.ids[kind] + (self.ids[also] if also else [])
        if value in known or value in self.unchecked.get(kind, ()) or value in self.unchecked.get(also, ()):
            return
        gone = kind if value in self.removed.get(kind, ()) else also if also and value in self.removed.get(also, ()) else ""
        if gone:
            self.add(path, f"refers to removed {gone} '{value}'", key)
            return
        what = f"{kind} or {'shared goal' if also == 'goal' else also}" if also else kind
        hint = suggest(value, known)
        if not hint:
            hint = f"; known: {', '.join(known)}" if known else f"; the ruleset defines no {kind}s"
        self.add(path, f"refers to unknown {what} '{value}'{hint}", key)

    def who(self, value: str, path: PathT) -> None:
        """A faction reference: actor, target, chooser, all, others, members:<coalition> or a faction id."""
        if value == "target" and self.untargeted is not None:
            self.add(path, f"names 'target', but card '{self.untargeted}' has no target (target: none), so at play "
                           "this does nothing: set target: faction, or name who is meant (actor, others, a faction id)")
            return
        if value in SPECIAL_WHO:
            return
        if value.startswith("members:"):
            self.ref("coalition", value[len("members:"):], path)
            return
        factions = self.ids["faction"]
        if value in factions or value in self.unchecked.get("faction", ()):
            return
        if value in self.removed.get("faction", ()):
            self.add(path, f"refers to removed faction '{value}'")
            return
        hint = suggest(value, [*factions, *SPECIAL_WHO])
        self.add(path, f"refers to unknown faction '{value}'{hint}; expected a faction id "
                       f"({', '.join(factions)}) or one of {WHO_GRAMMAR}")

    def bounds(self, value: int, lo: int, hi: int, path: PathT, what: str) -> None:
        if not lo <= value <= hi:
            self.add(path, f"{what} {value} is outside {lo}..{hi}")

    # ------------------------------------------------------------ effects and conditions

    def effects(self, effects: Iterable[s.Effect], path: PathT) -> None:
        """Check every effect, condition and option under `effects` (or under one condition)."""
        for node, p, _parents in tree.walk(effects, path):
            for key, kind, value in tree.refs(node):
                self.named(kind, value, (*p, key))
            if isinstance(node, s.ChoiceEffect):
                self.problems += duplicates(node.options, (*p, "options"), "option")

    def named(self, kind: str, value, p: PathT) -> None:
        """One `Ref`-marked field of an effect or condition, by its kind."""
        if kind == "who":
            self.who(value, p)
        elif kind == "payee":
            if value in ("all", "others") or value.startswith("members:"):
                self.add(p, f"a payment goes to one faction: actor, target, chooser or a faction id, not '{value}'")
            else:
                self.who(value, p)
        elif kind == "faction":
            for i, f in enumerate(value):
                self.ref("faction", f, (*p, i))
        elif kind == "tag":
            if value not in self.card_tags:
                self.add(p, f"no card has the tag '{value}'{suggest(value, sorted(self.card_tags))}")
        elif kind == "sets_flag":
            self.flags_set.add(value)
        elif kind == "flag":
            self.flag_refs.append((value, p, False))
        else:
            self.ref(kind, value, p)

    def options(self, options: list[s.Option], path: PathT) -> None:
        self.problems += duplicates(options, path, "option")
        self.effects(options, path)

    def cond(self, c: s.Condition, p: PathT) -> None:
        self.effects(c, p)

    # ------------------------------------------------------------ sections

    def run(self) -> list[Problem]:
        rs = self.rs
        for name, kind in LISTS:
            self.problems += duplicates(getattr(rs, name), (name,), kind)
        self.problems += duplicates(rs.scoring.objectives, ("scoring", "objectives"), "objective")
        self.problems += duplicates(rs.scoring.shared, ("scoring", "shared"), "shared goal")
        self.factions()
        self.tracks()
        self.trust()
        self.cards()
        self.events()
        self.coalitions()
        self.turn()
        self.scoring()
        self.pay_places()
        for flag, path, key in self.flag_refs:
            if flag not in self.flags_set and flag not in self.unchecked.get("flag", ()):
                hint = suggest(flag, sorted(self.flags_set))
                self.add(path, f"refers to flag '{flag}', which no effect ever sets{hint}", key)
        return self.problems

    def pay_places(self) -> None:
        w = _PayPlaces(self)
        rs = self.rs
        for i, c in enumerate(rs.cards):
            p = ("cards", i)
            w.walk(c.effects, (*p, "effects"), True)
            if c.response is not None:
                w.options(c.response.options, (*p, "response", "options"))
            if c.vote is not None:
                w.walk(c.vote.passed, (*p, "vote", "pass"), False)
                w.walk(c.vote.failed, (*p, "vote", "fail"), False)
        for i, ev in enumerate(rs.events):
            w.walk(ev.effects, ("events", i, "effects"), False)
            for j, ch in enumerate(ev.choices):
                w.options(ch.options, ("events", i, "choices", j, "options"))
        for i, co in enumerate(rs.coalitions):
            w.walk(co.on_join, ("coalitions", i, "on_join"), True)
            w.walk(co.each_round, ("coalitions", i, "each_round"), False)
        for i, t in enumerate(rs.tracks):
            for j, th in enumerate(t.thresholds):
                w.walk(th.effects, ("tracks", i, "thresholds", j, "effects"), False)
        if rs.turn.miscalculation is not None:
            w.walk(rs.turn.miscalculation.effects, ("turn", "miscalculation", "effects"), False)

    def factions(self) -> None:
        res = {r.id: r for r in self.rs.resources}
        for i, f in enumerate(self.rs.factions):
            p = ("factions", i)
            for rid, value in f.start.items():
                self.ref("resource", rid, (*p, "start", rid), key=True)
                if rid in res:
                    self.bounds(value, res[rid].min, res[rid].max, (*p, "start", rid), f"starting {rid}")
            for key in f.weights:
                self.ref("resource", key, (*p, "weights", key), key=True, also="goal")
            for j, v in enumerate(f.ai.values):
                self.ref("resource", v, (*p, "ai", "values", j), also="goal")
        for i, g in enumerate(self.rs.scoring.shared):
            if g.id in self.ids["resource"]:
                self.add(("scoring", "shared", i, "id"), f"shared goal id '{g.id}' is also a resource id: weights would be ambiguous")

    def tracks(self) -> None:
        for i, t in enumerate(self.rs.tracks):
            for j, th in enumerate(t.thresholds):
                p = ("tracks", i, "thresholds", j)
                if not t.min <= th.at <= t.max:
                    self.add((*p, "at"), f"threshold at {th.at} is outside the track's bounds {t.min}..{t.max}")
                self.effects(th.effects, (*p, "effects"))

    def trust(self) -> None:
        t = self.rs.trust
        if t.min > t.max:
            self.add(("trust", "min"), f"min ({t.min}) is greater than max ({t.max})")
            return
        self.bounds(t.start, t.min, t.max, ("trust", "start"), "trust start")
        for i, pair in enumerate(t.pairs):
            p = ("trust", "pairs", i)
            self.ref("faction", pair.a, (*p, "a"))
            self.ref("faction", pair.b, (*p, "b"))
            if pair.a == pair.b:
                self.add((*p, "b"), f"a trust pair needs two different factions, got '{pair.a}' twice")
            self.bounds(pair.value, t.min, t.max, (*p, "value"), "trust value")

    def cards(self) -> None:
        n = len(self.rs.factions) + len(self.unchecked.get("faction", ()))
        for i, c in enumerate(self.rs.cards):
            p = ("cards", i)
            for j, f in enumerate(c.holders or []):
                self.ref("faction", f, (*p, "holders", j))
            for j, f in enumerate(c.targets or []):
                self.ref("faction", f, (*p, "targets", j))
            self.untargeted = c.id if c.target == "none" else None
            if c.requires is not None:
                self.cond(c.requires, (*p, "requires"))
            self.effects(c.effects, (*p, "effects"))
            if c.response is not None:
                self.who(c.response.who, (*p, "response", "who"))
                self.options(c.response.options, (*p, "response", "options"))
            if c.vote is not None:
                if c.vote.threshold > n:
                    self.add((*p, "vote", "threshold"),
                             f"needs {c.vote.threshold} yes votes but the game has only {n} factions")
                self.effects(c.vote.passed, (*p, "vote", "pass"))
                self.effects(c.vote.failed, (*p, "vote", "fail"))
            self.untargeted = None

    def events(self) -> None:
        for i, ev in enumerate(self.rs.events):
            p = ("events", i)
            if ev.requires is not None:
                self.cond(ev.requires, (*p, "requires"))
            self.effects(ev.effects, (*p, "effects"))
            for j, ch in enumerate(ev.choices):
                self.ref("faction", ch.who, (*p, "choices", j, "who"))
                self.options(ch.options, (*p, "choices", j, "options"))

    def coalitions(self) -> None:
        for i, co in enumerate(self.rs.coalitions):
            p = ("coalitions", i)
            for j, f in enumerate(co.members):
                self.ref("faction", f, (*p, "members", j))
            for j, f in enumerate(co.may_join or []):
                self.ref("faction", f, (*p, "may_join", j))
            self.effects(co.on_join, (*p, "on_join"))
            self.effects(co.each_round, (*p, "each_round"))

    def turn(self) -> None:
        t = self.rs.turn
        self.ref("resource", t.cost_resource, ("turn", "cost_resource"))
        for rid in t.income:
            self.ref("resource", rid, ("turn", "income", rid), key=True)
        self.ref("track", t.tension_track, ("turn", "tension_track"))
        pr = t.proposals
        for j, rid in enumerate(pr.tradeable):
            self.ref("resource", rid, ("turn", "proposals", "tradeable", j))
        if pr.break_track is not None:
            self.ref("track", pr.break_track, ("turn", "proposals", "break_track"))
        if t.support is not None:
            self.ref("resource", t.support.resource, ("turn", "support", "resource"))
        m = t.miscalculation
        if m is not None:
            p = ("turn", "miscalculation")
            self.ref("track", m.track, (*p, "track"))
            for flag in m.flag_reduction:
                self.flag_refs.append((flag, (*p, "flag_reduction", flag), True))
            if m.min > m.max:
                self.add((*p, "min"), f"min ({m.min}) is greater than max ({m.max})")
            self.effects(m.effects, (*p, "effects"))

    def scoring(self) -> None:
        sc = self.rs.scoring
        for i, g in enumerate(sc.shared):
            self.ref("track", g.track, ("scoring", "shared", i, "track"))
        for i, o in enumerate(sc.objectives):
            p = ("scoring", "objectives", i)
            if o.faction is not None:
                self.ref("faction", o.faction, (*p, "faction"))
            self.cond(o.condition, (*p, "condition"))


PAY_PLACE = ("a pay is a price a faction chooses: it may stand only at the top of a card's effects, an "
             "option's effects or a coalition's on_join (use a resource effect for a loss imposed on a faction)")


class _PayPlaces:
    """Where `pay` may stand, and that every option list has an option a broke faction can take."""

    def __init__(self, checker: "_Checker") -> None:
        self.c = checker

    def walk(self, effects, path: PathT, top: bool) -> None:
        """Every pay under `effects` stands at a top (`top`: `effects` is one), and every choice's
        options let a broke faction answer."""
        for node, p, parents in tree.walk(effects, path):
            if isinstance(node, s.PayEffect):
                at_top = isinstance(parents[-1], s.Option) if parents else top
                if not at_top:
                    self.c.add(p, PAY_PLACE)
            elif isinstance(node, s.ChoiceEffect):
                self.open_option(node.options, (*p, "options"))

    def options(self, options, path: PathT) -> None:
        self.walk(options, path, True)
        self.open_option(options, path)

    def open_option(self, options, path: PathT) -> None:
        if not any(o.requires is None and not any(e.op in ("pay", "join") for e in o.effects) for o in options):
            self.c.add(path, "every option has a price, a join or a condition: add one that any faction can always "
                             "take (with no pay, join or requires), so a faction that cannot pay can still answer")


def check(rs: s.Ruleset, removed: Mapping[str, Collection[str]] | None = None,
          unchecked: Mapping[str, Collection[str]] | None = None, reach: bool = True) -> list[Problem]:
    """Every cross-reference problem in `rs`; `removed` (kind -> ids) names ids a variant dropped,
    `unchecked` (kind -> ids) the entries of the file left out of `rs` because they are invalid.
    With `reach` (and no unchecked entries), also the rules that can never apply (game.rules.reach)."""
    problems = _Checker(rs, removed or {}, unchecked or {}).run()
    if reach and not unchecked:
        problems += reach_checks.check(rs)
    return problems
