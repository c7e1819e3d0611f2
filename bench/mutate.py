"""Break each rule on purpose and check that the rule tests notice.

Each mutation is one text replacement in the engine. The tree is copied to a temporary folder,
the mutation applied there, and the rule tests run; a mutation the tests do not catch is a rule
nobody pins. The README's testing table lists these.

    .venv/bin/python -m bench.mutate [--only NAME] [--tests tests/test_rule_table.py ...]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_rule_table.py", "tests/test_engine_rules.py"]

E, C, P, F, S, K = ("game/engine/effects.py", "game/engine/core.py", "game/engine/prices.py",
                    "game/engine/flow.py", "game/engine/scoring.py", "game/engine/conditions.py")
OPS = "game/engine/ops/"  # one module per primitive: OPS + "leave.py"
# name: (file, text, replacement) - the text must occur in the file
MUTATIONS: dict[str, tuple[str, str, str]] = {
    # the five the rules issue found unpinned
    "if: else branch dropped": (OPS + "if_.py", "branch = e.then if test(state, e.cond, ctx) else e.else_",
                                "branch = e.then if test(state, e.cond, ctx) else []"),
    "threshold crossed down never fires": (E, 'down = th.direction == "down" and old > th.at >= new',
                                           "down = False"),
    "leave does nothing": (OPS + "leave.py", "state.members[k] = bits.without(state.members[k], f)",
                           "state.members[k] = state.members[k]"),
    "flag add ignored": (OPS + "flag.py", "value = state.flags.get(e.flag, 0) + e.value if e.add else e.value",
                         "value = e.value"),
    "flag_reduction ignored": (F, "chance -= off", "chance -= 0"),
    # effects
    "resource loss not clamped": (E, "new = bits.clamp(old + delta, g.rmin[r], g.rmax[r])",
                                  "new = min(old + delta, g.rmax[r])"),
    "trust not clamped at max": (E, "new = bits.clamp(old + delta, tr.min, tr.max)", "new = max(old + delta, tr.min)"),
    "times ignored": (OPS + "resource.py", "d = e.delta if e.times is None else e.delta * times(state, e)\n    for f in who",
                      "d = e.delta\n    for f in who"),
    "chance always hits": (OPS + "chance.py", "hit = roll < e.percent", "hit = True"),
    "pay takes nothing": (E, "    row[r] -= paid\n", ""),
    "payment never received": (E, "state.res[to][r] += got", "state.res[to][r] += 0"),
    "on_join not run": (E, "run(state, co.on_join, Ctx(f, ctx.target, f), out)", "pass"),
    "imposed join not checked for its price": (E, "if short is not None:\n        out.append({\"type\": \"join_unaffordable\"",
                                               "if False:\n        out.append({\"type\": \"join_unaffordable\""),
    "draw never reshuffles": (E, "            if not state.discards[f]:\n                break",
                              "            break"),
    "threshold never ends the game": (E, "if th.ends_game and not state.over:", "if False:"),
    # legality: prices, empty moves, invitations, deals, counters
    "prices never short": (P, "        if row[r] - amount < g.rmin[r]:", "        if False:"),
    "card cost not counted": (C, "{g.cost_r: spec.cost} if spec.cost else None", "None"),
    "empty moves allowed": (C, "    if g.card_fx[c](state, roles):\n        return True",
                            "    if True:\n        return True"),
    "invitation to a member allowed": (C, "if inv and t >= 0 and not any(prices.may_join(state, t, k) for k in inv):\n        return _join_problem",
                                       "if False:\n        return _join_problem"),
    "deal not checked at acceptance": ("game/engine/proposals.py", "    problem = honour_problem(state, op.terms)\n",
                                       "    problem = None\n"),
    "counter costs no proposal": (C, "        state.proposals_left[f] -= 1  # a counter-proposal", "        pass  #"),
    "counters never run out": (C, 'if d.kind == "proposal" and state.proposals_left[d.faction] <= -state.game',
                               'if False and state.game'),
    # flow
    "broken promise costs no trust": (C, "change_trust(state, f, p, rules.break_trust, out)", "pass"),
    "vote needs one more yes": (C, "passed = yes >= vote.threshold", "passed = yes > vote.threshold"),
    "each_round not run": (F, "                run(state, co.each_round, ctx, out)\n", ""),
    "commitments never expire": (F, "if c.rounds > 1:", "if c.rounds > 0:"),
    # conditions
    "condition min exclusive": (K, "return (-INF if cond.min is None else cond.min)",
                                "return (-INF if cond.min is None else cond.min + 1)"),
    # scoring
    "war trigger not charged": (S, "if state.war_by == f:", "if False:"),
    "objectives never score": (S, "                if test(state, cond, ctx):\n                    out.append",
                               "                if False:\n                    out.append"),
    "shared goal not inverted": (S, "round(w * (top - state.tracks[t] if invert else state.tracks[t]), 6)",
                                 "round(w * state.tracks[t], 6)"),
}


def run(name: str, tests: list[str], python: str) -> tuple[bool, str]:
    """True when the tests fail on the mutated tree (the mutation is caught)."""
    path, old, new = MUTATIONS[name]
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info"))
        target = tree / path
        text = target.read_text(encoding="utf-8")
        if old not in text:
            return False, f"the text to mutate is not in {path}: update bench/mutate.py"
        target.write_text(text.replace(old, new), encoding="utf-8")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        out = subprocess.run([python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                             cwd=tree, capture_output=True, text=True, env=env)
        last = (out.stdout.strip().splitlines() or [""])[-1]
        return out.returncode != 0, last


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.mutate", description=__doc__.splitlines()[0])
    p.add_argument("--only", action="append", help="run only this mutation (repeatable)")
    p.add_argument("--tests", nargs="+", default=TESTS)
    args = p.parse_args(argv)
    names = args.only or list(MUTATIONS)
    missed = []
    for name in names:
        caught, last = run(name, args.tests, sys.executable)
        print(f"{'caught' if caught else 'MISSED'}  {name}  ({last})", flush=True)
        if not caught:
            missed.append(name)
    print(f"{len(names) - len(missed)} of {len(names)} mutations caught")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
