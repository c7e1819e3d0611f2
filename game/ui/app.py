"""The window: display, clock, scene stack, and an event loop that sleeps while nothing moves."""
from __future__ import annotations

import os
import sys
import time
import traceback

import pygame

from game.ui import i18n
from game.ui.files import Settings, home, saves_dir
from game.ui.routes import route
from game.ui.scene import Scene
from game.ui.text import Text
from game.ui.theme import Metrics, gui_theme

MIN_SIZE = (1280, 720)
IDLE_WAIT_MS = 500     # while idle the loop blocks in event.wait for up to this long
ANIM_FPS = 60
# Bots think in a worker thread. With Python's default 5 ms switch interval the window thread
# waits up to 5 ms for the GIL after every pygame call that releases it, which slows frames to
# 30-40 ms while a hard bot searches; 1 ms keeps them near 60 fps.
SWITCH_INTERVAL = 0.001


def video_driver() -> str:
    """The video driver SDL picks here (x11, wayland, windows, cocoa, ... or offscreen / dummy)."""
    pygame.display.init()
    return pygame.display.get_driver()


class App:
    """Owns the window and the scene stack; `frame(events)` is one turn of the loop (tests call it)."""

    def __init__(self, size: tuple[int, int] = (1280, 720), settings: Settings | None = None,
                 headless: bool = False, ruleset_path: str | None = None) -> None:
        self.settings = settings or Settings.load()
        self.headless = headless
        self.ruleset_path = ruleset_path
        self.serve_host = "127.0.0.1"   # where "Host a classroom game" listens (`gui --serve-host`)
        if headless:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.size = tuple(size)
        self.screen = self._open_window(self.size)
        self.m = Metrics(self.size, self.settings.text_scale)
        self.text = Text()
        self._theme = None
        self.scenes: list = []
        self.running = True
        self.clock = pygame.time.Clock()
        self.frames = 0
        self.last_error: str | None = None
        self._last_step: float | None = None     # when step() last drew a frame

    # ---------------------------------------------------------------- window
    def _open_window(self, size):
        pygame.display.set_caption("Red Lines")
        if self.settings.fullscreen and not self.headless:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def resize(self, size: tuple[int, int]) -> None:
        w, h = max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1])
        if (w, h) != tuple(size) or self.screen.get_size() != (w, h):
            self.screen = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.size = (w, h)
        self.relayout()

    def fit_desktop(self) -> None:
        """Open at 1920x1080 when the screen has room for it (else the 1280x720 minimum)."""
        try:
            dw, dh = pygame.display.get_desktop_sizes()[0]
        except (pygame.error, IndexError):
            return
        w, h = min(1920, int(dw * 0.92)), min(1080, int(dh * 0.88))
        if (w, h) != self.size and w >= MIN_SIZE[0] and h >= MIN_SIZE[1] and not self.settings.fullscreen:
            self.resize((w, h))
            # the window was centred at its first size; centre it again or it hangs off the screen
            pygame.Window.from_display_module().position = pygame.WINDOWPOS_CENTERED

    def set_fullscreen(self, on: bool) -> None:
        self.settings.fullscreen = on
        if self.headless:
            return
        if on:
            self.screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.screen = pygame.display.set_mode(MIN_SIZE if self.size[0] > 3840 else self.size, pygame.RESIZABLE)
        self.size = self.screen.get_size()
        self.relayout()

    def relayout(self) -> None:
        self.m = Metrics(self.size, self.settings.text_scale)
        self._theme = None
        for s in self.scenes:
            s.build()

    def gui_theme(self) -> dict:
        if self._theme is None:
            self._theme = gui_theme(self.m)
        return self._theme

    def t(self, key: str, **kw) -> str:
        return i18n.t(key, self.settings.lang, **kw)

    @property
    def lang(self) -> str:
        return self.settings.lang

    # ---------------------------------------------------------------- scenes
    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def go(self, name: str, **arguments) -> Scene:
        """Move to the scene called `name` (game/ui/routes.py), built with `arguments`: a dialog
        opens over the current scene, a screen replaces them all. Returns the new scene."""
        r = route(name)
        scene = r.make(self, **arguments)
        if r.dialog:
            self.push(scene)
        else:
            self.replace(scene)
        return scene

    def back(self, **result) -> None:
        """Close the top scene; the scene below resumes with `result` (its `on_resume`)."""
        if self.scenes:
            self._leave(self.scenes.pop())
        if self.top is not None:
            self.top.on_resume(**result)

    def push(self, scene: Scene) -> None:
        """Open `scene` over the current one (`go` does, for a dialog's route)."""
        self.scenes.append(scene)
        scene.build()
        scene.on_enter()

    @staticmethod
    def _leave(scene: Scene) -> None:
        scene.clear()
        scene.on_leave()   # a scene holding a server or a thread lets go of it

    def pop(self) -> None:
        """Close the top scene (`back()` with no result)."""
        self.back()

    def replace(self, scene: Scene) -> None:
        """Make `scene` the only screen."""
        while self.scenes:
            self._leave(self.scenes.pop())
        self.push(scene)

    def close_scenes(self) -> None:
        """Leave every scene (the window is closing): a hosted classroom server stops."""
        while self.scenes:
            self._leave(self.scenes.pop())

    def settings_changed(self, relayout: bool = False) -> None:
        """The settings were changed: they are saved, every live scene hears of it (its
        `on_settings`), and with `relayout` (language, text size) every scene is laid out again."""
        self.settings.save()
        for s in list(self.scenes):
            s.on_settings(self.settings)
        if relayout:
            self.relayout()

    def find(self, cls):
        for s in reversed(self.scenes):
            if isinstance(s, cls):
                return s
        return None

    def quit(self) -> None:
        self.running = False

    # ---------------------------------------------------------------- loop
    def animating(self) -> bool:
        top = self.top
        return bool(top is not None and (getattr(top, "busy", False) or top.typing()))

    def frame(self, events: list[pygame.event.Event], dt: float = 1 / 60) -> None:
        """Handle `events`, advance animations, draw. Any error is shown, never raised."""
        try:
            self._frame(events, dt)
        except Exception as e:  # no traceback may reach a user: log it and show a message
            self._report(e)

    def _frame(self, events, dt) -> None:
        for e in events:
            if e.type == pygame.QUIT:
                self.running = False
                return
            if e.type == pygame.VIDEORESIZE:
                # (SDL also sends WINDOWRESIZED and WINDOWSIZECHANGED, for our own set_mode too:
                # VIDEORESIZE alone is the user's resize.) A size already laid out is kept as it is.
                if not self.settings.fullscreen and (e.w, e.h) != self.size:
                    self.resize((e.w, e.h))
                continue
            top = self.top
            if top is None:
                continue
            if top.manager is not None:
                if top.manager.process_events(e):
                    continue
            top.handle(e)
        top = self.top
        if top is None:
            self.running = False
            return
        if top.manager is not None:
            top.manager.update(dt)
        top.busy = top.update(dt)
        self.draw(self.screen)
        if not self.headless:
            pygame.display.flip()
        self.frames += 1

    def draw(self, surf: pygame.Surface) -> None:
        first = len(self.scenes) - 1
        while first > 0 and not self.scenes[first].opaque:
            first -= 1
        for i in range(first, len(self.scenes)):
            s = self.scenes[i]
            if i > first:
                if getattr(self, "_shade", None) is None or self._shade.get_size() != surf.get_size():
                    self._shade = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
                    self._shade.fill((8, 10, 16, 200))
                surf.blit(self._shade, (0, 0))
            s.draw(surf)
            if i == len(self.scenes) - 1:
                s.draw_ui(surf)
            elif s.manager is not None:
                s.manager.draw_ui(surf)

    def _report(self, e: Exception) -> None:
        self.last_error = "".join(traceback.format_exception(e))
        try:
            home().mkdir(parents=True, exist_ok=True)
            with open(home() / "errors.log", "a", encoding="utf-8") as f:
                f.write(time.strftime("%Y-%m-%d %H:%M:%S ") + self.last_error + "\n")
            where = f" (details in {home() / 'errors.log'})"
        except OSError:
            where = ""
        if self.top is not None:
            self.top.message = f"Something went wrong: {type(e).__name__}: {e}{where}"

    def run(self) -> int:
        """The interactive loop: blocks on events while idle, keeps 60 fps while animating."""
        self.frame([])
        while self.running:
            self.step()
        self.settings.save()
        self._autosave_on_exit()
        self.close_scenes()
        pygame.quit()
        return 0

    def step(self) -> None:
        """One turn of the interactive loop: wait for input (or the next 60 fps tick while
        something moves, a bot's think included), then one frame."""
        if self.animating():
            self.clock.tick(ANIM_FPS)
            events = pygame.event.get()
        else:
            first = pygame.event.wait(IDLE_WAIT_MS)
            events = ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()
        now = time.perf_counter()
        last = self._last_step
        self.frame(events, min(0.1, now - last) if last is not None else 1 / ANIM_FPS)
        self._last_step = now

    def _autosave_on_exit(self) -> None:
        """Closing the window mid-game keeps the game: it is autosaved for Continue."""
        for s in self.scenes:
            match = getattr(s, "match", None)
            if match is not None and not match.session.over:
                try:
                    match.session.autosave(saves_dir())
                except Exception:  # a read-only disk must not turn closing into a crash
                    pass
                return

    def screenshot(self, path: str) -> None:
        self.frame([])
        pygame.image.save(self.screen, path)
