"""The table: six faction panels, the Tension and Rules tracks, the hand, the log, and the
decision bar where every human choice is made (all through engine actions)."""
from __future__ import annotations

import math

import pygame

from game.engine import (
    aims, answer, find_proposal, miscalculation_chance, pass_, pending, play,
    play_problem, war_risk, weights,
)
from game.rules.schema import text_of
from game.ui.card_sprite import CardSlot, card_fit, draw_card
from game.ui.faction_panel import draw_panel
from game.ui.gauge import draw_track
from game.ui.match import Match
from game.ui.scene import Scene
from game.ui.theme import colour
from game.ui.widgets import Button, draw_focus


class TableScene(Scene):
    """The game at the table: the panels, tracks, log, the viewer's hand and the decision bar.
    Every choice goes through the Match as an engine action; it opens the composer, the war
    question, the handoff cover and the pause menu, and moves to the end when the game is over."""

    name = "table"

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.ai_speed = app.settings.ai_speed   # the AI pace of the settings, as last seen
        self.selected: str | None = None      # a targeted card waiting for its target
        self.hover: int | None = None         # card index under the mouse
        self.log_scroll = 0
        self.spin = 0.0
        self.key = None
        self.shown_hand_of: str | None = None  # whose hand the last frame showed (tests check it)
        self.big_rect: pygame.Rect | None = None  # where the hovered or focused card was shown whole
        self.show_aims = False                # the viewer's objectives and weights are open
        self.hover_own_panel = False
        self.aims_for: str | None = None      # the seat they were opened for
        self.aims_rect: pygame.Rect | None = None
        self.done = False

    # ---------------------------------------------------------------- layout
    def decision_key(self):
        """What the decision bar shows depends on: it is laid out again when this changes."""
        st = self.match.state
        return (st.steps, self.match.viewer, self.selected, self.app.lang)

    def layout(self) -> None:
        m, text = self.m, self.app.text
        W, H = m.w, m.h
        p = m.pad
        self.key = self.decision_key()
        top_h = m.button_h + p
        self.top_rect = pygame.Rect(0, 0, W, top_h)
        menu_label = self.t("menu_esc")
        mw = self.button_w(menu_label)
        self.button((W - mw - p, p // 2, mw, m.button_h), menu_label, self.open_pause, cls="quiet", focusable=False)
        if self.aims_seat() != self.aims_for:
            self.show_aims, self.aims_for = False, self.aims_seat()  # a new seat: its own list, closed
        if self.aims_for:
            al = self.t("aims_button")
            aw = self.button_w(al)
            self.button((W - mw - aw - 2 * p, p // 2, aw, m.button_h), al, self.toggle_aims,
                        cls="toggle_on" if self.show_aims else "quiet", focusable=False, key=pygame.K_o)
        right_w = max(int(W * 0.27), m.px(380))
        self.right = pygame.Rect(W - right_w - p, top_h + p // 2, right_w, H - top_h - p - p // 2)
        left = pygame.Rect(p, top_h + p // 2, W - right_w - 3 * p, H - top_h - p - p // 2)
        self.left = left
        # tracks on the right, the log below them
        track_h = text.line_h(m.large) + text.line_h(m.small) + m.px(34) + p * 2
        self.tension_rect = pygame.Rect(self.right.x, self.right.y, self.right.w, track_h)
        self.rules_rect = pygame.Rect(self.right.x, self.tension_rect.bottom + p // 2, self.right.w,
                                      track_h - text.line_h(m.small))
        self.log_rect = pygame.Rect(self.right.x, self.rules_rect.bottom + p // 2, self.right.w,
                                    self.right.bottom - self.rules_rect.bottom - p // 2)
        # hand at the bottom left, decision bar above it, panels fill the rest
        viewer = self.match.viewer
        hand = self.match.state.hand(viewer) if viewer else []
        card_h = min(m.px(330), int(H * 0.33))  # tall enough for a card's whole text (card_fit)
        self.hand_title_h = text.line_h(m.small)
        self.hand_rect = pygame.Rect(left.x, left.bottom - card_h - self.hand_title_h, left.w, card_h + self.hand_title_h)
        dec_w = left.w
        self.cards: list[CardSlot] = []
        n = max(1, len(hand))
        cw = min(m.px(250), (left.w - (n - 1) * p) // n)
        for i, cid in enumerate(hand):
            r = pygame.Rect(left.x + i * (cw + p), self.hand_rect.y + self.hand_title_h, cw, card_h)
            self.cards.append(CardSlot(self, i, cid, r))
        dec_h = self.layout_decision(pygame.Rect(left.x, 0, dec_w, 0))
        self.dec_rect = pygame.Rect(left.x, self.hand_rect.y - p // 2 - dec_h, dec_w, dec_h)
        for w in self.widgets:
            if isinstance(w, Button) and getattr(w, "_dec", False):
                w.rect.y += self.dec_rect.y
                w.ui.set_relative_position(w.rect.topleft)
        self.widgets.extend(self.cards)
        # faction panels
        g = self.match.state.game
        n = g.n
        cols = 3 if n > 4 else 2 if n > 1 else 1
        rows = math.ceil(n / cols)
        ph = (self.dec_rect.y - p // 2 - left.y - (rows - 1) * (p // 2)) // rows
        pw = (left.w - (cols - 1) * (p // 2)) // cols
        self.panel_rects = []
        for i in range(n):
            c, r = i % cols, i // cols
            self.panel_rects.append(pygame.Rect(left.x + c * (pw + p // 2), left.y + r * (ph + p // 2), pw, ph))

    def regions(self) -> list[pygame.Rect]:
        """The table's areas (tests check that none overlaps another)."""
        return [self.top_rect, *self.panel_rects, self.tension_rect, self.rules_rect, self.log_rect,
                self.dec_rect, self.hand_rect]

    def _dec_button(self, rect, label, fn, **kw) -> Button:
        b = self.button(rect, label, fn, **kw)
        b._dec = True
        return b

    def _flow(self, area: pygame.Rect, y: int, items: list[tuple], numbered: bool = True) -> int:
        """Lay out decision buttons left to right, wrapping; returns the y below them."""
        m = self.m
        x = area.x + m.pad
        for i, item in enumerate(items):
            label, fn = item[0], item[1]
            kw = item[2] if len(item) > 2 else {}
            shown = f"{i + 1}. {label}" if numbered and i < 9 else label
            w = min(self.button_w(shown), area.w - 2 * m.pad)
            if x + w > area.right - m.pad and x > area.x + m.pad:
                x = area.x + m.pad
                y += m.button_h + m.pad // 2
            kw = dict(kw)
            kw.setdefault("key", pygame.K_1 + i if numbered and i < 9 else None)
            self._dec_button((x, y, w, m.button_h), shown, fn, **kw)
            x += w + m.pad // 2
        return y + m.button_h

    def layout_decision(self, area: pygame.Rect) -> int:
        """Create the decision bar's buttons (at y relative to the bar); returns its height."""
        m, text = self.m, self.app.text
        match = self.match
        st = match.state
        g = st.game
        lang = self.app.lang
        names = match.names(lang)
        self.prompt_lines: list[str] = []
        wrap_w = area.w - 2 * m.pad
        y0 = m.pad // 2
        if st.over or not match.my_turn():
            self.prompt_lines = []
            return text.line_h(m.large) * 2 + m.pad
        me = match.viewer
        f = g.fidx[me]
        kind = match.kind()
        fname = names.faction(me)
        items: list[tuple] = []
        prompt = ""
        numbered = True
        if kind == "act":
            if self.selected:
                spec = g.cards[g.cidx[self.selected]]
                prompt = self.t("choose_target", card=text_of(spec.name, lang))
                for t in g.factions:
                    if t == me:
                        continue
                    why = play_problem(st, f, self.selected, t)
                    items.append((names.faction(t), lambda t=t: self.do(play(me, self.selected, t)),
                                  {"enabled": why is None, "tooltip": why and why.text(lang)}))
                items.append((self.t("cancel"), self.cancel_target, {"cls": "quiet"}))
            else:
                prompt = self.t("act_prompt", f=fname, n=st.actions_left[f])
                items.append((self.t("pass_turn"), lambda: self.do(pass_(me)), {"key": pygame.K_p}))
                numbered = False
        elif kind == "negotiate":
            prompt = self.t("negotiate_prompt", f=fname)
            items = [(self.t("make_proposal"), self.open_composer, {"cls": "primary"}),
                     (self.t("end_negotiation"), lambda: self.do(pass_(me)))]
        elif kind == "counter":
            p = pending(st, lang)
            prompt = self.t("counter_prompt", f=fname, to=names.faction(p.actor))
            items = [(self.t("make_counter"), self.open_composer, {"cls": "primary"}),
                     (self.t("pass"), lambda: self.do(pass_(me)))]
        elif kind in ("response", "choice"):
            p = pending(st, lang)
            if kind == "response":
                prompt = self.t("response_prompt", f=fname, from_=names.faction(p.actor),
                                card=names.card(p.ref), prompt=p.prompt)
            else:
                ev = ""
                if p.source == "event" and st.phase in ("event", "resolution"):
                    ev = names.event(p.ref) + " — "
                prompt = self.t("choice_prompt", f=fname, prompt=ev + p.prompt)
            for o in p.options:  # a closed answer is shown dimmed, saying why
                items.append((o.label, lambda a=o.action: self.do(a),
                              {"enabled": o.open, "tooltip": o.problem and o.problem.text(lang)}))
        elif kind == "vote":
            p = pending(st, lang)
            prompt = self.t("vote_prompt", f=fname, card=names.card(p.ref), prompt=p.prompt)
            items = [(self.t("yes"), lambda: self.do(answer(me, "yes"))),
                     (self.t("no"), lambda: self.do(answer(me, "no")))]
        elif kind == "proposal":
            p = pending(st, lang)
            op = find_proposal(st, p.proposal)
            terms = names.terms([t.to_dict() for t in op.terms]) if op else ""
            prompt = self.t("proposal_from", f=fname, from_=names.faction(p.actor)) + ": " + terms
            counter_why = None if p.options[2].open else self.t("no_counter_left")
            items = [(self.t("accept"), lambda: self.do(answer(me, "accept")), {"cls": "toggle_on"}),
                     (self.t("reject"), lambda: self.do(answer(me, "reject"))),
                     (self.t("counter"), lambda: self.do(answer(me, "counter")),
                      {"enabled": counter_why is None, "tooltip": counter_why})]
        self.prompt_lines = text.wrap(prompt, m.base, wrap_w)[:3]
        y = y0 + len(self.prompt_lines) * text.line_h(m.base) + m.pad // 2
        y = self._flow(area, y, items, numbered)
        return y + m.pad // 2

    # ---------------------------------------------------------------- actions
    def do(self, action, confirmed: bool = False) -> None:
        """Send a human's move; one that would or could start a war is asked about first."""
        if not confirmed and self.match.my_turn():
            risk = war_risk(self.match.state, action)
            if risk is not None:
                self.app.go("war_confirm", match=self.match, action=action, risk=risk)
                return
        why = self.match.human_apply(action)
        self.selected = None
        self.message = self.t("illegal", why=why) if why else ""
        self.refresh()

    def refresh(self) -> None:
        """Re-lay the widgets for a changed decision (keeps the manager)."""
        for w in self.widgets:
            w.kill()
        self.widgets = []
        focus = self.focus
        self.layout()
        items = self.focusables()
        self.focus = focus if 0 <= focus < len(items) else -1

    def click_card(self, i: int) -> None:
        """Play the viewer's `i`th card (a targeted card asks for its target first)."""
        match = self.match
        if not match.my_turn() or match.kind() != "act" or i >= len(self.cards):
            return
        st = match.state
        g = st.game
        me = match.viewer
        cid = self.cards[i].card_id
        spec = g.cards[g.cidx[cid]]
        problem = self.card_problem(cid)
        if problem:  # a dimmed card says why when it is clicked or its key is pressed
            self.message = problem
            return
        if spec.target == "faction":
            self.selected = cid
            self.message = ""
            self.refresh()
            return
        self.do(play(me, cid))

    def cancel_target(self) -> None:
        """Put back the card waiting for a target."""
        self.selected = None
        self.refresh()

    def card_problem(self, cid: str) -> str | None:
        """Why the viewer cannot play this card now (against any target), or None."""
        st = self.match.state
        g = st.game
        me = self.match.viewer
        f = g.fidx[me]
        spec = g.cards[g.cidx[cid]]
        if not self.match.my_turn() or self.match.kind() != "act":
            return None
        if spec.target == "faction":
            reasons = [play_problem(st, f, cid, t) for t in g.factions if t != me]
            if any(r is None for r in reasons):
                return None
            return next((r.text(self.app.lang) for r in reasons if r), None)
        why = play_problem(st, f, cid)
        return why and why.text(self.app.lang)

    def aims_seat(self) -> str | None:
        """The seat whose objectives this screen may show: the human seat it belongs to now."""
        v = self.match.viewer
        return v if v and self.match.is_human(v) else None

    def toggle_aims(self) -> None:
        """Show or hide the seat's objectives and score weights."""
        self.show_aims = not self.show_aims
        self.refresh()

    def aims_lines(self) -> list[tuple[str, tuple, bool]]:
        """(text, colour, bold) lines of the viewer's objectives and score weights."""
        st = self.match.state
        f = self.aims_for
        lang = self.app.lang
        names = self.match.names(lang)
        out = [(self.t("aims_title", f=names.faction(f)), colour("accent"), True)]
        for a in aims(st, f, lang):
            kind = self.t("aim_secret" if a.secret else "aim_public")
            state = self.t("aim_met" if a.met else "aim_not_met")
            line = self.t("aim_line", name=a.name, kind=kind, points=a.points, text=a.text) + f" — {state}"
            out.append((("● " if a.met else "○ ") + line, colour("good") if a.met else colour("ink"), False))
        goals = {x.id: x for x in st.game.ruleset.scoring.shared}
        terms = []
        for w in weights(st, f, lang):
            goal = goals.get(w.id)
            name = w.name
            if goal is not None and goal.invert:
                tr = st.game.ruleset.tracks[st.game.tidx[goal.track]]
                name = f"{w.name} ({tr.max} − {names.track(goal.track)})"
            terms.append(f"{name} ×{w.weight:g}")
        out.append((self.t("aims_weights", terms=self.t("list_sep").join(terms)), colour("ink_dim"), False))
        return out

    def draw_aims(self, surf) -> None:
        """The viewer's objectives over the panels (never over the decision bar or the hand)."""
        m, text = self.m, self.app.text
        p = m.pad
        area = pygame.Rect(self.left.x, self.top_rect.bottom, self.left.w,
                           self.dec_rect.y - p // 2 - self.top_rect.bottom)
        w = area.w - 2 * p
        rows = []
        for s, col, bold in self.aims_lines():
            size = m.base if bold else m.small
            for part in text.wrap(s, size, w, bold=bold):
                rows.append((part, col, bold, size))
        h = sum(text.line_h(r[3]) for r in rows) + p
        box = pygame.Rect(area.x, area.y, area.w, min(area.h, h))
        self.aims_rect = box
        pygame.draw.rect(surf, colour("panel_hi"), box, border_radius=m.px(10))
        pygame.draw.rect(surf, colour("accent"), box, max(2, m.px(2)), border_radius=m.px(10))
        y = box.y + p // 2
        for s, col, bold, size in rows:
            if y + text.line_h(size) > box.bottom:
                break
            surf.blit(text.render(s, size, col, bold), (box.x + p, y))
            y += text.line_h(size)

    def open_composer(self) -> None:
        """Compose a proposal (or the counter the seat must now make)."""
        self.app.go("proposal", match=self.match)

    def open_pause(self) -> None:
        """Stop the game: the pause menu."""
        self.app.go("pause", match=self.match)

    def on_resume(self, move=None, confirmed: bool = False, declined=None, **result) -> None:
        """Back from a dialog: a move the composer or the war question handed back is made; a
        move declined clears the message; a seat taken or a move undone is shown."""
        if declined is not None:
            self.message = ""
        if move is not None:
            self.do(move, confirmed=confirmed)
        elif self.decision_key() != self.key:
            self.refresh()

    def on_settings(self, settings) -> None:
        """A new AI pace applies to the game in play at once."""
        if settings.ai_speed != self.ai_speed:
            self.ai_speed = self.match.speed = settings.ai_speed

    def on_escape(self) -> None:
        """Put back a card waiting for a target, else the pause menu."""
        if self.selected:
            self.cancel_target()
        else:
            self.open_pause()

    def handle(self, event) -> None:
        """Hovering cards and the seat's panel, clicking a card, the log's wheel, number keys."""
        if event.type == pygame.MOUSEMOTION:
            self.hover = next((c.index for c in self.cards if c.rect.collidepoint(event.pos)), None)
            g = self.match.state.game
            own = g.fidx.get(self.aims_for, -1) if self.aims_for else -1
            self.hover_own_panel = 0 <= own < len(self.panel_rects) and self.panel_rects[own].collidepoint(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for c in self.cards:
                if c.rect.collidepoint(event.pos):
                    self.click_card(c.index)
                    return
        elif event.type == pygame.MOUSEWHEEL:
            if self.log_rect.collidepoint(pygame.mouse.get_pos()):
                self.log_scroll = max(0, self.log_scroll + event.y * 2)
        elif event.type == pygame.KEYDOWN and self.match.my_turn() and self.match.kind() == "act" \
                and not self.selected and pygame.K_1 <= event.key <= pygame.K_9:
            self.click_card(event.key - pygame.K_1)
            return
        super().handle(event)

    # ---------------------------------------------------------------- frame
    def update(self, dt: float) -> bool:
        self.spin = (self.spin + dt * 4) % (2 * math.pi)
        if self.done:
            return False
        self.match.lang = self.app.lang
        busy = self.match.tick(dt)
        if self.decision_key() != self.key:
            self.refresh()
        if self.match.highlight_left > 0:
            return True
        to = self.match.handoff_to()
        if to is not None:
            self.app.go("handoff", match=self.match, faction=to)
            return False
        if self.match.state.over and not busy:
            self.done = True
            self.app.go("end", match=self.match)
            return False
        return busy

    def frame_key(self) -> tuple:
        """Everything the cached table layer depends on; the layer is redrawn when it changes."""
        items = self.focusables()
        focus = id(items[self.focus]) if 0 <= self.focus < len(items) else None
        m = self.match
        return (m.state.steps, m.viewer, self.selected, self.app.lang, self.app.size, self.m.base, self.hover,
                focus, m.highlight, self.log_scroll, len(m.session.events), id(m.state), self.key)

    def draw(self, surf) -> None:
        """The table (a cached layer), the live status bar, and the objectives when open."""
        if self.decision_key() != self.key:   # changed under a dialog (a move undone): shown as it is
            self.refresh()
        key = self.frame_key()
        layer = getattr(self, "_layer", None)
        if layer is None or self._layer_key != key or layer.get_size() != surf.get_size():
            if layer is None or layer.get_size() != surf.get_size():
                layer = self._layer = pygame.Surface(surf.get_size()).convert()
            self._layer_key = key
            self.draw_table(layer)
        surf.blit(layer, (0, 0))
        self.draw_status(surf)
        self.aims_rect = None
        if self.aims_for and (self.show_aims or self.hover_own_panel):
            self.draw_aims(surf)

    def draw_status(self, surf) -> None:
        """The top bar's live part: who decides, and a spinner while a bot thinks."""
        m, text = self.m, self.app.text
        match = self.match
        names = match.names(self.app.lang)
        d = match.decider()
        status = ""
        if match.thinking():
            status = self.t("thinking", f=names.faction(match.thinking()))
        elif d:
            status = self.t("to_decide", f=names.faction(d))
        cx = m.w // 2
        sr = text.draw(surf, status, m.base, colour("accent"), (cx, m.pad // 2 + (m.button_h - text.line_h(m.base)) // 2),
                       anchor="midtop", width=m.w // 3)
        if match.thinking():
            c = (sr.left - m.pad - m.px(8), sr.centery)
            for k in range(8):
                a = self.spin + k * math.pi / 4
                shade = 80 + k * 20
                pygame.draw.circle(surf, (shade, shade, min(255, shade + 40)),
                                   (c[0] + math.cos(a) * m.px(9), c[1] + math.sin(a) * m.px(9)), max(2, m.px(2)))

    def draw_table(self, surf) -> None:
        """Round and phase, the panels, the tracks, the log, the decision bar and the hand."""
        m, text = self.m, self.app.text
        match = self.match
        st = match.state
        g = st.game
        lang = self.app.lang
        surf.fill(colour("bg"))
        phase = self.t("phase_" + st.phase) if st.phase else ""
        text.draw(surf, self.t("round_phase", r=min(st.round, g.ruleset.turn.rounds), n=g.ruleset.turn.rounds,
                               phase=phase), m.base, colour("ink"), (m.pad, m.pad // 2 + (m.button_h - text.line_h(m.base)) // 2),
                  bold=True, width=m.w // 3)
        d = match.decider()
        # panels
        for i, r in enumerate(self.panel_rects):
            draw_panel(surf, r, self, i, deciding=(g.factions[i] == d), lit=(g.factions[i] == match.highlight))
        # tracks
        tt = g.tension_t
        if tt >= 0:
            tr = g.ruleset.tracks[tt]
            war = next((th.at for th in tr.thresholds if th.ends_game == "war"), None)
            draw_track(surf, self.tension_rect, text, m, label=text_of(tr.name, lang), value=st.tracks[tt], lo=tr.min,
                       hi=tr.max, danger_at=war, danger_label=self.t("war_at", n=war) if war is not None else "",
                       note=self.t("miscalc", n=self._misc()))
        rules_i = next((i for i, t in enumerate(g.ruleset.tracks) if i != tt), None)
        if rules_i is not None:
            tr = g.ruleset.tracks[rules_i]
            draw_track(surf, self.rules_rect, text, m, label=text_of(tr.name, lang), value=st.tracks[rules_i],
                       lo=tr.min, hi=tr.max, ramp=False, fill=colour("rules"))
        self.draw_log(surf)
        self.draw_decision(surf)
        self.draw_hand(surf)

    def _misc(self) -> int:
        return miscalculation_chance(self.match.state)

    def draw_decision(self, surf) -> None:
        """The prompt of the viewer's decision, or the latest move with the AI's reason."""
        m, text = self.m, self.app.text
        r = self.dec_rect
        match = self.match
        pygame.draw.rect(surf, colour("panel"), r, border_radius=m.px(10))
        if match.my_turn() and not match.state.over:
            pygame.draw.rect(surf, colour("accent"), r, max(2, m.px(2)), border_radius=m.px(10))
            text.blit_lines(surf, self.prompt_lines, m.base, colour("ink"), r.x + m.pad, r.y + m.pad // 2)
            return
        # someone else decides: show the latest move large, with the AI's reason
        log = match.log(self.app.lang)
        last = next((ln for ln in reversed(log) if not ln.detail and ln.step > 0), None)
        y = r.y + m.pad // 2
        if last is not None:
            col = colour("accent") if match.highlight else colour("ink")
            text.draw(surf, last.text, m.large, col, (r.x + m.pad, y), bold=True, width=r.w - 2 * m.pad)
            y += text.line_h(m.large)
            if last.reason:
                text.draw(surf, "— " + last.reason, m.base, colour("ink_dim"), (r.x + m.pad, y), width=r.w - 2 * m.pad)

    def draw_hand(self, surf) -> None:
        """The viewer's hand, and the hovered or focused card shown whole."""
        m, text = self.m, self.app.text
        match = self.match
        viewer = match.viewer
        self.shown_hand_of = viewer if self.cards else None
        r = self.hand_rect
        g = match.state.game
        if not viewer:
            text.draw(surf, self.t("spectator"), m.base, colour("ink_dim"), (r.centerx, r.centery), anchor="center")
            return
        names = match.names(self.app.lang)
        text.draw(surf, self.t("your_hand", f=names.faction(viewer)), m.small, colour("ink_dim"), (r.x, r.y),
                  width=r.w)
        probs = {c.card_id: self.card_problem(c.card_id) for c in self.cards}
        items = self.focusables()
        focused = items[self.focus] if 0 <= self.focus < len(items) else None
        big = None
        size = self.hand_text_size()
        for c in self.cards:
            spec = g.cards[g.cidx[c.card_id]]
            draw_card(surf, c.rect, spec, self.app, problem=probs[c.card_id], number=c.index + 1, size=size)
            if c.card_id == self.selected:
                draw_focus(surf, c.rect, m.px(3))
            if c.index == self.hover or c is focused:
                big = c
        if big is not None:
            spec = g.cards[g.cidx[big.card_id]]
            br = self.big_card_rect(big, spec, probs[big.card_id])
            pygame.draw.rect(surf, (0, 0, 0), br.inflate(m.px(8), m.px(8)), border_radius=m.px(12))
            self.big_fit = draw_card(surf, br, spec, self.app, problem=probs[big.card_id], big=True)
        self.big_rect = br if big is not None else None

    def hand_text_size(self) -> int:
        """One text size for the whole hand: the largest at which every card's text fits whole."""
        g = self.match.state.game
        return min((card_fit(g.cards[g.cidx[c.card_id]], c.rect, self.app, number=c.index + 1).body_size
                    for c in self.cards), default=self.m.base)

    def big_card_rect(self, slot: CardSlot, spec, problem: str | None) -> pygame.Rect:
        """Where a hovered or focused card is shown whole: above its slot, over the panels, never
        over the decision bar the seat must answer (nor the hand or the log)."""
        m = self.m
        area = pygame.Rect(self.left.x, self.top_rect.bottom, self.left.w,
                           self.dec_rect.y - m.pad // 2 - self.top_rect.bottom)
        w = min(area.w, max(int(slot.rect.w * 1.5), m.px(340)))
        tall = pygame.Rect(0, 0, w, area.h)
        h = min(area.h, card_fit(spec, tall, self.app, big=True, problem=problem).height)
        br = pygame.Rect(0, 0, w, max(h, slot.rect.h))
        br.midbottom = (slot.rect.centerx, area.bottom)
        br.clamp_ip(area)
        return br

    def draw_log(self, surf) -> None:
        """The log's visible tail, with the AI's reasons."""
        m, text = self.m, self.app.text
        r = self.log_rect
        pygame.draw.rect(surf, colour("panel"), r, border_radius=m.px(10))
        text.draw(surf, self.t("log"), m.base, colour("ink"), (r.x + m.pad, r.y + m.pad // 3), bold=True)
        top = r.y + m.pad // 3 + text.line_h(m.base)
        w = r.w - 2 * m.pad
        size = m.small
        lh = text.line_h(size)
        rows: list[tuple[str, tuple]] = []
        log = self.match.log(self.app.lang)
        # wrap only the tail that can be visible
        need = (r.bottom - top) // lh + self.log_scroll + 2
        for ln in reversed(log):
            block: list[tuple[str, tuple]] = []
            col = colour("ink_faint") if ln.detail else colour("ink")
            indent = "   " if ln.detail else ""
            for s in text.wrap(indent + ln.text, size, w):
                block.append((s, col))
            if ln.reason:
                for s in text.wrap("   → " + ln.reason, size, w):
                    block.append((s, colour("accent")))
            rows[:0] = block
            if len(rows) >= need:
                break
        visible = (r.bottom - top - m.pad // 3) // lh
        self.log_scroll = min(self.log_scroll, max(0, len(rows) - visible))
        end = len(rows) - self.log_scroll
        start = max(0, end - visible)
        y = top
        for s, col in rows[start:end]:
            surf.blit(text.render(s, size, col), (r.x + m.pad, y))
            y += lh
