"""The end: the table's shared result, the ranking with each score's breakdown, the charts of
Tension and International Rules over the rounds; save, export the debrief, or play again."""
from __future__ import annotations

import threading
import time

import pygame

from game.engine import ranking
from game.report import write_report
from game.rules.schema import text_of
from game.saves.format import SaveError
from game.ui import art
from game.ui.chart import draw_chart
from game.ui.files import saves_dir
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour, hex_colour


class EndScene(Scene):
    """The game's end: the shared result, the ranking with each score's breakdown and the charts
    of the tracks over the rounds; save, export the debrief, what if?, play again, or the menu."""

    name = "end"

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.note = ""
        self._export: threading.Thread | None = None     # the debrief being written
        self._exported: tuple[str, str] | None = None     # ("ok", page) or ("error", why)

    def layout(self) -> None:
        m = self.m
        items = [(self.t("save"), self.save, None, True),
                 (self.t("export"), self.export, None, True),
                 (self.t("whatif"), self.what_if, None, True),
                 (self.t("play_again"), self.play_again, "primary", True),
                 (self.t("main_menu"), self.to_menu, "quiet", True)]
        widths = [self.button_w(i[0]) for i in items]
        total = sum(widths) + m.pad * (len(items) - 1)
        scale = min(1.0, (m.w - 2 * m.pad) / total)
        x = m.w - m.pad - int(total * scale)
        y = m.h - m.pad - m.button_h
        for (label, fn, cls, ok), w in zip(items, widths):
            w = int(w * scale)
            self.button((x, y, w, m.button_h), label, fn, cls=cls, enabled=ok)
            x += w + m.pad
        self.buttons_y = y

    def save(self) -> None:
        """Save the finished game in a new file of the saves folder."""
        session = self.match.session
        try:
            stem = f"game-{session.game_id}-{time.strftime('%H%M%S')}"
            p, k = saves_dir() / f"{stem}.json", 1
            while p.exists():                 # a new file: a save never replaces another unasked
                k += 1
                p = saves_dir() / f"{stem}-{k}.json"
            p = session.save(p)
        except SaveError as e:
            self.message = str(e)
            return
        self.note = self.t("saved_to", p=str(p))

    def export(self) -> None:
        """Write the debrief in a worker thread (its charts take a second or two): the window
        keeps answering meanwhile, and says where the page is when it is done."""
        if self._export is not None:
            return
        out = saves_dir().parent / "debriefs" / f"debrief-{self.match.session.game_id}"
        session, lang = self.match.session, self.app.lang

        def work() -> None:
            try:
                written = write_report(session, out, fmt="both", lang=lang)
            except Exception as e:  # a ReportError or a disk problem: shown, never raised
                self._exported = ("error", str(e) or type(e).__name__)
                return
            pages = [p for p in written if p.suffix in (".html", ".md")]
            self._exported = ("ok", str(pages[0] if pages else out))

        self.message = ""
        self.note = self.t("exporting")
        self._exported = None
        self._export = threading.Thread(target=work, name="debrief", daemon=True)
        self._export.start()

    def wait_export(self) -> None:
        """Block until the debrief is written (tests)."""
        if self._export is not None:
            self._export.join()

    def update(self, dt: float) -> bool:
        """Say where the debrief went (or why it could not be written) once it is done."""
        if self._export is None:
            return False
        if self._export.is_alive():
            return True
        self._export = None
        kind, text = self._exported or ("error", "?")
        if kind == "ok":
            self.note = self.t("exported", p=text)
        else:
            self.note, self.message = "", text
        return False

    def what_if(self) -> None:
        """The key moments: play on from one (a branch), or the debrief with the what-if section."""
        self.app.go("whatif", match=self.match)

    def play_again(self) -> None:
        """A new game of the same ruleset, set up as this one was: the same seats and teams."""
        s = self.match.session
        self.app.go("menu")
        self.app.go("setup", ruleset=s.ruleset, seats=dict(s.seats), teams=dict(self.match.teams), short=False)

    def to_menu(self) -> None:
        """The main menu."""
        self.app.go("menu")

    def on_escape(self) -> None:
        """The main menu."""
        self.to_menu()

    def term_name(self, term: str, names, rs, lang: str) -> str:
        """The name of a score term: war, an objective, a shared goal or a resource."""
        if term == "war":
            return self.t("term_war")
        if term == "war_trigger":
            return self.t("term_war_trigger")
        if term.startswith("objective:"):
            oid = term.split(":", 1)[1]
            o = next((o for o in rs.scoring.objectives if o.id == oid), None)
            return text_of(o.name, lang) if o else oid
        g = next((g for g in rs.scoring.shared if g.id == term), None)
        if g is not None:
            return text_of(g.name, lang)
        return names.resource(term)

    def draw(self, surf) -> None:
        """The end screen (redrawn only when the size, language or notes change)."""
        key = (self.app.size, self.app.lang, self.m.base, self.note, self.message)
        layer = getattr(self, "_layer", None)
        if layer is None or self._layer_key != key or layer.get_size() != surf.get_size():
            if layer is None or layer.get_size() != surf.get_size():
                layer = self._layer = pygame.Surface(surf.get_size()).convert()
            self._layer_key = key
            self.draw_end(layer)
        surf.blit(layer, (0, 0))

    def draw_end(self, surf) -> None:
        """Draw the result, the ranking and the charts (cached by `draw`)."""
        m, text = self.m, self.app.text
        st = self.match.state
        g = st.game
        rs = g.ruleset
        lang = self.app.lang
        names = self.match.names(lang)
        surf.fill(colour("bg"))
        p = m.pad
        text.draw(surf, self.t("end_title"), m.large, colour("ink"), (p, p), bold=True, width=m.w // 2)
        y = p + text.line_h(m.large)
        # shared result
        if st.outcome == "war":
            res = self.t("result_war", by=names.faction(st.fid(st.war_by))) if st.war_by >= 0 else self.t("result_war_events")
            rc = colour("danger")
        elif st.outcome == "collapse":
            res, rc = self.t("result_collapse"), colour("danger")
        else:
            res, rc = self.t("result_peace"), colour("good")
        left_w = int(m.w * (0.56 if m.w < 1600 else 0.5))   # room for the score breakdowns at 720p
        for line in text.wrap(res, m.large, left_w - p, bold=True)[:2]:
            text.draw(surf, line, m.large, rc, (p, y), bold=True)
            y += text.line_h(m.large)
        rules_i = next((i for i, t in enumerate(g.tracks) if i != g.tension_t), None)
        if rules_i is not None:
            tr = rs.tracks[rules_i]
            text.draw(surf, self.t("result_rules", v=st.tracks[rules_i], max=tr.max), m.base, colour("rules"), (p, y), width=left_w - p)
            y += text.line_h(m.base)
        y += p // 2
        # ranking with breakdowns
        text.draw(surf, self.t("ranking"), m.base, colour("ink"), (p, y), bold=True)
        y += text.line_h(m.base)
        bottom = self.buttons_y - p
        rank = ranking(st)
        rows_room = bottom - y
        per = max(text.line_h(m.base) + text.line_h(m.small), rows_room // max(1, len(rank)))
        for i, sc in enumerate(rank):
            fac = rs.factions[g.fidx[sc.faction]]
            name = text_of(fac.name, lang)
            es = text.line_h(m.base)
            if y + es > bottom:
                break
            surf.blit(art.emblem(fac.id, fac.color, art.initials(name), es, text), (p, y))
            total = self.t("score_total", v=f"{sc.total:g}")
            team = self.match.teams.get(sc.faction)
            label = f"{i + 1}. {name}" + (self.t("team_suffix", team=team) if team else "")
            tw = text.width(total, m.base, True)
            # the top score in gold, unless war made everyone lose
            lc = colour("accent") if i == 0 and st.outcome != "war" else hex_colour(fac.color)
            text.draw(surf, label, m.base, lc, (p + es + p // 2, y), bold=True,
                      width=left_w - es - tw - 3 * p)
            text.draw(surf, total, m.base, colour("ink"), (left_w - p, y), bold=True, anchor="topright")
            yy = y + es
            parts = [f"{self.term_name(k, names, rs, lang)} {v:+g}" for k, v in sc.terms]
            lines = text.wrap(" · ".join(parts), m.small, left_w - es - 2 * p)
            step = min(text.line_h(m.small), round(m.small * 1.3))   # the font's own line gap is wide
            room = max(0, (y + per - yy) // step)
            if room:
                text.blit_lines(surf, lines, m.small, colour("ink_dim"), p + es + p // 2, yy, max_lines=room,
                                width=left_w - es - 2 * p, step=step)
            y += per
        # charts
        cx = left_w + p
        cr = pygame.Rect(cx, p, m.w - cx - p, self.buttons_y - 2 * p)
        text.draw(surf, self.t("chart_title"), m.base, colour("ink"), (cr.x, cr.y), bold=True, width=cr.w)
        cr.y += text.line_h(m.base) + p // 2
        cr.h -= text.line_h(m.base) + p // 2 + (2 * text.line_h(m.base) + p if self.note else 0)
        hist = [list(h) for h in st.history]
        if hist and hist[-1] != list(st.tracks):
            hist.append(list(st.tracks))
        series = []
        palette = [colour("danger"), colour("rules"), colour("good"), colour("accent")]
        for k, tr in enumerate(rs.tracks):
            series.append((text_of(tr.name, lang), palette[k % len(palette)], [h[k] for h in hist]))
        lo = min(t.min for t in rs.tracks) if rs.tracks else 0
        hi = max(t.max for t in rs.tracks) if rs.tracks else 10
        war = None
        if g.tension_t >= 0:
            war = next((th.at for th in rs.tracks[g.tension_t].thresholds if th.ends_game == "war"), None)
        draw_chart(surf, cr, text, m, series=series, lo=lo, hi=hi, danger_at=war,
                   danger_label=self.t("war_at", n=war) if war is not None else "",
                   x_label=lambda i: self.t("round_short", n=i))
        y = cr.bottom + p // 2
        for line in self.note_lines(cr.w):
            text.draw(surf, line, m.base, colour("good"), (cr.x, y))
            y += text.line_h(m.base)

    def note_lines(self, width: int) -> list[str]:
        """The note in at most two lines; a path too long for a line loses its start, not its file name."""
        text, size = self.app.text, self.m.base
        if not self.note:
            return []
        first = text.wrap(self.note, size, width)[0]
        rest = self.note[len(first):].strip()
        if text.width(rest, size) > width:
            while rest and text.width("…" + rest, size) > width:
                rest = rest[1:]
            rest = "…" + rest
        return [first, rest] if rest else [first]
