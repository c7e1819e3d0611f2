"""The what-if speed figure: the default analysis (`whatif SAVE`: up to 8 moments, every
alternative, 200 runs) of a full seeded game played by normal bots, timed end to end
(replaying to the moments, the pilot that ranks them, the runs, one process pool).

    python -m bench.whatif [--ruleset rulesets/brief-2025.yaml] [--seed 1] [--jobs 2] [--repeat 1]
                           [--save PATH]   # also write the game played (the README's example)
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time

from game.rules.loader import load_ruleset
from game.saves import GameSession
from game.sim.future import play_session
from game.sim.whatif import DEFAULT_RUNS, analyse


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (the pool's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.whatif")
    p.add_argument("--ruleset", default="rulesets/brief-2025.yaml")
    p.add_argument("--seed", type=int, default=1, help="seed of the game analysed")
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--save", metavar="PATH", help="write the seeded game here too")
    args = p.parse_args(argv)
    rs = load_ruleset(args.ruleset)
    session = GameSession.new(rs, "", args.seed, {}, game_id=f"example-brief-2025-seed{args.seed}")
    play_session(session, "normal")
    if args.save:
        session.save(args.save)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; ruleset {args.ruleset}, game seed {args.seed}: {session.steps} actions, "
          f"{session.state.round} rounds, {session.state.outcome}")
    secs, cpus = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        c = _cpu()
        rep = analyse(session, runs=args.runs, jobs=args.jobs, seed=1)
        secs.append(time.perf_counter() - t)
        cpus.append(_cpu() - c)
    runs = sum(len(m["alternatives"]) for m in rep["moments"]) * args.runs
    print(f"whatif (default: {len(rep['moments'])} moments, {runs} continuations reported, {args.runs} runs each) "
          f"on {args.jobs} processes: {statistics.median(secs):.1f} s (runs {min(secs):.1f}-{max(secs):.1f}; "
          f"target < 60 s); CPU {statistics.median(cpus):.1f} s in all (this machine is shared: "
          "wall time above CPU/jobs is time other work took the cores)")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
