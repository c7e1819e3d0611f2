"""The debrief of one game: charts, the story, the brief's recommendations as discussion
questions, the AI seats' reasons, and the scores — as Markdown and as one HTML page."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine import ranking
from game.report import charts
from game.report.document import Document
from game.report.recommendations import SOURCE, assess
from game.report.story import Line, Story
from game.report.timeline import Timeline
from game.rules.schema import text_of

TRACK_COLORS = ["#D7263D", "#2B59C3", "#3C9D3C", "#8E44AD", "#555555"]
PART_COLORS = {"own": "#7F8FA6", "objectives": "#F2A900", "war": "#B00020"}
GOAL_COLORS = ["#3C9D3C", "#2B59C3", "#00A6A6", "#8E44AD"]


@dataclass
class Meta:
    game_id: str = ""
    seed: int = 0


@dataclass
class Debrief:
    doc: Document
    charts: dict[str, Path]
    told: set[int] = field(default_factory=set)   # log entries the story tells (outside the appendix)


LEVEL_JA = {"random": "ランダム", "easy": "易しい", "normal": "普通", "hard": "難しい"}


def seat_label(seat: str, lang: str) -> str:
    """'human' / 'ai:hard' as a reader says it."""
    if seat.startswith("ai"):
        level = seat.partition(":")[2] or "normal"
        if lang == "ja":
            return f"AI（{LEVEL_JA.get(level, level)}）"
        return f"AI ({level})"
    return "人間" if lang == "ja" and seat == "human" else ("Human" if seat == "human" else seat)


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class _Builder:
    def __init__(self, tl: Timeline, meta: Meta, lang: str, out_dir: Path, prefix: str, whatif=None) -> None:
        self.tl, self.meta, self.lang, self.out, self.prefix = tl, meta, lang, out_dir, prefix
        self.whatif = whatif  # (analysis, session) for the what-if section, or None
        self.st = Story(tl, lang)
        self.w = self.st.w
        self.g = tl.game
        self.rs = self.g.ruleset
        self.told: set[int] = set()
        self.charts: dict[str, Path] = {}

    def lines(self, doc: Document, lines: list[Line], empty: str) -> None:
        if not lines:
            doc.p(empty)
            return
        doc.ul([x.text for x in lines])
        for x in lines:
            self.told.update(x.refs)

    # ------------------------------------------------------------------ charts
    def _xs(self) -> tuple[list[float], list[str]]:
        xs, labels = [], []
        for p in self.tl.points:
            xs.append(float(p.label))
            if p.label == 0:
                labels.append(self.w["start"])
            elif p.final:
                labels.append(f"{self.w['war_mark']} ({p.label})" if self.tl.state.outcome == "war" else str(p.label))
            else:
                labels.append(str(p.label))
        return xs, labels

    def make_charts(self) -> None:
        xs, labels = self._xs()
        g, st, w = self.g, self.st, self.w
        series = [(self.st.n.track(t.id), TRACK_COLORS[i % len(TRACK_COLORS)], [p.tracks[t.id] for p in self.tl.points])
                  for i, t in enumerate(self.rs.tracks)]
        war_at = None
        ymax = max((t.max for t in self.rs.tracks), default=10)
        for t in self.rs.tracks:
            for th in t.thresholds:
                if th.ends_game == "war":
                    war_at = th.at
        notes: list[tuple[int, int, float, str]] = []   # (priority, order, x, text); 0 = most important
        for e in self.tl.entries:
            ev = e.event
            t = ev["type"]
            x = e.round - 0.5
            if t == "event":
                notes.append((1 if ev.get("crisis") else 3, e.index, x, _short(st.n.event(ev["event"]))))
            elif t == "miscalculation":
                notes.append((1, e.index, x, "偶発的衝突" if self.lang == "ja" else "Miscalculation"))
            elif t == "commitment_broken":
                notes.append((2, e.index, x, _short(("約束破り：" if self.lang == "ja" else "Promise broken: ")
                                                     + st.f(ev["by"]))))
            elif t == "game_over" and ev.get("outcome") == "war":
                notes.append((0, e.index, float(e.round),
                              _short(st.w["war_mark"] + (f": {st.f(ev['by'])}" if ev.get("by") else ""))))
        kept = sorted(sorted(notes)[:12], key=lambda n: n[1])
        notes = [(x, text) for _p, _i, x, text in kept]
        title = " / ".join(s[0] for s in series)
        p = self.out / f"{self.prefix}-tracks.png"
        self.charts["tracks"] = charts.tracks_chart(p, xs, labels, series, war_at,
                                                    w["war_threshold"].format(v=war_at, track=st.n.track(st.tension)), notes, ymax,
                                                    w["round_axis"], title)
        values = {f: {r: [pt.res[f][r] for pt in self.tl.points] for r in g.resources} for f in g.factions}
        p = self.out / f"{self.prefix}-resources.png"
        # the legend shows resource names
        named = {f: {st.n.resource(r): v for r, v in rv.items()} for f, rv in values.items()}
        self.charts["resources"] = charts.resources_chart(p, xs, labels, [(f, st.f(f)) for f in g.factions],
                                                          [st.n.resource(r) for r in g.resources], named, w["round_axis"])
        cats, rows = self.score_parts()
        p = self.out / f"{self.prefix}-scores.png"
        names = [st.f(f) for f, _ in rows]
        parts = [(label, color, [r[1][i] for r in rows]) for i, (label, color) in enumerate(cats)]
        totals = [r[1][-1] for r in rows]
        self.charts["scores"] = charts.scores_chart(p, names, parts, totals, w["scores_title"],
                                                    "合計" if self.lang == "ja" else "Total")

    def score_parts(self) -> tuple[list[tuple[str, str]], list[tuple[str, list[float]]]]:
        """Categories (label, colour) and per faction (in ranking order) the values and the total last."""
        goals = [gl.id for gl in self.rs.scoring.shared]
        cats = [(self.w["own"], PART_COLORS["own"])]
        cats += [(text_of(gl.name, self.lang), GOAL_COLORS[i % len(GOAL_COLORS)]) for i, gl in enumerate(self.rs.scoring.shared)]
        cats += [(self.w["objectives"], PART_COLORS["objectives"]), (self.w["war"], PART_COLORS["war"])]
        rows = []
        for sc in ranking(self.tl.state):
            vals = [0.0] * (len(cats) + 1)
            for term, v in sc.terms:
                if term in goals:
                    vals[1 + goals.index(term)] += v
                elif term.startswith("objective:"):
                    vals[len(cats) - 2] += v
                elif term in ("war", "war_trigger"):
                    vals[len(cats) - 1] += v
                else:
                    vals[0] += v
            vals = [round(v, 2) for v in vals[:-1]] + [round(sc.total, 2)]
            rows.append((sc.faction, vals))
        return cats, rows

    # ------------------------------------------------------------------ text
    def header(self, doc: Document) -> None:
        st, w, state = self.st, self.w, self.tl.state
        if self.rs.question:
            doc.p(w["question"].format(q=text_of(self.rs.question, self.lang)), cls="lead")
        tension = state.tracks[self.g.tidx[st.tension]] if st.tension else 0
        rules = state.tracks[self.g.tidx[st.rules]] if st.rules else 0
        over = self.tl.of_type("game_over")
        rnd = over[-1].round if over else state.round
        if state.outcome == "war":
            by = state.fid(state.war_by)
            text = w["outcome_war"].format(round=rnd, by=st.f(by)) if by else w["outcome_war_events"].format(round=rnd)
        elif state.outcome == "completed":
            text = w["outcome_completed"].format(rounds=self.rs.turn.rounds, tension=tension, rules=rules)
        elif state.outcome == "collapse":
            text = w["outcome_collapse"].format(round=rnd)
        else:
            text = w["outcome_open"].format(round=state.round)
        doc.p(text, cls="outcome")
        if st.rules:
            start = self.tl.points[0].tracks.get(st.rules, rules)
            kept = w["held"].format(v=rules) if rules >= start else w["weakened"].format(v=rules)
            doc.p(w["shared_result"].format(peace=w["lost"] if state.outcome == "war" else w["kept"], rules_kept=kept))
        top = ranking(state)[0]
        doc.p(w["no_winner"] if state.outcome == "war" else w["winner"].format(f=st.f(top.faction), total=f"{top.total:g}"))
        seats = ", ".join(f"{st.f(f)} {seat_label(s, self.lang)}" for f, s in self.tl.seats.items())
        played = max((p.label for p in self.tl.points), default=0)
        doc.p(w["seed_line"].format(gid=self.meta.game_id or "—", seed=self.meta.seed, rounds=played,
                                    max_rounds=self.rs.turn.rounds, steps=len(self.tl.actions), seats=seats))

    def build(self) -> Debrief:
        st, w = self.st, self.w
        doc = Document(w["debrief_title"].format(name=text_of(self.rs.name, self.lang)), self.lang)
        self.make_charts()
        self.header(doc)
        doc.h(2, w["h_charts"])
        doc.img(self.charts["tracks"].name, w["chart_tracks_alt"])
        if st.ended_war():
            doc.h(2, w["h_war"])
            doc.p(w["war_intro"])
            self.lines(doc, st.war_chain(), "")
        doc.h(2, w["h_scores"])
        cats, rows = self.score_parts()
        head = [w["score_head"].split("|")[0], w["score_head"].split("|")[1], w["score_head"].split("|")[2]]
        head += [c[0] for c in cats] + [w["score_head"].split("|")[-1]]
        table = []
        for i, (fid, vals) in enumerate(rows, 1):
            table.append([str(i), st.f(fid), seat_label(self.tl.seats.get(fid, ""), self.lang)] + [f"{v:g}" for v in vals])
        doc.table(head, table)
        doc.img(self.charts["scores"].name, w["chart_scores_alt"])
        doc.img(self.charts["resources"].name, w["chart_res_alt"])

        doc.h(2, w["h_story"])
        doc.h(3, w["h_threats"])
        self.lines(doc, st.threats(), w["no_threats"])
        doc.h(3, w["h_tariffs"])
        self.lines(doc, st.tariffs(), w["no_tariffs"])
        doc.h(3, w["h_crises"])
        self.lines(doc, st.crises(), w["no_crises"])
        other = st.other_answers()
        if other:
            doc.h(3, w["h_other_answers"])
            self.lines(doc, other, "")
        doc.h(3, w["h_coalitions"])
        self.lines(doc, st.coalitions(), w["no_coalitions"])
        doc.h(3, w["h_proposals"])
        rows, refs = st.proposals()
        if rows:
            doc.table(w["prop_head"].split("|"), rows)
            self.told.update(refs)
        else:
            doc.p(w["no_proposals"])
        self.lines(doc, st.broken(), w["no_broken"])
        kept = len(self.tl.of_type("commitment_kept"))
        if kept:
            doc.p(w["kept_line"].format(n=kept))
        doc.h(3, w["h_votes"])
        votes = st.votes()
        if votes:
            self.lines(doc, [v[0] for v in votes], "")
            head = [w["prop_head"].split("|")[0], ("採決" if self.lang == "ja" else "Vote")] + [st.f(f) for f in self.g.factions]
            table = []
            for line, ballots in votes:
                card = next(self.tl.entries[i].event["card"] for i in line.refs if self.tl.entries[i].event["type"] == "vote_result")
                res = next(self.tl.entries[i].event["passed"] for i in line.refs if self.tl.entries[i].event["type"] == "vote_result")
                table.append([str(line.round), f"{st.n.card(card)} ({w['passed' if res else 'failed']})"] + [b[1] for b in ballots])
            doc.table(head, table)
        else:
            doc.p(w["no_votes"])
        doc.h(3, w["h_misc"])
        self.lines(doc, st.miscalculations(), w["no_misc"])
        chances = st.misc_chances()
        if chances:
            doc.p(w["misc_checks"].format(list=chances))
        self.untold(doc)

        doc.h(2, w["h_recs"])
        for rec in assess(st):
            doc.h(3, rec.title)
            doc.quote(rec.quote, SOURCE)
            if not rec.pro and not rec.con:
                doc.p(w["rec_none"])
            if rec.pro:
                doc.p(f"**{w['rec_for']}**")
                doc.ul([x.text for x in rec.pro])
            if rec.con:
                doc.p(f"**{w['rec_against']}**")
                doc.ul([x.text for x in rec.con])
            doc.p(f"**{w['h_questions']}**")
            doc.ul(rec.questions, cls="question")

        if self.whatif is not None:
            from game.report.whatif import add_section
            self.charts.update(add_section(doc, self.whatif[0], self.whatif[1], self.out, f"{self.prefix}-",
                                           self.lang))

        doc.h(2, w["h_reasons"])
        reasons = st.reasons()
        self.lines(doc, reasons, w["no_reasons"])
        doc.p(w["footer"])
        return Debrief(doc, self.charts, self.told)

    def untold(self, doc: Document) -> None:
        """Key entries no section told (choices from miscalculations, thresholds ...), listed plainly."""
        rest = [e for e in self.st.key_entries() if e.index not in self.told
                and e.event["type"] not in ("game_over",)]
        self.told.update(e.index for e in self.tl.of_type("game_over"))  # told in the outcome line
        if not rest:
            return
        doc.h(3, "その他の主な場面" if self.lang == "ja" else "Other key moments")
        self.lines(doc, [Line(e.round, f"{self.st._round(e.round)}: {self.st.line(e)}", [e.index]) for e in rest], "")


def build_debrief(tl: Timeline, out_dir: Path, lang: str = "en", meta: Meta | None = None,
                  prefix: str = "debrief", whatif=None) -> Debrief:
    """Draw the charts into `out_dir` and compose the debrief document; `whatif` is
    (analysis, session) to add the what-if section."""
    return _Builder(tl, meta or Meta(), lang, out_dir, prefix, whatif).build()
