"""New game: each seat human or AI (with difficulty), team names, short or full game, seed."""
from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.rules.schema import Ruleset, text_of
from game.saves.format import SaveError, SaveOptions
from game.saves.session import GameSession
from game.ui import art
from game.ui.files import RulesetProblem, load_ruleset, saves_dir, short_variant
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour

SEATS = ("human", "ai:easy", "ai:normal", "ai:hard")


def short_path_of(ruleset_of: Ruleset, path: Path | None) -> Path | None:
    """The file of the ruleset's short game, when it provides one: the file its `short_variant`
    names (or, by the older convention, `x-short.yaml` beside `x.yaml`); None when it provides
    none, or is itself the short game."""
    if path is None:
        return None
    cand = path.parent / ruleset_of.short_variant if ruleset_of.short_variant else short_variant(path)
    try:
        if cand is None or not cand.exists() or cand.resolve() == path.resolve():
            return None
    except OSError:
        return None
    return cand


def short_of(ruleset: Ruleset, path: Path | None) -> Ruleset | None:
    """The ruleset's short game, when it provides one (see short_path_of); None otherwise: the
    setup then plays the ruleset at its own length, with no switch."""
    cand = short_path_of(ruleset, path)
    if cand is None:
        return None
    try:
        return load_ruleset(cand)
    except (RulesetProblem, OSError):
        return None


