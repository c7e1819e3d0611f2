"""`python -m game gui`: open the game window, or render one scene to a PNG without a window."""
from __future__ import annotations

import argparse
import os
import sys

from game import resources
from game.cli import UsageError

SCENES = ("menu", "setup", "load", "table", "objectives", "decision", "proposal", "counter", "handoff", "end",
          "whatif", "host")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--screenshot", metavar="OUT.png", help="render a scene off screen to this PNG and exit")
    parser.add_argument("--scene", choices=SCENES, default="menu", help="the scene to render (with --screenshot)")
    parser.add_argument("--load", metavar="SAVE", help="open this save (with --screenshot: render its table); "
                        "the window takes the save's language unless --lang is given")
    parser.add_argument("--size", default=None, metavar="WxH", help="window size, e.g. 1920x1080 (default 1280x720)")
    parser.add_argument("--lang", choices=("en", "ja"), default=None, help="interface language")
    parser.add_argument("--ruleset", metavar="NAME|FILE",
                        help="the ruleset a new game uses: a shipped name (see `redlines rulesets`) or a file")
    parser.add_argument("--fullscreen", action="store_true", help="open full screen")
    parser.add_argument("--seed", type=int, default=7, help="seed of the game a screenshot shows")
    parser.add_argument("--serve-host", metavar="ADDRESS", default="127.0.0.1",
                        help="address 'Host a classroom game' listens on (default 127.0.0.1: this machine only; "
                             "a LAN address lets the classroom's devices in)")


# SDL's drivers that draw to memory: a window there is seen by nobody (SDL falls back to `offscreen`
# when there is no X11 or Wayland display, e.g. over SSH or in a container)
INVISIBLE_DRIVERS = ("offscreen", "dummy")


def no_display_message(driver: str) -> str:
    """Why the window is not opened on `driver`, and what to do instead, in one paragraph."""
    from game.cli.main import COMMANDS
    serve = " or host a classroom room with `python -m game serve` (each team plays in a browser);" \
        if "serve" in COMMANDS else ""
    return (f"There is no display to open the game window on: SDL's video driver is '{driver}', which "
            "shows nobody anything (no DISPLAY or WAYLAND_DISPLAY is set, as over SSH or in "
            "a container, or SDL_VIDEODRIVER says so). Run the game on a desktop, or set DISPLAY (for "
            "example `ssh -X`); or play in the terminal with `make terminal` / `python -m game play`;"
            f"{serve} or draw one scene to a picture with `python -m game gui --screenshot OUT.png`.")


def _size(text: str | None) -> tuple[int, int]:
    if not text:
        return (1280, 720)
    try:
        w, h = text.lower().split("x")
        return max(320, int(w)), max(240, int(h))
    except ValueError:
        raise UsageError(f"--size must look like 1920x1080, not '{text}'") from None


def run(args: argparse.Namespace) -> int:
    size = _size(args.size)
    if args.load and args.ruleset:
        raise UsageError("--ruleset cannot be given with --load: the save holds its ruleset")
    if args.screenshot and args.fullscreen:
        raise UsageError("--fullscreen cannot be given with --screenshot: a screenshot is drawn off screen")
    fit_desktop = args.size is None and not args.screenshot
    if args.ruleset:
        try:
            args.ruleset = resources.resolve_ruleset(args.ruleset)
        except resources.UnknownRuleset as e:
            print(str(e), file=sys.stderr)
            return 1
    if args.screenshot:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        from game.ui.app import App
        from game.ui.files import Settings
    except ImportError as e:
        print(f"The window needs pygame-ce and pygame_gui: {e}. Run `make setup`.", file=sys.stderr)
        return 2
    if not args.screenshot:
        from game.ui.app import video_driver
        try:
            driver = video_driver()
        except Exception as e:  # SDL found no video driver at all (e.g. SDL_VIDEODRIVER=x11 without X)
            driver = f"none ({e})"
        if driver in INVISIBLE_DRIVERS or driver.startswith("none ("):
            print(no_display_message(driver), file=sys.stderr)
            return 1
    settings = Settings.load()
    if args.lang:
        settings.lang = args.lang
    if args.fullscreen:
        settings.fullscreen = True
    if args.screenshot:
        settings.fullscreen = False
        settings.text_scale = 1.0 if not os.environ.get("REDLINES_TEXT_SCALE") else float(os.environ["REDLINES_TEXT_SCALE"])
    try:
        app = App(size, settings, headless=bool(args.screenshot), ruleset_path=args.ruleset)
    except resources.ResourceMissing:
        raise  # main() says what is missing and how to reinstall
    except Exception as e:  # no display, no font: a message, not a traceback
        print(f"Could not open the window: {e}", file=sys.stderr)
        return 2
    app.serve_host = args.serve_host
    if args.serve_host != "127.0.0.1":
        from game.server import is_loopback
        if not is_loopback(args.serve_host):
            print(f"WARNING: 'Host a classroom game' will listen on {args.serve_host} — devices on this network "
                  "can reach the server. Use it on a classroom network you trust; stop hosting after the class.",
                  file=sys.stderr)
    if fit_desktop:
        app.fit_desktop()
    from game.ui import screens
    try:
        problem = screens.open_scene(app, "table" if args.load and args.scene == "menu" else args.scene,
                                     load=args.load, seed=args.seed, ruleset_path=args.ruleset,
                                     interactive=not args.screenshot, keep_lang=bool(args.lang))
    except resources.ResourceMissing:
        raise
    except Exception as e:
        problem = f"{type(e).__name__}: {e}"
    if problem:
        print(problem, file=sys.stderr)
        app.close_scenes()
        return 1
    if args.screenshot:
        try:
            app.screenshot(args.screenshot)
        except Exception as e:
            print(f"Could not write {args.screenshot}: {e}", file=sys.stderr)
            return 1
        finally:
            app.close_scenes()   # a hosted server (--scene host) stops
        if app.last_error:
            print(app.last_error, file=sys.stderr)
            return 1
        print(args.screenshot)
        return 0
    return app.run()
