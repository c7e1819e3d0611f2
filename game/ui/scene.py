"""The base of every screen: its own pygame_gui manager, its widgets and keyboard focus."""
from __future__ import annotations

import pygame
import pygame_gui

from game.ui.theme import colour
from game.ui.widgets import Button, DropDown, Entry, Focusable, SelectList, draw_focus


def column(scene: "Scene", labels: list[str], top: int, width: int | None = None) -> list[pygame.Rect]:
    """Rects for a centred column of buttons starting at `top`."""
    m = scene.m
    w = width or max(scene.button_w(lbl) for lbl in labels)
    w = min(w, m.w - 4 * m.pad)
    x = (m.w - w) // 2
    gap = m.pad
    return [pygame.Rect(x, top + i * (m.button_h + gap), w, m.button_h) for i in range(len(labels))]


class Scene:
    """A screen. Subclasses lay out widgets in `layout()` from `self.app.m` (recomputed on
    every resize) and draw the rest in `draw()`. A scene reaches another only through the
    router: `self.app.go(name, ...)` to move, `self.app.back(...)` to close a dialog (see
    game/ui/routes.py)."""

    opaque = True          # False: the scene below is drawn first (and dimmed)
    name = "scene"

    def __init__(self, app) -> None:
        self.app = app
        self.manager: pygame_gui.UIManager | None = None
        self.widgets: list[Focusable] = []
        self.focus = -1
        self.message = ""
        self.hint: tuple[str, pygame.Rect] | None = None  # why the disabled button under the mouse is disabled

    # ---------------------------------------------------------------- life cycle
    def build(self) -> None:
        """(Re)create the manager and every widget for the current window size."""
        keep_focus = self.focus
        self.clear()
        # a new manager loads the whole theme (~100 ms): keep it while the size and text size stay
        key = (self.app.size, self.app.m.base)
        if self.manager is None or getattr(self, "_manager_key", None) != key:
            self.manager = pygame_gui.UIManager(self.app.size, theme_path=self.app.gui_theme())
            self._manager_key = key
        self.layout()
        if 0 <= keep_focus < len(self.widgets):
            self.focus = keep_focus

    def clear(self) -> None:
        """Remove every widget (the manager is kept)."""
        for w in self.widgets:
            w.kill()
        self.widgets = []
        self.focus = -1

    def rebuild(self) -> None:
        """Lay the widgets out again."""
        self.build()

    def layout(self) -> None:
        """Create the widgets for the current window size (subclasses)."""

    def on_enter(self) -> None:
        """The scene has just been opened (after its first layout)."""

    def on_leave(self) -> None:
        """The scene is closed for good: a server or a worker it holds lets go."""

    def on_resume(self, **result) -> None:
        """The dialog above was closed; `result` is what it handed back (`app.back(**result)`)."""

    def on_settings(self, settings) -> None:
        """The settings were changed (language, display, text size, AI pace): follow them."""

    # ---------------------------------------------------------------- widgets
    @property
    def m(self):
        """The window's metrics (sizes, paddings, text sizes) for the current size."""
        return self.app.m

    def t(self, key: str, **kw) -> str:
        """The interface text `key` in the window's language."""
        return self.app.t(key, **kw)

    def button(self, rect, label, on_click, **kw) -> Button:
        """A button at `rect` calling `on_click` (see widgets.Button for the options)."""
        b = Button(self, pygame.Rect(rect), label, on_click, **kw)
        self.widgets.append(b)
        return b

    def dropdown(self, rect, options, value, on_change, **kw) -> DropDown:
        """A drop-down of `options` showing `value`, calling `on_change` with the pick."""
        d = DropDown(self, pygame.Rect(rect), options, value, on_change, **kw)
        self.widgets.append(d)
        return d

    def select_list(self, rect, rows, selected, on_change, **kw) -> SelectList:
        """A selection list of `rows`, calling `on_change` with the selection."""
        s = SelectList(self, pygame.Rect(rect), rows, selected, on_change, **kw)
        self.widgets.append(s)
        return s

    def entry(self, rect, text="", **kw) -> Entry:
        """A one-line text field holding `text`."""
        e = Entry(self, pygame.Rect(rect), text, **kw)
        self.widgets.append(e)
        return e

    def button_w(self, label: str, minimum: int = 0) -> int:
        """The width a button needs for `label` (at least `minimum`)."""
        return max(minimum, self.app.text.width(label, self.m.base) + self.m.px(40))

    def focusables(self) -> list[Focusable]:
        """The widgets that Tab and the arrow keys move between, in order."""
        return [w for w in self.widgets if w.focusable and w.enabled]

    # ---------------------------------------------------------------- events
    def handle(self, event: pygame.event.Event) -> None:
        """One input event: a widget's, the mouse's, or a key (then `on_key`)."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for w in self.widgets:
                if isinstance(w, Button) and w.ui is event.ui_element:
                    w.activate()
                    return
            return
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for w in self.widgets:
                if isinstance(w, DropDown) and w.ui is event.ui_element:
                    w.picked(event.text)
                    return
            return
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            for w in self.widgets:
                if isinstance(w, SelectList) and w.ui is event.ui_element:
                    w.changed()
                    return
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            for w in self.widgets:
                if isinstance(w, Entry) and w.ui is event.ui_element and w.on_enter:
                    w.on_enter()
            return
        if event.type == pygame.MOUSEMOTION:
            self.hint = next(((w.tooltip, w.rect) for w in self.widgets if isinstance(w, Button) and not w.enabled
                              and w.tooltip and w.rect.collidepoint(event.pos)), None)
        if event.type == pygame.KEYDOWN:
            if self.typing() and event.key not in (pygame.K_TAB, pygame.K_ESCAPE):
                return
            self.on_key(event)

    def typing(self) -> bool:
        """True while a text field has the keyboard."""
        return any(isinstance(w, Entry) and w.ui.is_focused for w in self.widgets)

    def on_key(self, event: pygame.event.Event) -> None:
        """A key: a button's own key, focus moves, Enter/Space on the focused widget, Esc."""
        key = event.key
        for w in self.widgets:
            if isinstance(w, Button) and w.key == key and w.enabled:
                w.activate()
                return
        for w in self.widgets:  # the key of a disabled button says why it is disabled
            if isinstance(w, Button) and w.key == key and not w.enabled and w.tooltip:
                self.message = w.tooltip
                return
        if key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.move_focus(1)
        elif key in (pygame.K_UP, pygame.K_LEFT):
            self.move_focus(-1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            items = self.focusables()
            if 0 <= self.focus < len(items):
                items[self.focus].activate()
            elif key != pygame.K_SPACE:
                self.on_default()
        elif key == pygame.K_ESCAPE:
            self.on_escape()

    def move_focus(self, step: int) -> None:
        """Move the keyboard focus `step` widgets on (back, when negative)."""
        items = self.focusables()
        if not items:
            return
        for w in items:
            if isinstance(w, Entry) and w.ui.is_focused:
                w.ui.unfocus()
        self.focus = (self.focus + step) % len(items) if self.focus >= 0 else (0 if step > 0 else len(items) - 1)
        if isinstance(items[self.focus], Entry):
            items[self.focus].ui.focus()

    def on_default(self) -> None:
        """Enter with nothing focused: the scene's main action, if it has one."""

    def on_escape(self) -> None:
        """Esc: back, or the scene's way out, if it has one."""

    # ---------------------------------------------------------------- frame
    def update(self, dt: float) -> bool:
        """Advance animations; True while something moves (the app then keeps a frame rate)."""
        return False

    def draw(self, surf: pygame.Surface) -> None:
        """Draw the scene (what its widgets do not) on `surf`."""
        surf.fill(colour("bg"))

    def draw_ui(self, surf: pygame.Surface) -> None:
        """Draw the widgets, the focus ring, a disabled button's reason and the message."""
        if self.manager is not None:
            self.manager.draw_ui(surf)
        items = self.focusables()
        if 0 <= self.focus < len(items):
            draw_focus(surf, items[self.focus].rect, self.m.px(3))
        if self.hint and any(isinstance(w, Button) and w.rect == self.hint[1] for w in self.widgets):
            self.draw_hint(surf, *self.hint)
        if self.message:
            self.draw_message(surf)

    def draw_hint(self, surf: pygame.Surface, hint: str, at: pygame.Rect) -> None:
        """A disabled button's reason, in a box just above (or below) it."""
        m, text = self.m, self.app.text
        width = min(m.w - 2 * m.pad, m.px(700))
        lines = text.wrap(hint, m.small, width - 2 * m.pad)
        w = max(text.width(x, m.small) for x in lines) + 2 * m.pad
        h = len(lines) * text.line_h(m.small) + m.pad
        r = pygame.Rect(0, 0, w, h)
        r.midbottom = (at.centerx, at.y - m.pad // 3)
        if r.y < 0:
            r.midtop = (at.centerx, at.bottom + m.pad // 3)
        r.clamp_ip(pygame.Rect(0, 0, m.w, m.h))
        pygame.draw.rect(surf, (48, 40, 30), r, border_radius=m.px(6))
        pygame.draw.rect(surf, colour("accent"), r, max(1, m.px(1)), border_radius=m.px(6))
        text.blit_lines(surf, lines, m.small, colour("ink"), r.x + m.pad, r.y + m.pad // 2)

    def draw_message(self, surf: pygame.Surface) -> None:
        """The scene's message (a problem to read) in a box at the bottom."""
        m, text = self.m, self.app.text
        width = min(m.w - 4 * m.pad, m.px(1100))
        lines = text.wrap(self.message, m.base, width - 2 * m.pad)[:6]
        h = len(lines) * text.line_h(m.base) + 2 * m.pad
        r = pygame.Rect(0, 0, width, h)
        r.midbottom = (m.w // 2, m.h - m.pad * 2)
        pygame.draw.rect(surf, (60, 30, 34), r, border_radius=m.px(8))
        pygame.draw.rect(surf, colour("danger"), r, m.px(2), border_radius=m.px(8))
        text.blit_lines(surf, lines, m.base, colour("ink"), r.x + m.pad, r.y + m.pad)

    def widget_rects(self) -> list[pygame.Rect]:
        """Where the widgets are (tests check the layout)."""
        return [w.rect for w in self.widgets]
