"""`python -m game briefing --ruleset NAME|PATH --out DIR [--lang en|ja]`: write one role sheet per faction."""
from __future__ import annotations

import argparse
import sys

from game import resources
from game.report import FORMATS, LANGS, ReportError, write_briefings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ruleset", metavar="NAME|PATH", default=None,
                        help=f"the scenario: a shipped ruleset's name (default: {resources.DEFAULT_RULESET}; "
                             "see `redlines rulesets`) or a ruleset file; a custom ruleset works the same")
    parser.add_argument("--out", metavar="DIR", default="briefings",
                        help="folder to write the sheets into (created if missing; default: ./briefings)")
    parser.add_argument("--format", choices=FORMATS, default="both", help="html, md or both (default)")
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of the sheets")


def run(args) -> int:
    from game.rules.errors import RulesetError
    from game.rules.loader import load_ruleset

    try:
        ruleset = load_ruleset(resources.resolve_ruleset(args.ruleset))
    except resources.UnknownRuleset as e:
        print(str(e), file=sys.stderr)
        return 1
    except RulesetError as e:
        print(str(e), file=sys.stderr)  # every line names the file (and the line where there is one)
        return 1
    try:
        written = write_briefings(ruleset, args.out, fmt=args.format, lang=args.lang)
    except ReportError as e:
        print(str(e), file=sys.stderr)
        return 1
    print(f"Role sheets written to {args.out}:")
    for p in written:
        print(f"  {p}")
    everything = [p for p in written if p.name == "print-all.html"]
    if everything:
        print(f"Print {everything[0]} to get every sheet at once (one page break per sheet); "
              "give each team only its own sheet: it shows the team's secret objectives.")
    return 0