class SetupScene(Scene):
    """A new game of `ruleset`: each seat human or AI (with its level), team names, short or full
    game, seed. `seats`, `teams` and `short` start the choices elsewhere than the defaults (play
    again keeps the last game's)."""

    name = "setup"

    def __init__(self, app, ruleset: Ruleset, path: Path | None = None, *, seats: dict[str, str] | None = None,
                 teams: dict[str, str] | None = None, short: bool | None = None) -> None:
        super().__init__(app)
        self.ruleset = ruleset
        self.path = path
        self.short_ruleset = short_of(ruleset, path)
        ids = [f.id for f in ruleset.factions]
        self.seats = {f: ("human" if i == 0 else "ai:normal") for i, f in enumerate(ids)}
        self.seats.update({f: s for f, s in (seats or {}).items() if f in self.seats})
        self.teams = {f: "" for f in ids}
        self.teams.update({f: t for f, t in (teams or {}).items() if f in self.teams})
        # a ruleset that provides a short game starts on it (the classroom length)
        self.short = self.short_ruleset is not None if short is None else short
        self.seed = str(int.from_bytes(os.urandom(3), "big") % 100000)
        self.entries: dict[str, object] = {}
        self.seed_entry = None
        self.length_pos: tuple[int, int] | None = None

    # ------------------------------------------------------------- state kept across rebuilds
    def clear(self) -> None:
        for f, e in self.entries.items():
            self.teams[f] = e.value
        if self.seed_entry is not None:
            self.seed = self.seed_entry.value
        self.entries = {}
        self.seed_entry = None
        super().clear()

    def seat_label(self, seat: str) -> str:
        """A seat's button label: human, or AI with its level."""
        if seat == "human":
            return self.t("seat_human")
        return self.t("seat_ai", level=self.t("level_" + seat.split(":")[1]))

    def layout(self) -> None:
        m, text = self.m, self.app.text
        lang = self.app.lang
        facs = self.ruleset.factions
        title_h = m.pad * 2 + text.line_h(m.large) + m.pad
        wide = min(m.w - 8 * m.pad, m.px(1400))
        q = text_of(self.ruleset.question, lang) if self.ruleset.question else ""
        self.q_lines = text.wrap(q, m.base, wide)[:2] if q else []
        desc = text_of(self.ruleset.description, lang) if self.ruleset.description else ""
        self.d_lines = text.wrap(desc, m.small, wide)[:3] if desc else []
        row_h = m.button_h + max(4, m.pad // 2)
        for attempt in range(3):   # on a small window with large text: drop the description, then the question
            head_h = len(self.q_lines) * text.line_h(m.base) + len(self.d_lines) * text.line_h(m.small) + m.pad
            block_h = len(facs) * row_h + 3 * (m.button_h + m.pad) + 3 * m.pad
            free = m.h - title_h - head_h - block_h - m.pad
            if free >= 0:
                break
            if self.d_lines:
                self.d_lines = []
            elif self.q_lines:
                self.q_lines = []
            else:
                row_h = m.button_h + 2
        top = title_h + head_h + max(0, free // 3)
        self.head_y = title_h
        self.rows_top = top
        emb = m.button_h
        name_w = max(text.width(text_of(f.name, lang), m.base, bold=True) for f in facs) + emb + m.pad * 2
        seat_w = max(self.button_w(self.seat_label(s)) for s in SEATS)
        total_w = min(m.w - 4 * m.pad, name_w + seat_w + m.px(420) + 2 * m.pad)
        x0 = (m.w - total_w) // 2
        self.block = pygame.Rect(x0 - m.pad, top - m.pad, total_w + 2 * m.pad, block_h)
        self.name_x = x0
        entry_x = x0 + name_w + seat_w + m.pad
        entry_w = total_w - (entry_x - x0)
        self.row_rects = []
        for i, f in enumerate(facs):
            y = top + i * row_h
            self.row_rects.append(pygame.Rect(x0, y, name_w, m.button_h))
            self.button((x0 + name_w, y, seat_w, m.button_h), self.seat_label(self.seats[f.id]),
                        lambda fid=f.id: self.cycle_seat(fid),
                        cls="toggle_on" if self.seats[f.id] == "human" else None)
            if self.seats[f.id] == "human":
                self.entries[f.id] = self.entry((entry_x + m.pad, y, entry_w - m.pad, m.button_h),
                                                self.teams.get(f.id, ""), placeholder=self.t("team_name"), limit=24)
        y = top + len(facs) * row_h + m.pad
        self.length_pos = None
        if self.short_ruleset is not None:
            rounds = self.short_ruleset.turn.rounds if self.short else self.ruleset.turn.rounds
            length = self.t("length", v=self.t("short_game" if self.short else "full_game", n=rounds))
            lw = max(self.button_w(self.t("length", v=self.t("short_game", n=88))),
                     self.button_w(self.t("length", v=self.t("full_game", n=88))))
            self.button((x0, y, min(lw, total_w), m.button_h), length, self.toggle_length)
        else:   # the ruleset's own length: nothing to switch
            self.length_pos = (x0, y + (m.button_h - text.line_h(m.base)) // 2)
        y += m.button_h + m.pad
        self.seed_label_pos = (x0, y + (m.button_h - text.line_h(m.base)) // 2)
        sx = x0 + text.width(self.t("seed"), m.base) + m.pad
        self.seed_entry = self.entry((sx, y, m.px(180), m.button_h), self.seed, allowed="numbers", limit=9)
        self.button((sx + m.px(180) + m.pad, y, self.button_w(self.t("new_seed")), m.button_h),
                    self.t("new_seed"), self.new_seed)
        y += m.button_h + m.pad * 2
        bw = max(self.button_w(self.t("start")), self.button_w(self.t("back")), m.px(220))
        self.button((x0 + total_w - bw, y, bw, m.button_h), self.t("start"), self.start, cls="primary")
        self.button((x0 + total_w - 2 * bw - m.pad, y, bw, m.button_h), self.t("back"), self.app.back, cls="quiet")
        self.humans_pos = (x0, y + (m.button_h - text.line_h(m.base)) // 2)
        self.humans_w = max(10, total_w - 2 * bw - 2 * m.pad)
        self.block.h = y + m.button_h + m.pad - self.block.y

    def cycle_seat(self, fid: str) -> None:
        """The next kind of seat for faction `fid` (human, AI easy, normal, hard)."""
        self.seats[fid] = SEATS[(SEATS.index(self.seats[fid]) + 1) % len(SEATS)]
        self.build()

    def toggle_length(self) -> None:
        """Switch between the short and the full game (when the ruleset has a short one)."""
        if self.short_ruleset is None:
            return
        self.short = not self.short
        self.build()

    def new_seed(self) -> None:
        """A new random seed."""
        self.seed = str(int.from_bytes(os.urandom(3), "big") % 100000)
        if self.seed_entry is not None:
            self.seed_entry.ui.set_text(self.seed)

    def start(self) -> None:
        """Start the game as set up, at the table (or say why it cannot start)."""
        self.clear()   # reads the fields
        try:
            seed = int(self.seed or "0")
        except ValueError:
            seed = 0
        ruleset = self.short_ruleset if self.short and self.short_ruleset is not None else self.ruleset
        path = self.path
        if ruleset is self.short_ruleset and path is not None:
            path = short_path_of(ruleset_of=self.ruleset, path=path) or path  # the file the short game came from
        try:
            session = GameSession.new(ruleset, seed=seed, seats=dict(self.seats),
                                      ruleset_path=str(path or ""))
        except SaveError as e:
            self.build()
            self.message = str(e)
            return
        session.autosave_dir = str(saves_dir())
        session.lang = self.app.lang
        session.options = SaveOptions(length="short" if self.short else "full", ai_speed=self.app.settings.ai_speed)
        teams = {f: name.strip() for f, name in self.teams.items() if self.seats.get(f) == "human" and name.strip()}
        self.app.go("table", match=Match(session, teams, speed=self.app.settings.ai_speed))

    def on_default(self) -> None:
        """Enter: start the game."""
        self.start()

    def on_escape(self) -> None:
        """Back to the menu."""
        self.app.back()

    def draw(self, surf) -> None:
        """The title, the question, the factions with their emblems, and the counts."""
        m, text = self.m, self.app.text
        lang = self.app.lang
        surf.fill(colour("bg"))
        text.draw(surf, self.t("setup_title") + " — " + text_of(self.ruleset.name, lang), m.large, colour("ink"),
                  (m.w // 2, m.pad * 2), bold=True, anchor="midtop", width=m.w - 4 * m.pad)
        y = self.head_y
        for line in self.q_lines:
            text.draw(surf, line, m.base, colour("accent"), (m.w // 2, y), bold=True, anchor="midtop")
            y += text.line_h(m.base)
        for line in self.d_lines:
            text.draw(surf, line, m.small, colour("ink_dim"), (m.w // 2, y), anchor="midtop")
            y += text.line_h(m.small)
        pygame.draw.rect(surf, colour("panel"), self.block, border_radius=m.px(12))
        for f, r in zip(self.ruleset.factions, self.row_rects):
            name = text_of(f.name, lang)
            surf.blit(art.emblem(f.id, f.color, art.initials(name), r.h, text), (r.x, r.y))
            text.draw(surf, name, m.base, colour("ink"), (r.x + r.h + m.pad, r.centery), bold=True,
                      anchor="midleft", width=r.w - r.h - 2 * m.pad)
        if self.length_pos is not None:
            text.draw(surf, self.t("length", v=self.t("own_length", n=self.ruleset.turn.rounds)), m.base,
                      colour("ink"), self.length_pos)
        text.draw(surf, self.t("seed"), m.base, colour("ink_dim"), self.seed_label_pos)
        n = sum(1 for s in self.seats.values() if s == "human")
        text.draw(surf, self.t("humans_n", n=n), m.base, colour("ink_dim"), self.humans_pos, width=self.humans_w)
