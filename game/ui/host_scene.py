"""Host a classroom game: the window becomes the projector, and its menu is the facilitator's.

The projector view is drawn only from what the server sends a projector connection (the public
view: tracks, factions without hands or secrets, the log lines everyone may read); the room code,
join URL and QR code are large enough to read from the back of a room. Every control goes to the
server as the facilitator page's own `control` frame (game/ui/classroom.py)."""
from __future__ import annotations

import time
import webbrowser

import pygame

from game.ui import art, i18n
from game.ui.classroom import HostedRoom, network_warning
from game.ui.files import load_ruleset, saves_dir
from game.ui.gauge import draw_track
from game.ui.scene import Scene, column
from game.ui.theme import colour, hex_colour

TIME_LIMITS = (0, 30, 60, 120, 300)
LEVELS = ("easy", "normal", "hard", "random")


def _two(d, lang: str, fallback: str = "") -> str:
    """A {"en", "ja"} text of the server's `texts` in `lang`."""
    if isinstance(d, dict):
        return d.get(lang) or d.get("en") or fallback
    return fallback


def draw_qr(surf: pygame.Surface, rect: pygame.Rect, matrix: list[list[bool]]) -> pygame.Rect:
    """The QR code in `rect` (a white square with a quiet zone of two modules), whole modules only."""
    n = len(matrix) + 4
    cell = max(1, min(rect.w, rect.h) // n)
    side = cell * n
    box = pygame.Rect(0, 0, side, side)
    box.center = rect.center
    pygame.draw.rect(surf, (255, 255, 255), box)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                surf.fill((17, 17, 17), (box.x + (x + 2) * cell, box.y + (y + 2) * cell, cell, cell))
    return box


def room_status(room: HostedRoom) -> dict:
    """The room as the facilitator sees it (empty while it does not run)."""
    return room.feed("facilitator").room if room.running else {}


def controls_key(room: HostedRoom):
    """What the facilitator's buttons depend on: they are laid out again when it changes."""
    f = room.feed("facilitator") if room.running else None
    if f is None:
        return None
    s = f.room
    return (s.get("started"), s.get("paused"), s.get("over"), f.extra.get("can_end_round"),
            tuple((x["controller"], x["team"]) for x in s.get("seats", [])), s.get("time_limit"), s.get("level"))


def start_stop(room: HostedRoom) -> None:
    """Start the room's game, or pause or resume it."""
    s = room_status(room)
    if not s.get("started"):
        room.control("start")
    elif s.get("paused"):
        room.control("resume")
    else:
        room.control("pause")


def run_label(scene: Scene, s: dict) -> str:
    """The label of the start / pause / resume button for the room's status `s`."""
    if not s.get("started"):
        return scene.t("host_start")
    return scene.t("resume") if s.get("paused") else scene.t("host_pause")


def follow_room(scene) -> None:
    """Lay `scene`'s buttons out again when what they depend on changed (`controls_key`), and show
    the facilitator's last refusal: the projector and its menu both follow the room so."""
    key = controls_key(scene.room)
    if key != scene._key:
        scene._key = key
        scene.build()
    err = scene.room.take_error() if scene.room.running else ""
    if err:
        scene.message = err


class HostScene(Scene):
    """Host a classroom game: starts the room's server, and the window becomes its projector
    (how to join, the public table); Esc opens the facilitator's menu."""

    name = "host"

    def __init__(self, app, ruleset_path, *, host: str | None = None, level: str = "normal",
                 seed: int | None = None) -> None:
        super().__init__(app)
        self.room = HostedRoom(str(ruleset_path), host=host or getattr(app, "serve_host", "127.0.0.1"),
                               level=level, seed=seed, lang=app.lang)
        self.problem = ""
        self.ruleset = load_ruleset(ruleset_path)   # names and track bounds: public, as the pages' texts
        self._qr: list[list[bool]] = []
        self._key = None
        self._at = time.monotonic()
        self._frames = -1

    # ---------------------------------------------------------------- life
    def on_enter(self) -> None:
        try:
            self.room.start()
        except Exception as e:  # a port in use, a bad address: said on screen, never a traceback
            self.problem = self.t("host_failed", e=f"{type(e).__name__}: {e}")
            return
        self._qr = self.room.qr_matrix()
        self.build()

    def on_leave(self) -> None:
        self.room.stop()

    # ---------------------------------------------------------------- reading the feed
    def status(self) -> dict:
        """The room as the facilitator sees it (empty while it does not run)."""
        return room_status(self.room)

    def update(self, dt: float) -> bool:
        follow_room(self)
        feed = self.room.feed() if self.room.running else None
        if feed is not None and feed.frames != self._frames:
            self._frames, self._at = feed.frames, time.monotonic()
        return False

    # ---------------------------------------------------------------- controls
    def start_stop(self) -> None:
        """Start the game, or pause or resume it."""
        start_stop(self.room)

    def open_menu(self) -> None:
        """The facilitator's menu."""
        self.app.go("host_menu", room=self.room)

    def leave(self) -> None:
        """Stop the room and go to the main menu."""
        self.app.go("menu")

    def on_escape(self) -> None:
        """The facilitator's menu."""
        self.open_menu()

    def layout(self) -> None:
        m = self.m
        s = self.status()
        y = m.h - m.pad - m.button_h
        running = self.room.running
        over = bool(s.get("over"))
        items = [
            (run_label(self, s), self.start_stop, "primary", running and not over, None),
            (self.t("host_end_round"), lambda: self.room.control("end_round"), None,
             running and bool(s.get("started")) and bool(self.room.feed("facilitator").extra.get("can_end_round"))
             if running else False, None),
            (self.t("host_menu"), self.open_menu, None, True, None),
            (self.t("host_leave"), self.leave, "quiet", True, None),
        ]
        x = m.pad
        for label, fn, cls, ok, k in items:
            w = self.button_w(label, m.px(180))
            self.button((x, y, w, m.button_h), label, fn, cls=cls, enabled=ok, key=k)
            x += w + m.pad

    # ---------------------------------------------------------------- drawing
    def regions(self) -> list[pygame.Rect]:
        """The projector's areas (tests check that none overlaps another)."""
        m = self.m
        left_w = max(m.px(420), int(m.w * 0.3))
        bottom = m.h - 2 * m.pad - m.button_h
        left = pygame.Rect(m.pad, m.pad, left_w, bottom - m.pad)
        right = pygame.Rect(left.right + m.pad, m.pad, m.w - left.right - 2 * m.pad, bottom - m.pad)
        return [left, right]

    def draw(self, surf) -> None:
        """The projector: how to join, the tracks, the factions and the log."""
        m, text = self.m, self.app.text
        surf.fill(colour("bg"))
        left, right = self.regions()
        if not self.room.running:
            msg = self.problem or self.t("host_stopped")
            text.blit_lines(surf, text.wrap(msg, m.large, m.w - 4 * m.pad), m.large, colour("danger"),
                            2 * m.pad, 2 * m.pad)
            return
        feed = self.room.feed()
        self.draw_join(surf, left)
        self.draw_table(surf, right, feed)

    def draw_join(self, surf, r: pygame.Rect) -> None:
        """The room code, the join address and the QR code."""
        m, text = self.m, self.app.text
        pygame.draw.rect(surf, colour("panel"), r, border_radius=m.px(12))
        x, w = r.x + m.pad, r.w - 2 * m.pad
        y = r.y + m.pad
        for line in text.wrap(self.t("host_join_title"), m.base, w)[:2]:
            text.draw(surf, line, m.base, colour("ink_dim"), (x, y), width=w)
            y += text.line_h(m.base)
        code_size = max(m.huge, min(int(w / 3.6), int(r.h * 0.14)))
        text.draw(surf, self.room.code, code_size, colour("accent"), (r.centerx, y), bold=True, anchor="midtop")
        y += text.line_h(code_size)
        url = self.room.join_url
        size = m.large if text.width(url, m.large, True) <= w else m.base
        text.draw(surf, url, size, colour("ink"), (r.centerx, y), bold=True, anchor="midtop", width=w)
        y += text.line_h(size) + m.pad // 2
        notes = [self.t("host_local", h=self.room.host) if self.room.local else network_warning(self.room.host, self.room.port)]
        lines = [ln for n in notes for ln in text.wrap(n, m.small, w)]
        note_h = len(lines) * text.line_h(m.small) + m.pad
        qr = pygame.Rect(x, y, w, r.bottom - y - note_h)
        if qr.h > m.px(60) and self._qr:
            draw_qr(surf, qr, self._qr)
        text.blit_lines(surf, lines, m.small, colour("ink_dim") if self.room.local else colour("danger"),
                        x, r.bottom - note_h + m.pad // 3)

    def draw_table(self, surf, r: pygame.Rect, feed) -> None:
        """The public table: tracks, factions and the log."""
        m, text = self.m, self.app.text
        lang = self.app.lang
        texts, view, status = feed.texts, feed.view, feed.room
        rs = self.ruleset
        # status line: round, whose decision, the clock
        y = r.y
        rnd = self.t("host_round", r=view.get("round", 0), n=view.get("rounds", 0))
        state = (self.t("host_over") if status.get("over") else self.t("host_paused") if status.get("paused")
                 else self.t("host_waiting") if not status.get("started") else "")
        decider = status.get("decider") or ""
        who = _two(texts.get("factions", {}).get(decider, {}).get("name"), lang, decider)
        kind = status.get("decision") or ""
        decides = self.t("host_decides", f=who, k=self.t("host_dk_" + kind) if ("host_dk_" + kind) in i18n.STRINGS
                         else kind) if decider and not status.get("over") else ""
        head = "  ·  ".join(x for x in (rnd, state, decides) if x)
        clock = status.get("clock")
        clock_s = ""
        if clock:
            left = clock["left"] - ((time.monotonic() - self._at) if clock.get("running") else 0)
            left = max(0, int(left + 0.999))
            clock_s = self.t("host_clock", t=f"{left // 60}:{left % 60:02d}")
        cw = text.width(clock_s, m.large, True) if clock_s else 0
        text.draw(surf, head, m.large, colour("ink"), (r.x, y), bold=True, width=r.w - cw - m.pad)
        if clock_s:
            text.draw(surf, clock_s, m.large, colour("danger") if clock and clock["left"] < 10 else colour("accent"),
                      (r.right, y), bold=True, anchor="topright")
        y += text.line_h(m.large) + m.pad // 2
        # tracks
        tracks = list((view.get("tracks") or {}).items())
        if tracks and rs is not None:
            th = text.line_h(m.large) + m.px(30) + text.line_h(m.small) + m.pad
            tw = (r.w - m.pad * (len(tracks) - 1)) // len(tracks)
            for i, (tid, value) in enumerate(tracks):
                tr = next((t for t in rs.tracks if t.id == tid), None)
                if tr is None:
                    continue
                war = next((x.at for x in tr.thresholds if x.ends_game == "war"), None)
                draw_track(surf, pygame.Rect(r.x + i * (tw + m.pad), y, tw, th), text, m,
                           label=_two(texts.get("tracks", {}).get(tid), lang, tid), value=value, lo=tr.min,
                           hi=tr.max, danger_at=war, danger_label=self.t("war_at", n=war) if war is not None else "",
                           ramp=i == 0, fill=None if i == 0 else colour("rules"),
                           note=self.t("miscalc", n=view.get("miscalculation", 0)) if i == 0 else "")
            y += th + m.pad
        # faction panels: name, who holds the seat, connected, resources, coalitions (no hands)
        facs = view.get("factions", [])
        seats = {x["faction"]: x for x in status.get("seats", [])}
        cols = 3
        rows = max(1, (len(facs) + cols - 1) // cols)
        lh = text.line_h(m.small)
        ph = min(int((r.bottom - y) * 0.55) // rows, text.line_h(m.base) + 5 * lh + m.pad // 2)
        pw = (r.w - m.pad * (cols - 1)) // cols
        for i, f in enumerate(facs):
            pr = pygame.Rect(r.x + (i % cols) * (pw + m.pad), y + (i // cols) * (ph + m.pad // 2), pw, ph)
            self.draw_faction(surf, pr, f, seats.get(f["id"], {}), texts, decider == f["id"])
        y += rows * (ph + m.pad // 2) + m.pad // 2
        self.draw_log(surf, pygame.Rect(r.x, y, r.w, r.bottom - y), feed)

    def draw_faction(self, surf, r: pygame.Rect, f: dict, seat: dict, texts: dict, deciding: bool) -> None:
        """One faction's public panel."""
        m, text = self.m, self.app.text
        lang = self.app.lang
        info = texts.get("factions", {}).get(f["id"], {})
        name = _two(info.get("name"), lang, f["id"])
        col = hex_colour(info.get("color", "#888888"))
        pygame.draw.rect(surf, colour("panel"), r, border_radius=m.px(10))
        pygame.draw.rect(surf, col, (r.x, r.y, m.px(8), r.h), border_top_left_radius=m.px(10),
                         border_bottom_left_radius=m.px(10))
        if deciding:
            pygame.draw.rect(surf, colour("accent"), r, max(2, m.px(3)), border_radius=m.px(10))
        x = r.x + m.px(8) + m.pad
        w = r.right - m.pad - x
        y = r.y + m.pad // 3
        es = text.line_h(m.base)
        surf.blit(art.emblem(f["id"], info.get("color", "#888888"), art.initials(name), es, text), (x, y))
        cards = self.t("host_cards", n=f.get("hand_size", 0))   # how many, never which
        cw = text.width(cards, m.small)
        text.draw(surf, cards, m.small, colour("ink_dim"), (r.right - m.pad, y + (es - text.line_h(m.small)) // 2),
                  anchor="topright")
        text.draw(surf, name, m.base, colour("ink"), (x + es + m.pad // 2, y), bold=True,
                  width=w - es - m.pad - cw)
        y += es
        team = seat.get("team") or ""
        if seat.get("controller") == "team":
            who = self.t("host_team", t=team) + ("" if seat.get("connected") else "  " + self.t("host_offline"))
            wcol = colour("good") if seat.get("connected") else colour("danger")
        else:
            who = self.t("host_ai", l=self.t("level_" + (self.status().get("level") or "normal")))
            if team:
                who += "  (" + self.t("host_team", t=team) + ")"
            wcol = colour("ink_dim")
        lines = [(who, wcol)]
        res = f.get("resources", {})
        rnames = texts.get("resources", {})
        pairs = [f"{_two(rnames.get(k), lang, k)} {v}" for k, v in res.items()]
        for i in range(0, len(pairs), 2):
            lines.append(("   ".join(pairs[i:i + 2]), colour("ink")))
        cos = [_two(texts.get("coalitions", {}).get(c), lang, c) for c in f.get("coalitions", [])]
        if cos:
            lines.append((self.t("coalitions", v=self.t("list_sep").join(cos)), colour("rules")))
        lh = text.line_h(m.small)
        for s, c in lines:
            if y + lh > r.bottom - m.pad // 4:
                break
            text.draw(surf, s, m.small, c, (x, y), width=w)
            y += lh

    def draw_log(self, surf, r: pygame.Rect, feed) -> None:
        """The latest public log lines."""
        m, text = self.m, self.app.text
        if r.h < text.line_h(m.base) * 2:
            return
        lang = self.app.lang
        pygame.draw.rect(surf, colour("panel"), r, border_radius=m.px(10))
        text.draw(surf, self.t("log"), m.base, colour("ink"), (r.x + m.pad, r.y + m.pad // 3), bold=True)
        top = r.y + m.pad // 3 + text.line_h(m.base)
        w = r.w - 2 * m.pad
        size = m.small
        lh = text.line_h(size)
        visible = max(0, (r.bottom - top - m.pad // 3) // lh)
        rows: list[tuple[str, tuple]] = []
        for ln in reversed(feed.log):
            block = [(s, colour("ink")) for s in text.wrap(ln.get(lang) or ln.get("en", ""), size, w)]
            why = ln.get("reason") or ""
            if why:
                block += [(s, colour("accent")) for s in text.wrap("   → " + i18n.reason_text(why, lang), size, w)]
            rows[:0] = block
            if len(rows) >= visible:
                break
        if not feed.log:
            rows = [(self.t("host_log_empty"), colour("ink_dim"))]
        y = top
        for s, c in rows[-visible:] if visible else []:
            surf.blit(text.render(s, size, c), (r.x + m.pad, y))
            y += lh


class HostMenuScene(Scene):
    """The host's pause menu: the facilitator's controls (the game is paused only by its button)."""
    name = "host_menu"
    opaque = False

    def __init__(self, app, room: HostedRoom) -> None:
        super().__init__(app)
        self.room = room
        self._key = None
        self.note = ""

    def update(self, dt: float) -> bool:
        follow_room(self)
        return False

    def layout(self) -> None:
        m = self.m
        room = self.room
        s = room_status(room)
        started, over = bool(s.get("started")), bool(s.get("over"))
        can_end = bool(room.feed("facilitator").extra.get("can_end_round")) if room.running else False
        limit = s.get("time_limit", 0) or 0
        level = s.get("level") or "normal"
        general = [
            (self.t("host_back"), self.app.back, "primary", True),
            (run_label(self, s), lambda: start_stop(room), None, room.running and not over),
            (self.t("host_end_round"), lambda: room.control("end_round"), None, room.running and started and can_end),
            (self.t("host_limit", v=self.t("host_no_limit") if not limit else self.t("host_seconds", n=limit)),
             self.cycle_limit, None, room.running),
            (self.t("host_level", v=self.t("level_" + level)), self.cycle_level, None, room.running),
            (self.t("host_inject"), lambda: self.app.go("host_inject", room=room), None,
             room.running and started and bool(room.feed("facilitator").extra.get("injectable"))),
            (self.t("host_export"), self.export, None, room.running),
            (self.t("host_fac_page"), self.open_facilitator, None, room.running),
            (self.t("host_leave"), self.leave, "quiet", True),
        ]
        seats = []
        texts = room.feed().texts if room.running else {}
        for seat in s.get("seats", []):
            name = _two(texts.get("factions", {}).get(seat["faction"], {}).get("name"), self.app.lang, seat["faction"])
            if seat["controller"] == "team":
                seats.append((self.t("host_to_ai", f=name, t=seat["team"]),
                              lambda f=seat["faction"]: room.control("seat_ai", faction=f), None, True))
            else:
                seats.append((self.t("host_to_team", f=name, t=seat["team"]) if seat["team"]
                              else self.t("host_ai_seat", f=name),
                              lambda f=seat["faction"]: room.control("seat_team", faction=f), None, bool(seat["team"])))
        top = int(m.h * 0.2)
        colw = min((m.w - 3 * m.pad) // 2, max(m.px(420), *(self.button_w(i[0]) for i in general + seats)))
        gap = m.pad
        left_x = m.w // 2 - gap // 2 - colw
        right_x = m.w // 2 + gap // 2
        for col_x, items in ((left_x, general), (right_x, seats)):
            for i, (label, fn, cls, ok) in enumerate(items):
                r = pygame.Rect(col_x, top + i * (m.button_h + m.pad), colw, m.button_h)
                self.button(r, label, fn, cls=cls, enabled=ok)
        self.focus = 0

    def leave(self) -> None:
        """Stop hosting: the room stops and the window goes to the main menu."""
        self.app.go("menu")

    def export(self) -> None:
        """Download the room's save and debrief into the saves folder."""
        try:
            paths = self.room.export(saves_dir())
        except Exception as e:  # a full disk, a server gone: said, never raised
            self.message = self.t("host_export_failed", e=f"{type(e).__name__}: {e}")
            return
        self.note = self.t("saved_to", p=" + ".join(str(p) for p in paths))

    def open_facilitator(self) -> None:
        """Open the facilitator's page (who is connected, re-issue a team's link) in this computer's
        browser: its secret link never goes on the projector."""
        try:
            opened = webbrowser.open(self.room.facilitator_url)
        except webbrowser.Error:
            opened = False
        self.note = self.t("host_fac_opened") if opened else ""
        if not opened:
            self.message = self.t("host_fac_failed")

    def cycle_limit(self) -> None:
        """The next time limit per decision."""
        now = room_status(self.room).get("time_limit", 0) or 0
        nxt = TIME_LIMITS[(TIME_LIMITS.index(now) + 1) % len(TIME_LIMITS)] if now in TIME_LIMITS else 0
        self.room.control("time_limit", seconds=nxt)

    def cycle_level(self) -> None:
        """The next level of the bots in empty seats."""
        now = room_status(self.room).get("level") or "normal"
        nxt = LEVELS[(LEVELS.index(now) + 1) % len(LEVELS)] if now in LEVELS else "normal"
        self.room.control("ai_level", level=nxt)

    def on_escape(self) -> None:
        """Back to the projector."""
        self.app.back()

    def draw(self, surf) -> None:
        """The title with the room code, and what was last done here (exported, ...)."""
        m, text = self.m, self.app.text
        text.draw(surf, self.t("host_menu_title", c=self.room.code), m.huge, colour("ink"),
                  (m.w // 2, int(m.h * 0.06)), bold=True, anchor="midtop", width=m.w - 4 * m.pad)
        if self.note and self.widgets:
            below = max(w.rect.bottom for w in self.widgets) + m.pad
            lines = text.wrap(self.note, m.small, m.w - 4 * m.pad)[:3]
            text.blit_lines(surf, lines, m.small, colour("good"), 2 * m.pad, below)


class InjectScene(Scene):
    """Pick a crisis of the ruleset to inject now (the server's list of what may be injected)."""
    name = "host_inject"
    opaque = False

    def __init__(self, app, room: HostedRoom) -> None:
        super().__init__(app)
        self.room = room

    def layout(self) -> None:
        m = self.m
        room = self.room
        ids = room.feed("facilitator").extra.get("injectable", []) if room.running else []
        events = (room.feed().texts.get("events", {}) if room.running else {})
        items = [(_two(events.get(e, {}).get("name"), self.app.lang, e), e) for e in ids]
        items = items[:max(1, (m.h - int(m.h * 0.2) - 2 * m.button_h) // (m.button_h + m.pad))]
        labels = [lbl for lbl, _ in items] + [self.t("back")]
        rects = column(self, labels, int(m.h * 0.2), max(m.px(520), *(self.button_w(x) for x in labels)))
        for (label, e), r in zip(items, rects):
            self.button(r, label, lambda e=e: self.inject(e))
        self.button(rects[-1], self.t("back"), self.app.back, cls="quiet")
        self.focus = 0

    def inject(self, event: str) -> None:
        """Inject the crisis `event` into the room's game and go back."""
        self.room.control("inject", event=event)
        self.app.back()

    def on_escape(self) -> None:
        """Back without sending an event."""
        self.app.back()

    def draw(self, surf) -> None:
        """The title over the list of crises."""
        m, text = self.m, self.app.text
        text.draw(surf, self.t("host_inject"), m.huge, colour("ink"), (m.w // 2, int(m.h * 0.06)), bold=True,
                  anchor="midtop", width=m.w - 4 * m.pad)
