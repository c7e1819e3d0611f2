"""`python -m game validate NAME|PATH...`: check ruleset files and report every error.

Warnings (a rule that reads oddly) print after the `ok` line and keep the exit status 0, unless
`--strict`. A variant also prints what its removals pruned; `--explain` prints every change it
makes to its base, entry by entry."""
from __future__ import annotations

import argparse

from game import resources
from game.rules.errors import RulesetError
from game.rules.loader import LoadInfo, load_ruleset_info
from game.rules.prune import summary as pruned_summary
from game.rules.schema import Ruleset


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="NAME|PATH",
                        help="ruleset YAML files, or shipped rulesets by name (see `redlines rulesets`)")
    parser.add_argument("--explain", action="store_true",
                        help="for a variant (a file with extends:), print what it changes against its base, entry by entry")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(rs: Ruleset) -> str:
    """`3 factions, 12 cards, 5 events`."""
    return f"{_count(len(rs.factions), 'faction')}, {_count(len(rs.cards), 'card')}, {_count(len(rs.events), 'event')}"


def explain(info: LoadInfo) -> list[str]:
    """Every change a variant makes to its base, then everything its removals pruned."""
    if info.base is None:
        return ["  (not a variant: it extends nothing)"]
    out = [f"  changes against {info.base}:"]
    out += [f"    {c}" for c in info.changes] or ["    none"]
    if info.pruned:
        out.append("  pruned, one by one:")
        out += [f"    {p.kind}: {p.where} ({p.because})" for p in info.pruned]
    return out


def check(path: str, explain_changes: bool = False, strict: bool = False) -> tuple[bool, list[str]]:
    """Whether the file passes, and the lines to print; the first is `PATH: ok (...)` when it does.
    A shipped ruleset's name is checked as the shipped file, and reported under the name."""
    try:
        rs, info = load_ruleset_info(resources.resolve_ruleset(path))
    except resources.UnknownRuleset as e:
        return False, [f"{path}: {e}"]
    except RulesetError as e:
        return False, [err.format() for err in e.errors]
    except Exception as e:  # a bug in the loader must still not show a traceback to a facilitator
        return False, [f"{path}: internal error while checking the file ({type(e).__name__}: {e}); please report it"]
    warnings = [f"{w.format().replace(f': {w.message}', '')}: warning: {w.message}" if w.path or w.line
                else f"{w.file}: warning: {w.message}" for w in info.warnings]
    if strict and warnings:
        lines = [f"{path}: {_count(len(warnings), 'warning')}, errors under --strict", *warnings]
        return False, lines
    lines = [f"{path}: ok ({summary(rs)})"]
    lines += [f"  {line}" for line in pruned_summary(info.pruned)]
    lines += warnings
    if explain_changes:
        lines += explain(info)
    return True, lines


def run(args: argparse.Namespace) -> int:
    """Print `PATH: ok (...)` or every error of each file; 0 only when all are valid."""
    status = 0
    for path in args.paths:
        ok, lines = check(path, args.explain, args.strict)
        if not ok:
            status = 1
        print("\n".join(lines), flush=True)
    return status
