"""Compare the speed of the working tree with a git revision, on the same machine at the same time.

This machine's speed drifts by half and more from one minute to the next, so a figure from
one run says little against a figure from another. Here both trees run the same short
measurements alternately, several rounds, and each figure keeps its best round. It also tells
whether both trees play the same (`bench.trace`: every action, reason and event of seeded games).

    .venv/bin/python -m bench.ab REV [--rounds 4]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# run inside one tree (its own `game` package first on the path); prints one JSON object
PROBE = """
import json, sys
sys.path.insert(0, ".")
from bench.__main__ import _clone_us, _hard, _random_games, _scripted
from game.rules.loader import load_ruleset
rs = load_ruleset("rulesets/brief-2025.yaml")
_random_games(rs, 0.3, 0)
actions, games = _random_games(rs, 1.5, 0)
median, p99 = _scripted(rs, 4)
print(json.dumps({"clone_us": _clone_us(rs), "actions_per_s": actions, "decision_median_us": median,
                  "decision_p99_us": p99, "hard_iterations_per_s": _hard(rs, 2, 0.5)}))
"""
HIGHER_IS_BETTER = {"actions_per_s", "hard_iterations_per_s"}


def probe(tree: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def same_play(old: Path, games: int = 5) -> bool:
    """Whether both trees give the same `bench.trace` fingerprint (this tree's trace code runs
    against each tree's `game` package)."""
    code = (ROOT / "bench" / "trace.py").read_text(encoding="utf-8")
    prints = [subprocess.run([sys.executable, "-c", code, "--games", str(games)], cwd=tree, capture_output=True,
                             text=True, check=True).stdout for tree in (old, ROOT)]
    return json.loads(prints[0]) == json.loads(prints[1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__.splitlines()[0])
    p.add_argument("rev", help="the git revision to compare with (e.g. HEAD~3, main)")
    p.add_argument("--rounds", type=int, default=4)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.rev], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            best: dict[str, dict[str, float]] = {"old": {}, "new": {}}
            for i in range(args.rounds):
                for name, tree in (("old", old), ("new", ROOT)):
                    for k, v in probe(tree).items():
                        keep = max if k in HIGHER_IS_BETTER else min
                        best[name][k] = keep(best[name].get(k, v), v)
                print(f"round {i + 1}/{args.rounds} done", file=sys.stderr)
            same = same_play(old)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True)
    print(f"best of {args.rounds} alternating rounds; {args.rev} vs working tree")
    print(f"{'figure':24} {args.rev:>14} {'working tree':>14} {'ratio':>7}")
    for k in best["old"]:
        a, b = best["old"][k], best["new"][k]
        print(f"{k:24} {a:14,.1f} {b:14,.1f} {b / a:7.2f}")
    print("same play (bench.trace): " + ("yes" if same else "NO - the trees choose or log differently"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
