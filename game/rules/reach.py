"""Checks that every rule can ever apply: conditions inside the bounds of what they test, events
that can be drawn, cards some faction may hold and play, objectives that can be met.

The checks read bounds only (a track's min..max, a resource's, trust's, the number of factions and
rounds), so what they call "never" is certain; what is merely odd (a bound beyond the track's end,
which reads as no bound) is a warning.
"""
from __future__ import annotations

from game.rules import schema as s, tree
from game.rules.problems import Problem, suggest
from game.rules.errors import PathT

INF = float("inf")


class Reach:
    def __init__(self, rs: s.Ruleset) -> None:
        self.rs = rs
        self.problems: list[Problem] = []
        self.tracks = {t.id: (t.min, t.max, t.name) for t in rs.tracks}
        self.resources = {r.id: (r.min, r.max, r.name) for r in rs.resources}
        self.n = len(rs.factions)

    def warn(self, path: PathT, message: str) -> None:
        self.problems.append(Problem(path, message, warning=True))

    def error(self, path: PathT, message: str) -> None:
        self.problems.append(Problem(path, message))

    # ------------------------------------------------------------ conditions

    def range_of(self, c) -> tuple[float, float, str] | None:
        """The values the tested quantity can take, and what it is, for a bounded atom."""
        if isinstance(c, s.TrackCond) and c.track in self.tracks:
            lo, hi, _ = self.tracks[c.track]
            return lo, hi, f"track '{c.track}' runs {lo}..{hi}"
        if isinstance(c, s.ResourceCond) and c.resource in self.resources:
            lo, hi, _ = self.resources[c.resource]
            return lo, hi, f"resource '{c.resource}' runs {lo}..{hi}"
        if isinstance(c, s.TrustCond):
            return self.rs.trust.min, self.rs.trust.max, f"trust runs {self.rs.trust.min}..{self.rs.trust.max}"
        if isinstance(c, s.MembersCond):
            return 0, self.n, f"a coalition has 0..{self.n} members"
        if isinstance(c, s.RoundCond):
            return 1, self.rs.turn.rounds, f"the game has rounds 1..{self.rs.turn.rounds}"
        return None

    def never(self, c, path: PathT, report: bool = True) -> bool:
        """True when `c` can never hold (by bounds alone); atoms out of bounds are reported once."""
        if isinstance(c, (s.AllCond, s.AnyCond)):
            results = [self.never(sub, (*path, "of", i), report) for i, sub in enumerate(c.of)]
            return any(results) if isinstance(c, s.AllCond) else all(results)
        if isinstance(c, s.NotCond):
            self.never(c.of, (*path, "of"), report)
            return self.always(c.of)
        rng = self.range_of(c)
        if rng is None:
            return False
        lo, hi, what = rng
        cmin = -INF if c.min is None else c.min
        cmax = INF if c.max is None else c.max
        if cmin > cmax:
            if report:
                self.error((*path, "min"), f"min {c.min} is greater than max {c.max}: the condition can never hold")
            return True
        if cmin > hi or cmax < lo:
            if report and isinstance(c, s.MembersCond):  # the number of factions changes with variants
                self.warn((*path, "min" if cmin > hi else "max"), f"the bound is outside what can happen ({what}): "
                                                                  "the condition can never hold")
            elif report:
                key = "min" if cmin > hi else "max"
                self.error((*path, key), f"{key} {getattr(c, key)} is outside the bounds ({what}): "
                                         "the condition can never hold")
            return True
        if report:
            if c.min is not None and c.min < lo:
                self.warn((*path, "min"), f"min {c.min} is below the bounds ({what}): it reads as no min")
            if c.max is not None and c.max > hi:
                self.warn((*path, "max"), f"max {c.max} is above the bounds ({what}): it reads as no max")
        return False

    def always(self, c) -> bool:
        """True when `c` holds whatever the state (a track, members or round test with bounds
        covering everything; groups of such)."""
        if isinstance(c, s.AllCond):
            return all(self.always(sub) for sub in c.of)
        if isinstance(c, s.AnyCond):
            return any(self.always(sub) for sub in c.of)
        if isinstance(c, s.NotCond):
            return self.never(c.of, (), report=False)
        if isinstance(c, (s.TrackCond, s.MembersCond, s.RoundCond)):
            rng = self.range_of(c)
            if rng is None:
                return False
            lo, hi, _ = rng
            return (c.min is None or c.min <= lo) and (c.max is None or c.max >= hi)
        return False

    def effects(self, effects, path: PathT) -> None:
        """Every `if` whose condition never holds and every option that can never be chosen, under
        `effects` (a list of effects or of options)."""
        for node, p, _parents in tree.walk(effects, path):
            if isinstance(node, s.IfEffect):
                if self.never(node.cond, (*p, "cond")) and node.then:
                    self.warn((*p, "cond"), "the condition can never hold: 'then' never runs")
            elif isinstance(node, s.Option):
                if node.requires is not None and self.never(node.requires, (*p, "requires")):
                    self.error((*p, "requires"), f"option '{node.id}' can never be chosen: its requirement never holds")

    def options(self, options, path: PathT) -> None:
        self.effects(options, path)

    # ------------------------------------------------------------ sections

    def run(self) -> list[Problem]:
        rs = self.rs
        self.factions()
        self.cards()
        self.events()
        for i, t in enumerate(rs.tracks):
            for j, th in enumerate(t.thresholds):
                self.effects(th.effects, ("tracks", i, "thresholds", j, "effects"))
        for i, co in enumerate(rs.coalitions):
            self.effects(co.on_join, ("coalitions", i, "on_join"))
            self.effects(co.each_round, ("coalitions", i, "each_round"))
            if not co.members and co.may_join == []:
                self.warn(("coalitions", i, "may_join"), f"coalition '{co.id}' has no members and no faction may join it")
        for i, o in enumerate(rs.scoring.objectives):
            p = ("scoring", "objectives", i)
            if self.never(o.condition, (*p, "condition")):
                self.error((*p, "condition"), f"objective '{o.id}' can never be met: its condition never holds")
        return self.problems

    def factions(self) -> None:
        ids = {c.id for c in self.rs.cards}
        for i, f in enumerate(self.rs.factions):
            for j, h in enumerate(f.holds):
                if h.startswith("family:"):
                    fam = h[len("family:"):]
                    if fam not in s.FAMILIES:
                        self.error(("factions", i, "holds", j), f"unknown card family '{fam}'; families: {', '.join(s.FAMILIES)}")
                elif h not in ids:
                    self.error(("factions", i, "holds", j), f"no card has the id '{h}'{suggest(h, sorted(ids))} "
                                                            "(write a card id or family:<family>)")

    def cards(self) -> None:
        rs = self.rs
        factions = [f.id for f in rs.factions]
        cost = rs.turn.cost_resource
        cmax = self.resources.get(cost, (0, INF, ""))[1]
        for i, c in enumerate(rs.cards):
            p = ("cards", i)
            holders = factions if c.holders is None else [f for f in c.holders if f in factions]
            if c.holders is not None and not c.holders:
                self.error((*p, "holders"), f"card '{c.id}' has no holders: no faction's deck holds it "
                                            "(leave holders out for every faction)")
            elif c.target == "faction" and holders:
                targets = factions if c.targets is None else c.targets
                if c.targets is not None and not c.targets:
                    self.error((*p, "targets"), f"card '{c.id}' has an empty targets list: it can never be played")
                elif not any(t != h for h in holders for t in targets):
                    self.error((*p, "targets"), f"card '{c.id}' can only target its own holder: no faction can play it")
            if c.cost > cmax:
                self.error((*p, "cost"), f"costs {c.cost} {cost}, more than any faction can have ({cmax})")
            if c.requires is not None and self.never(c.requires, (*p, "requires")):
                self.error((*p, "requires"), f"card '{c.id}' can never be played: its requirement never holds")
            self.effects(c.effects, (*p, "effects"))
            if c.response is not None:
                self.options(c.response.options, (*p, "response", "options"))
            if c.vote is not None:
                self.effects(c.vote.passed, (*p, "vote", "pass"))
                self.effects(c.vote.failed, (*p, "vote", "fail"))

    def events(self) -> None:
        rs = self.rs
        turn = rs.turn
        tension = self.tracks.get(turn.tension_track)
        if rs.events and turn.events_per_round == 0 and turn.extra_event_every == 0:
            self.warn(("turn", "events_per_round"), "no event is ever drawn (events_per_round and extra_event_every are 0)")
        for i, ev in enumerate(rs.events):
            p = ("events", i)
            if tension is not None and ev.min_tension > tension[1]:
                self.error((*p, "min_tension"), f"event '{ev.id}' can never be drawn: min_tension {ev.min_tension} "
                                                f"is above the {turn.tension_track} track's max {tension[1]}")
            elif tension is None and ev.min_tension > 0:
                self.error((*p, "min_tension"), f"event '{ev.id}' can never be drawn: the ruleset has no "
                                                f"'{turn.tension_track}' track to reach {ev.min_tension}")
            if ev.requires is not None and self.never(ev.requires, (*p, "requires")):
                self.error((*p, "requires"), f"event '{ev.id}' can never be drawn: its requirement never holds")
            self.effects(ev.effects, (*p, "effects"))
            for j, ch in enumerate(ev.choices):
                self.options(ch.options, (*p, "choices", j, "options"))


def check(rs: s.Ruleset) -> list[Problem]:
    """Every rule that can never apply (errors) or reads oddly (warnings)."""
    return Reach(rs).run()
