"""`python -m game whatif SAVE [--moments auto|STEP,...] [--runs N] [--bot LEVEL] [--jobs J]
[--seed S] [--json] [--out DIR]`: play out the other choices at a saved game's key moments."""
from __future__ import annotations

import argparse
import json
import os
import sys

from game.ai.bots import LEVELS
from game.cli import UsageError
from game.sim.whatif import DEFAULT_RUNS, possessive


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("save", metavar="SAVE", help="a save file (manual save or autosave)")
    p.add_argument("--moments", default="auto", metavar="auto|STEP,...",
                   help="auto (default): answers to threats, tariffs and crises, deciding ballots, broken "
                        "promises and the move that tipped a war, the 8 whose alternatives differ most; or "
                        "decisions by their `replay --step` number, e.g. 40,83")
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N",
                   help="continuations per alternative (default: %(default)s)")
    p.add_argument("--bot", choices=LEVELS, default="normal", help="level of every seat in the continuations")
    p.add_argument("--hard-iterations", type=int, default=100, metavar="K",
                   help="search iterations per decision of hard seats (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=0, metavar="J", help="processes (default: the number of cores)")
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help="seed of the continuations' futures (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the text report")
    p.add_argument("--out", metavar="DIR", help="also write whatif.json, whatif.md and one chart per moment here")


def parse_moments(text: str) -> str | list[int]:
    if text.strip() == "auto":
        return "auto"
    try:
        steps = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise UsageError(f"--moments wants 'auto' or step numbers separated by commas (got '{text}')") from None
    if not steps or any(s < 1 for s in steps):
        raise UsageError(f"--moments wants 'auto' or step numbers from 1 (got '{text}')")
    return sorted(set(steps))


class Bar:
    """A progress bar on stderr (drawn only when stderr is a terminal)."""

    def __init__(self, what: str = "continuations") -> None:
        self.what = what

    def update(self, done: int, total: int) -> None:
        width = 30
        full = width * done // max(1, total)
        sys.stderr.write(f"\r[{'#' * full}{'.' * (width - full)}] {done}/{total} {self.what}")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _ci(x: dict, fmt: str = "{:.1f}") -> str:
    return f"{fmt.format(x['mean'])} [{fmt.format(x['lo'])}, {fmt.format(x['hi'])}]"


def _rate(x: dict) -> str:
    return f"{100 * x['rate']:.0f}% [{100 * x['lo']:.0f}, {100 * x['hi']:.0f}]"


def text_report(rep: dict, names) -> str:
    lines = [f"What if? Game {rep['game_id']}: {rep['runs']} continuations per alternative, bots "
             f"'{rep['bot']}' in every seat, seed {rep['seed']}, {rep['timing']['seconds']:.1f} s on "
             f"{rep['timing']['jobs']} processes.", ""]
    if not rep["moments"]:
        lines.append("No key moment found: no threat, tariff or crisis was answered, no vote was close, "
                     "no promise was broken and no move tipped a war. Name decisions with --moments.")
    for m in rep["moments"]:
        head = f"#{m['rank']} " if m.get("rank") else ""
        what = names.card(m["card"]) if m["card"] else names.event(m["event"]) if m["event"] else ""
        lines.append(f"{head}Step {m['step']}, round {m['round']}: {possessive(names.faction(m['decider']))} {m['decision']}"
                     f"{' on ' + what if what else ''} ({m['topic']}; spread {m['spread']:.2f})")
        lines.append(f"  {'alternative':<44} {'war rate':>15} {'Rules':>18} {'Tension':>18} "
                     f"{'score':>20} {'rank':>16}")
        for a in m["alternatives"]:
            mark = "* " if a["actual"] else "  "
            label = a["label"] if len(a["label"]) <= 42 else a["label"][:41] + "…"
            lines.append(f"{mark}{label:<44} {_rate(a['war']):>15} {_ci(a['rules']):>18} {_ci(a['tension']):>18} "
                         f"{_ci(a['score']):>20} {_ci(a['rank']):>16}")
        act = m["actual_game"]
        lines.append(f"  (* the choice made) In the game itself{'' if act['over'] else ' so far'}: "
                     f"{act['outcome']}, Rules {act['rules']}, "
                     f"Tension {act['tension']}, {names.faction(m['decider'])} scored {act['score']:g} "
                     f"(rank {act['rank']}).")
        lines.append(f"  {m['sentence']}")
        lines.append("")
    lines.append("Intervals are 95%: Wilson for war rates, normal approximation for means.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from game.engine import Names
    from game.saves import GameSession, SaveError
    from game.sim.whatif import WhatIfError, analyse

    moments = parse_moments(args.moments)
    if args.runs < 1:
        raise UsageError("--runs must be at least 1")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    if args.hard_iterations < 1:
        raise UsageError("--hard-iterations must be at least 1")
    if args.out and os.path.exists(args.out) and not os.path.isdir(args.out):
        print(f"whatif: cannot write into {args.out}: it is a file, not a folder", file=sys.stderr)
        return 1
    try:
        session = GameSession.load(args.save)
    except SaveError as e:
        print(str(e), file=sys.stderr)
        return 1
    bar = Bar() if sys.stderr.isatty() else None
    try:
        rep = analyse(session, moments, runs=args.runs, bot=args.bot, jobs=args.jobs, seed=args.seed,
                      hard_iterations=args.hard_iterations, progress=bar.update if bar else None)
    except WhatIfError as e:
        print(f"whatif: {e}", file=sys.stderr)
        return 1
    finally:
        if bar:
            bar.close()
    names = Names(session.state.game, "en")
    if args.out:
        from game.report import ReportError
        from game.report.whatif import write_whatif
        try:
            written = write_whatif(rep, session, args.out)
        except ReportError as e:
            print(str(e), file=sys.stderr)
            return 1
        rep["files"] = [str(p) for p in written]
    if args.json:
        print(json.dumps(rep, ensure_ascii=False, sort_keys=True))
    else:
        print(text_report(rep, names))
        if args.out:
            print(f"Written to {args.out}: " + ", ".join(p.split("/")[-1] for p in rep["files"]))
    return 0
