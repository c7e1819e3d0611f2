"""Print the medians of repeated runs of each speed figure of the engine and the bots."""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

from game.ai.bots import make_bot
from game.engine import apply, current_decider, legal_actions, new_game
from game.rules.loader import load_ruleset


def _random_games(rs, seconds: float, seed0: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    actions = games = 0
    while time.perf_counter() - t0 < seconds:
        s, _ = new_game(rs, seed0 + games)
        bots = {f: make_bot("random", f, games * 16 + i) for i, f in enumerate(s.game.factions)}
        while not s.over:
            f = current_decider(s)
            s, _ = apply(s, bots[f].choose(s, f)[0])
            actions += 1
        games += 1
    dt = time.perf_counter() - t0
    return actions / dt, games / dt


def _clone_us(rs) -> float:
    s, _ = new_game(rs, 1)
    n = 20000
    t = time.perf_counter()
    for _ in range(n):
        s.clone()
    return (time.perf_counter() - t) / n * 1e6


def _scripted(rs, games: int) -> tuple[float, float]:
    times = []
    for seed in range(games):
        s, _ = new_game(rs, seed)
        bots = {f: make_bot("normal", f, i) for i, f in enumerate(s.game.factions)}
        while not s.over:
            f = current_decider(s)
            t = time.perf_counter()
            a, _ = bots[f].choose(s, f)
            times.append(time.perf_counter() - t)
            s, _ = apply(s, a)
    times.sort()
    return times[len(times) // 2] * 1e6, times[int(len(times) * 0.99)] * 1e6


def _hard(rs, decisions: int, seconds: float) -> float:
    s, _ = new_game(rs, 5)
    g = s.game
    normal = {f: make_bot("normal", f, i) for i, f in enumerate(g.factions)}
    me = g.factions[0]
    hard = make_bot("hard", me, 1, seconds=seconds)
    its = []
    while not s.over and len(its) < decisions:
        f = current_decider(s)
        if f == me and len(legal_actions(s, f)) > 1:
            a, _ = hard.choose(s, f)
            its.append(hard.last_iterations / seconds)
        else:
            a, _ = normal[f].choose(s, f)
        s, _ = apply(s, a)
    return statistics.median(its) if its else 0.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench")
    p.add_argument("--ruleset", default="rulesets/brief-2025.yaml")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--simulate-games", type=int, default=1000, help="games for the simulate figure (0: skip)")
    p.add_argument("--jobs", type=int, default=0)
    args = p.parse_args(argv)
    rs = load_ruleset(args.ruleset)
    med = statistics.median

    def spread(xs, fmt: str) -> str:
        """The median, and the range of the runs: this machine's speed drifts by half and more
        from one minute to the next, so compare figures only within one run."""
        xs = list(xs)
        return f"{med(xs):{fmt}}" + (f" (runs {min(xs):{fmt}}–{max(xs):{fmt}})" if len(xs) > 1 else "")

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; ruleset {args.ruleset}; medians of {args.repeat} runs")
    print(f"state clone: {spread((_clone_us(rs) for _ in range(args.repeat)), '.2f')} µs")
    runs = [_random_games(rs, 2.0, 1000 * k) for k in range(args.repeat)]
    print(f"engine + random bots: {spread((r[0] for r in runs), ',.0f')} actions/s, "
          f"{spread((r[1] for r in runs), '.0f')} games/s (1 process)")
    sc = [_scripted(rs, 5) for _ in range(args.repeat)]
    print(f"scripted (normal) decision: median {spread((x[0] for x in sc), '.0f')} µs, "
          f"p99 {spread((x[1] for x in sc), '.0f')} µs")
    print(f"hard: {spread((_hard(rs, 4, 1.0) for _ in range(args.repeat)), ',.0f')} search iterations "
          f"per 1-s decision (1 core)")
    if args.simulate_games:
        from game.sim.runner import run
        seats = {f.id: "normal" for f in rs.factions}
        secs = [run(rs, args.simulate_games, 1, seats, args.jobs)[1] for _ in range(max(1, min(args.repeat, 1)))]
        print(f"simulate --games {args.simulate_games} --bot normal: {med(secs):.1f} s on "
              f"{args.jobs or os.cpu_count()} processes")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
