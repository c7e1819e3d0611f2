"""`python -m game validate NAME|PATH...`: check ruleset files and report every error."""
from __future__ import annotations

import argparse

from game import resources
from game.rules.errors import RulesetError
from game.rules.loader import load_ruleset
from game.rules.schema import Ruleset


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="NAME|PATH",
                        help="ruleset YAML files, or shipped rulesets by name (see `redlines rulesets`)")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(rs: Ruleset) -> str:
    """`3 factions, 12 cards, 5 events`."""
    return f"{_count(len(rs.factions), 'faction')}, {_count(len(rs.cards), 'card')}, {_count(len(rs.events), 'event')}"


def check(path: str) -> list[str]:
    """The lines to print for one file; the first is `PATH: ok (...)` when it is valid.
    A shipped ruleset's name is checked as the shipped file, and reported under the name."""
    try:
        rs = load_ruleset(resources.resolve_ruleset(path))
    except resources.UnknownRuleset as e:
        return [f"{path}: {e}"]
    except RulesetError as e:
        return [err.format() for err in e.errors]
    except Exception as e:  # a bug in the loader must still not show a traceback to a facilitator
        return [f"{path}: internal error while checking the file ({type(e).__name__}: {e}); please report it"]
    return [f"{path}: ok ({summary(rs)})"]


def run(args: argparse.Namespace) -> int:
    """Print `PATH: ok (...)` or every error of each file; 0 only when all are valid."""
    status = 0
    for path in args.paths:
        lines = check(path)
        if not lines[0].startswith(f"{path}: ok ("):
            status = 1
        print("\n".join(lines), flush=True)
    return status
