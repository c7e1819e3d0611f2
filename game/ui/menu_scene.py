"""The main menu, and the pickers it opens: ruleset and save file."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.rules.schema import text_of
from game.saves import library
from game.saves.format import SaveError
from game.saves.library import catalogue
from game.saves.session import GameSession
from game.ui.files import (
    DEFAULT_RULESET, RulesetProblem, latest_autosave, load_ruleset, ruleset_title,
    saves_dir, shipped_rulesets,
)
from game.ui import art
from game.ui.match import restore
from game.ui.scene import Scene, column
from game.ui.theme import colour


def open_session_file(app, path) -> str | None:
    """Load a save and go to the table; the problem as text when it cannot be loaded."""
    try:
        session = GameSession.load(path)
    except SaveError as e:
        return str(e)
    except Exception as e:  # a damaged file of any kind is a message, not a crash
        return f"{path} could not be loaded: {type(e).__name__}: {e}"
    for scene in app.scenes:      # the game on the table now is kept before another one opens
        playing = getattr(scene, "match", None)
        if playing is not None and not playing.session.over:
            try:
                playing.session.autosave(saves_dir())
            except SaveError:
                pass
            break
    match = restore(app, session)
    table = app.go("table", match=match)
    if match.ahead is not None:     # said on the table until the first move, which starts the branch
        table.message = app.t("branch_note")
    return None


class MenuScene(Scene):
    """The main menu: new game, continue, load, the ruleset, hosting a classroom game, settings."""

    name = "menu"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.ruleset_path = Path(app.ruleset_path) if app.ruleset_path else DEFAULT_RULESET

    def layout(self) -> None:
        m = self.m
        auto = latest_autosave()
        items = [
            (self.t("new_game"), self.new_game, "primary", True),
            (self.t("continue") if auto else self.t("continue_none"), self.continue_game, None, auto is not None),
            (self.t("load"), lambda: self.app.go("load"), None, True),
            (self.t("ruleset"), lambda: self.app.go("ruleset", current=self.ruleset_path), None, True),
            (self.t("host_game"), self.host_game, None, True),
            (self.t("settings"), self.open_settings, None, True),
            (self.t("quit"), self.app.quit, "quiet", True),
        ]
        top = int(m.h * 0.36)
        rects = column(self, [i[0] for i in items], top, max(m.px(420), max(self.button_w(i[0]) for i in items)))
        for (label, fn, cls, ok), r in zip(items, rects):
            self.button(r, label, fn, cls=cls, enabled=ok)

    def on_resume(self, ruleset_path: Path | None = None, **result) -> None:
        """Back from the ruleset picker: its pick is the ruleset of a new game."""
        if ruleset_path is not None:
            self.ruleset_path = ruleset_path
            self.build()

    def open_settings(self) -> None:
        """Open the settings."""
        self.app.go("settings")

    def new_game(self) -> None:
        """Set up a new game of the chosen ruleset (or say why it cannot be loaded)."""
        try:
            ruleset = load_ruleset(self.ruleset_path)
        except RulesetProblem as e:
            self.message = str(e)
            return
        self.app.go("setup", ruleset=ruleset, path=self.ruleset_path)

    def host_game(self) -> None:
        """Start the classroom server of this ruleset; the window becomes its projector."""
        try:
            load_ruleset(self.ruleset_path)
        except RulesetProblem as e:
            self.message = str(e)
            return
        self.app.go("host", ruleset_path=self.ruleset_path)

    def continue_game(self) -> None:
        """Open the latest autosave at its table."""
        p = latest_autosave()
        if p is not None:
            self.message = open_session_file(self.app, p) or ""

    def draw(self, surf) -> None:
        """The title, the ruleset, its powers and the question it asks."""
        m, text = self.m, self.app.text
        surf.fill(colour("bg"))
        # a band of the six colours, like a row of flags on a conference table
        band_y = int(m.h * 0.08)
        cols = [(215, 38, 61), (60, 110, 200), (222, 41, 16), (0, 71, 160), (0, 150, 120), (0, 51, 153)]
        bw = m.w // len(cols)
        for i, c in enumerate(cols):
            pygame.draw.rect(surf, c, (i * bw, band_y, bw + 1, m.px(6)))
        text.draw(surf, self.t("title"), m.huge, colour("ink"), (m.w // 2, int(m.h * 0.13)), bold=True, anchor="midtop")
        y = int(m.h * 0.13) + text.line_h(m.huge) + m.pad
        text.draw(surf, self.t("subtitle"), m.large, colour("ink_dim"), (m.w // 2, y), anchor="midtop")
        y += text.line_h(m.large) + m.pad
        name = ruleset_title(self.ruleset_path, self.app.lang)
        text.draw(surf, self.t("current_ruleset", name=name), m.base, colour("accent"), (m.w // 2, y),
                  anchor="midtop", width=m.w - 4 * m.pad)
        # the powers at the table, and the question the scenario asks
        try:
            rs = load_ruleset(self.ruleset_path)
        except RulesetProblem:
            return
        below = max(w.rect.bottom for w in self.widgets) + m.pad * 3 if self.widgets else int(m.h * 0.8)
        size = text.line_h(m.large)
        facs = rs.factions
        gap = m.pad * 3
        row_w = len(facs) * size + (len(facs) - 1) * gap
        x = (m.w - row_w) // 2
        for f in facs:
            fname = text_of(f.name, self.app.lang)
            surf.blit(art.emblem(f.id, f.color, art.initials(fname), size, text), (x, below))
            x += size + gap
        if rs.question:
            qy = below + size + m.pad
            for line in text.wrap(text_of(rs.question, self.app.lang), m.base, min(m.w - 8 * m.pad, m.px(1300)))[:2]:
                if qy + text.line_h(m.base) > m.h - m.pad:
                    break
                text.draw(surf, line, m.base, colour("ink_dim"), (m.w // 2, qy), anchor="midtop")
                qy += text.line_h(m.base)

    def on_escape(self) -> None:
        """Nothing: the menu is the way out (Quit)."""
        pass


class RulesetScene(Scene):
    """The shipped rulesets, or a ruleset file by path; the pick is handed back as
    `back(ruleset_path=path)`."""

    name = "ruleset"

    def __init__(self, app, current: Path) -> None:
        super().__init__(app)
        self.current = current

    def layout(self) -> None:
        m = self.m
        files = shipped_rulesets()
        labels = [f"{ruleset_title(p, self.app.lang)}  ({p.name})" for p in files]
        top = int(m.h * 0.2)
        width = min(m.w - 4 * m.pad, max([m.px(700)] + [self.button_w(lbl) for lbl in labels]))
        rects = column(self, labels or ["-"], top, width)
        for p, label, r in zip(files, labels, rects):
            self.button(r, label, lambda p=p: self.pick(p),
                        cls="toggle_on" if p == self.current else None)
        y = (rects[-1].bottom if files else top) + m.pad * 3 + self.app.text.line_h(m.base) + m.pad
        self.path_label_y = y - self.app.text.line_h(m.base) - m.pad
        x = (m.w - width) // 2
        self.path = self.entry((x, y, width, m.button_h), placeholder="/path/to/ruleset.yaml", limit=500,
                               on_enter=self.pick_path)
        y += m.button_h + m.pad
        bw = (width - m.pad) // 2
        self.button((x, y, bw, m.button_h), self.t("open_path"), self.pick_path)
        self.button((x + bw + m.pad, y, bw, m.button_h), self.t("back"), self.app.back, cls="quiet")

    def pick(self, p: Path) -> None:
        """Hand back `p` as the ruleset of a new game (or say why it cannot be loaded)."""
        try:
            load_ruleset(p)
        except RulesetProblem as e:
            self.message = str(e)
            return
        self.app.back(ruleset_path=p)

    def pick_path(self) -> None:
        """Pick the ruleset file typed in the path field."""
        raw = self.path.value.strip()
        if raw:
            self.pick(Path(raw).expanduser())

    def draw(self, surf) -> None:
        """The title and the path field's label."""
        m, text = self.m, self.app.text
        surf.fill(colour("bg"))
        text.draw(surf, self.t("pick_ruleset"), m.large, colour("ink"), (m.w // 2, int(m.h * 0.08)), bold=True,
                  anchor="midtop")
        text.draw(surf, self.t("ruleset_path"), m.base, colour("ink_dim"), (self.path.rect.x, self.path_label_y))

    def on_escape(self) -> None:
        """Back, keeping the ruleset."""
        self.app.back()


class LoadScene(Scene):
    """The saves of the saves folder as games: ruleset, round and phase, teams, outcome, when
    last played; newest first, each branch indented under the save it came from."""
    name = "load"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.page = 0
        self.catalogue = catalogue(saves_dir())     # headers only: quick even for a full folder
        self.notes: list[tuple[pygame.Rect, str, int]] = []

    def layout(self) -> None:
        m, text = self.m, self.app.text
        lang = self.app.lang
        rows = self.catalogue.rows
        width = min(m.w - 4 * m.pad, m.px(1560))
        x = (m.w - width) // 2
        top = int(m.h * 0.07) + text.line_h(m.large) + text.line_h(m.small) + m.pad * 2
        below = text.line_h(m.base) + 2 * m.button_h + 4 * m.pad + (text.line_h(m.small) + m.pad
                                                                    if self.catalogue.problems else 0)
        pitch = m.button_h + text.line_h(m.small) + m.pad
        per_page = max(1, (m.h - top - below) // pitch)
        pages = max(1, -(-len(rows) // per_page))
        self.page = min(self.page, pages - 1)
        shown = rows[self.page * per_page:(self.page + 1) * per_page]
        indent = m.px(40)
        self.notes = []
        y = top
        for row in shown:
            dx = min(row.depth, 4) * indent
            r = pygame.Rect(x + dx, y, width - dx, m.button_h)
            i = row.info
            # the line: how far the game got and who played it; below it: when, which rules, which file
            self.button(r, library.headline(row, lang), lambda p=i.path: self.load(p), cls="row")
            note = library.detail(row, lang)
            self.notes.append((r, note, row.depth))
            y += pitch
        y = (y if shown else top + text.line_h(m.base)) + m.pad
        self.problems_y = y
        if self.catalogue.problems:
            y += text.line_h(m.small) + m.pad
        self.path_label_y = y
        y += text.line_h(m.base) + m.pad
        self.path = self.entry((x, y, width, m.button_h), placeholder="/path/to/save.json", limit=500,
                               on_enter=self.load_path)
        y += m.button_h + m.pad
        n = 4 if pages > 1 else 2
        bw = (width - (n - 1) * m.pad) // n
        self.button((x, y, bw, m.button_h), self.t("load"), self.load_path)
        if pages > 1:
            self.button((x + bw + m.pad, y, bw, m.button_h), self.t("newer"), lambda: self.turn(-1),
                        enabled=self.page > 0)
            self.button((x + 2 * (bw + m.pad), y, bw, m.button_h), self.t("older"), lambda: self.turn(1),
                        enabled=self.page < pages - 1)
        self.button((x + (n - 1) * (bw + m.pad), y, bw, m.button_h), self.t("back"), self.app.back, cls="quiet")
        self.empty = not rows

    def turn(self, step: int) -> None:
        """Show the page of saves `step` pages older (or newer, when negative)."""
        self.page = max(0, self.page + step)
        self.build()

    def load(self, p) -> None:
        """Open the save `p` at its table (or say why it cannot be loaded)."""
        self.message = open_session_file(self.app, p) or ""

    def load_path(self) -> None:
        """Open the save file typed in the path field."""
        raw = self.path.value.strip()
        if raw:
            self.load(Path(raw).expanduser())

    def draw(self, surf) -> None:
        """The title, the notes under each save, and the path field's label."""
        m, text = self.m, self.app.text
        surf.fill(colour("bg"))
        y = int(m.h * 0.07)
        text.draw(surf, self.t("pick_save"), m.large, colour("ink"), (m.w // 2, y), bold=True, anchor="midtop")
        y += text.line_h(m.large) + m.pad // 2
        text.draw(surf, self.t("saves_in", dir=str(saves_dir())), m.small, colour("ink_dim"), (m.w // 2, y),
                  anchor="midtop", width=m.w - 4 * m.pad)
        if self.empty:
            text.draw(surf, self.t("no_saves", dir=str(saves_dir())), m.base, colour("ink_dim"),
                      (m.w // 2, y + text.line_h(m.small) + m.pad * 2), anchor="midtop", width=m.w - 4 * m.pad)
        for r, note, depth in self.notes:
            text.draw(surf, note, m.small, colour("ink_dim"), (r.x + m.px(14), r.bottom + 2), width=r.w - m.px(14))
            if depth:       # a line back to the save above it, left of that save's note
                lx = r.x - m.px(40) + m.px(5)
                pygame.draw.lines(surf, colour("ink_dim"), False,
                                  [(lx, r.y - m.pad - text.line_h(m.small)), (lx, r.centery),
                                   (r.x - m.px(4), r.centery)], max(1, m.px(2)))
        if self.catalogue.problems:
            files = ", ".join(p.name for p, _ in self.catalogue.problems)
            text.draw(surf, self.t("left_out", files=files), m.small, colour("ink_dim"),
                      (self.path.rect.x, self.problems_y), width=self.path.rect.w)
        text.draw(surf, self.t("save_path"), m.base, colour("ink_dim"), (self.path.rect.x, self.path_label_y))

    def on_escape(self) -> None:
        """Back without loading."""
        self.app.back()
