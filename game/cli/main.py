"""`python -m game` / `redlines`: one sub-command per module, imported only when used."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from game import __version__
from game.cli import UsageError
from game.resources import ResourceMissing

# sub-command -> module with `add_arguments(parser)` and `run(args) -> int`
COMMANDS = {
    "gui": ("game.cli.gui_cmd", "open the game window (the default)"),
    "play": ("game.cli.play", "play in the terminal, hot-seat"),
    "validate": ("game.cli.validate", "check ruleset files and report every error"),
    "simulate": ("game.cli.simulate", "play many AI games and report the balance"),
    "replay": ("game.cli.replay", "re-apply a save's action log"),
    "branch": ("game.cli.branch", "start a new save from any decision of a saved game"),
    "whatif": ("game.cli.whatif", "play out the other choices at a game's key moments"),
    "report": ("game.cli.report", "write a debrief of a saved game"),
    "briefing": ("game.cli.briefing", "write one role sheet per faction"),
    "schema": ("game.cli.schema_cmd", "print the ruleset JSON Schema"),
    "rulesets": ("game.cli.rulesets_cmd", "list the shipped rulesets, or copy one to edit"),
    "serve": ("game.cli.serve", "host a classroom game: teams join from their own browsers"),
    "agent": ("game.cli.agent", "play one seat of a classroom game with a bot, over the network protocol"),
}
TOP_LEVEL = ("-h", "--help", "--version")  # options of `redlines` itself; any other first option is gui's


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="redlines", description="Red Lines: a negotiation game engine.")
    parser.add_argument("--version", action="version", version=f"redlines {__version__}")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.broken = {}  # command -> why its module could not be imported
    for name, (module, help_text) in COMMANDS.items():
        sub = subs.add_parser(name, help=help_text, description=help_text)
        try:
            mod = importlib.import_module(module)
        except ImportError as e:  # a missing dependency or a broken install: said when the command is asked for
            parser.broken[name] = f"{type(e).__name__}: {e}"
            continue
        mod.add_arguments(sub)
        sub.set_defaults(_module=mod, _parser=sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in TOP_LEVEL:
        argv = ["gui", *argv]
    try:
        parser = build_parser()
    except ResourceMissing as e:  # a data package that is not there at all
        print(str(e), file=sys.stderr)
        return 1
    if argv[0] in parser.broken:
        print(f"redlines {argv[0]}: this command could not be loaded ({parser.broken[argv[0]]}). "
              "Reinstall the game (`make setup`, or `pip install -e .` in its folder).", file=sys.stderr)
        return 1
    try:
        args = parser.parse_args(argv)
        mod = getattr(args, "_module", None)
        if mod is None:
            parser.error(f"the '{args.command}' command is not available in this build")
    except SystemExit as e:  # argparse: usage and 2 (0 for --help), returned so that callers in-process see it
        return e.code if isinstance(e.code, int) else 0 if e.code is None else 2
    try:
        return int(mod.run(args) or 0)
    except ResourceMissing as e:  # a broken installation: what is missing and how to reinstall
        print(str(e), file=sys.stderr)
        return 1
    except UsageError as e:
        args._parser.print_usage(sys.stderr)
        print(f"{args._parser.prog}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `redlines replay SAVE | head`: the reader left; stop quietly, as other tools do
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        except OSError:
            pass
        return 1
