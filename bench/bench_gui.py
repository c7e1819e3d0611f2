"""Frame time of the table scene at 1920x1080 (SDL dummy driver): prints the median.
With --bot: the gaps between frames of the real loop (App.step) while `hard` bots think.

    .venv/bin/python bench/bench_gui.py [--frames 300] [--size 1920x1080] [--lang ja]
    .venv/bin/python bench/bench_gui.py --bot [--thinks 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--lang", default="en", choices=("en", "ja"))
    ap.add_argument("--bot", action="store_true", help="measure frame gaps while hard bots think")
    ap.add_argument("--thinks", type=int, default=5, help="with --bot: how many bot decisions to watch")
    args = ap.parse_args(argv)
    w, h = (int(x) for x in args.size.lower().split("x"))
    if args.bot:
        return bot_gaps((w, h), args.lang, args.thinks)

    import pygame
    from game.ui.app import App
    from game.ui.files import Settings
    from game.ui.screens import open_scene

    app = App((w, h), Settings(lang=args.lang, ai_speed="skip"), headless=True)
    open_scene(app, "table")
    table = app.top
    # hover over a card so the enlarged card is drawn too (the most expensive frame)
    card = table.cards[0].rect.center if table.cards else (w // 2, h // 2)
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=card, rel=(0, 0), buttons=(0, 0, 0))])
    for _ in range(20):
        app.frame([])
    times = []
    for _ in range(args.frames):
        t = time.perf_counter()
        app.frame([])
        times.append((time.perf_counter() - t) * 1000)
    if app.last_error:
        print(app.last_error, file=sys.stderr)
        return 1
    times.sort()
    med = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"table scene {w}x{h} {args.lang}: median frame {med:.2f} ms, p95 {p95:.2f} ms over {args.frames} frames")
    # the worst case: a frame right after a move, when the cached table layer is redrawn whole
    full = []
    for _ in range(max(20, args.frames // 5)):
        t = time.perf_counter()
        table._layer_key = None
        app.frame([])
        full.append((time.perf_counter() - t) * 1000)
    print(f"  frame with a full redraw (after a move): median {statistics.median(full):.2f} ms")
    return 0


def bot_gaps(size, lang: str, thinks: int) -> int:
    """Six `hard` seats (search, 1 s a decision): the longest and median gap between two frames
    of the window's own loop while a bot is thinking, and the frames drawn per think."""
    import tempfile
    os.environ.setdefault("REDLINES_HOME", tempfile.mkdtemp())
    from game.saves.session import GameSession
    from game.ui.app import App
    from game.ui.files import DEFAULT_RULESET, Settings, load_ruleset
    from game.ui.match import Match
    from game.ui.table_scene import TableScene

    app = App(size, Settings(lang=lang, ai_speed="fast"), headless=True)
    rs = load_ruleset(DEFAULT_RULESET)
    match = Match(GameSession.new(rs, seed=3, seats={f.id: "ai:hard" for f in rs.factions}), speed="fast")
    app.replace(TableScene(app, match))
    gaps, every, frames, seen = [], [], [], 0
    app.step()
    last = time.perf_counter()
    while seen < thinks:
        app.step()
        now = time.perf_counter()
        every.append(now - last)          # every frame: the move applied and the table redrawn too
        last = now
        worker = match._worker
        if not (match.thinking() and worker is not None):
            continue
        seen += 1
        n = 0
        while worker.is_alive():
            app.step()
            now = time.perf_counter()
            gaps.append(now - last)
            every.append(now - last)
            last, n = now, n + 1
        frames.append(n)
    if app.last_error:
        print(app.last_error, file=sys.stderr)
        return 1
    gaps.sort()
    print(f"hard bot thinking, {size[0]}x{size[1]} {lang}: {thinks} thinks, {statistics.median(frames):.0f} frames "
          f"per think (median); frame gap median {statistics.median(gaps) * 1000:.1f} ms, "
          f"p99 {gaps[int(len(gaps) * 0.99) - 1] * 1000:.1f} ms, max {gaps[-1] * 1000:.1f} ms; "
          f"max over every frame (moves applied too) {max(every) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
