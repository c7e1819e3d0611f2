"""`python -m game report SAVE --out DIR [--format md|html|both] [--lang en|ja]`: write a debrief."""
from __future__ import annotations

import argparse
import sys

from game.report import FORMATS, LANGS, ReportError, write_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file (manual save or autosave) of the game")
    parser.add_argument("--out", metavar="DIR", default="debrief",
                        help="folder to write the debrief into (created if missing; default: ./debrief)")
    parser.add_argument("--format", choices=FORMATS, default="both",
                        help="html: one page with the charts embedded; md: Markdown with PNG charts beside it; "
                             "both (default)")
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of the debrief")
    parser.add_argument("--what-if", action="store_true",
                        help="add the what-if section: the key moments' alternatives played out (see `whatif`), "
                             "the brief's recommendations tested, accepted deals against the frontier")
    parser.add_argument("--runs", type=int, default=200, metavar="N",
                        help="with --what-if: continuations per alternative (default: %(default)s; deals get half)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="with --what-if: seed of the futures")
    parser.add_argument("--jobs", type=int, default=0, metavar="J", help="with --what-if: processes (default: all cores)")


def run(args) -> int:
    from game.cli import UsageError
    whatif = None
    if args.what_if:
        if args.runs < 1:
            raise UsageError("--runs must be at least 1")
        if args.jobs < 0:
            raise UsageError("--jobs must be 0 (all cores) or more")
    try:
        save = args.save
        if args.what_if:
            from game.cli.whatif import Bar
            from game.report import load_session
            from game.sim.whatif import analyse
            save = load_session(args.save)
            bar = Bar() if sys.stderr.isatty() else None
            try:
                whatif = analyse(save, runs=args.runs, jobs=args.jobs, seed=args.seed, deals=True,
                                 progress=bar.update if bar else None)
            finally:
                if bar:
                    bar.close()
        written = write_report(save, args.out, fmt=args.format, lang=args.lang, whatif=whatif)
    except ReportError as e:
        print(str(e), file=sys.stderr)
        return 1
    pages = [p for p in written if p.suffix in (".html", ".md")]
    print(f"Debrief written to {args.out}:")
    for p in written:
        print(f"  {p}")
    if pages:
        print(f"Open {pages[0]} to put it on the screen.")
    return 0
