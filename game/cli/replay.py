"""`python -m game replay SAVE [--verify] [--step]`: re-apply a save's action log from its seed."""
from __future__ import annotations

import argparse
import os
import sys

from game.cli.terminal import Style, Text
from game.engine import Names
from game.saves import (
    SaveError, first_difference, meta_difference, parse_save, read_save_json, replay, state_to_dict,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file (manual save or autosave)")
    parser.add_argument("--verify", action="store_true",
                        help="exit 0 only when the replayed state equals the save's snapshot")
    parser.add_argument("--step", action="store_true", help="print the game event by event")
    parser.add_argument("--lang", choices=("en", "ja"), default="en", help="language of the texts")


def _action_text(names: Names, d: dict) -> str:
    f = names.faction(d.get("faction", ""))
    kind = d.get("kind")
    if kind == "play":
        on = f" on {names.faction(d['target'])}" if d.get("target") else ""
        return f"{f} plays {names.card(d.get('card', ''))}{on}"
    if kind == "answer":
        return f"{f} answers '{d.get('option', '')}'"
    if kind == "propose":
        terms = "; ".join(names.term(t) for t in d.get("proposal", {}).get("terms", []))
        to = ", ".join(names.faction(r) for r in d.get("proposal", {}).get("recipients", []))
        return f"{f} proposes to {to}: {terms}"
    return f"{f} passes"


def run(args) -> int:
    out = sys.stdout
    try:
        data = read_save_json(args.save)
        save, ruleset, seats = parse_save(data, args.save)
        state, events = replay(ruleset, save.seed, seats, save.actions)
    except SaveError as e:
        print(str(e), file=sys.stderr)
        return 1
    text = Text(state, args.lang, Style(out.isatty() and not os.environ.get("NO_COLOR")))
    if args.step:
        k = 0
        while k < len(events):  # step by step: each step's consequences under their causes
            s = events[k][0]
            end = k
            while end < len(events) and events[end][0] == s:
                end += 1
            if s == 0:
                print("[0] setup", file=out)
            else:
                reason = save.reasons[s - 1] if s - 1 < len(save.reasons) else ""
                why = f"  ({reason})" if reason else ""
                print(f"[{s}] {_action_text(text.n, save.actions[s - 1])}{why}", file=out)
            for line in text.event_lines([e for _, e in events[k:end]]):
                print("    " + line, file=out)
            k = end
    diff = first_difference(state_to_dict(state), save.snapshot)
    if diff is None and meta_difference(save, ruleset, state):  # the summary must agree too, as in a load
        diff = f"meta.{meta_difference(save, ruleset, state)}"
    print(f"Replayed {len(save.actions)} actions of game {save.game_id} (seed {save.seed}, "
          f"ruleset {save.meta.ruleset_name}): round {state.round}, phase {state.phase}"
          f"{', game over: ' + state.outcome if state.over else ''}.", file=out)
    if state.over:
        print(text.end_screen(state), file=out)
    if diff is None:
        print("The replayed state equals the saved snapshot.", file=out)
        return 0
    print(f"The replayed state differs from the saved snapshot (first difference at '{diff}').",
          file=sys.stderr)
    return 1 if args.verify else 0
