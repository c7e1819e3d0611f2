"""`python -m game branch SAVE --at STEP [--out NEW.json]`: a new save that goes back to
decision STEP of SAVE (the numbering `replay --step` shows), recorded as a branch of it."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", help="a save file (manual save or autosave)")
    parser.add_argument("--at", type=int, required=True, metavar="STEP",
                        help="the decision to go back to: the branch holds the game as it stood before "
                             "action STEP of `replay --step` (1: the start; steps+1: after the last action)")
    parser.add_argument("--out", metavar="NEW.json",
                        help="where to write the branch (default: beside SAVE, named after the new game id)")


def run(args) -> int:
    from game.saves import GameSession, SaveError
    from game.saves.branch import branch_session

    if args.at < 1:
        raise UsageError("--at counts decisions from 1 (the first action of `replay --step`)")
    try:
        session = GameSession.load(args.save)
    except SaveError as e:
        print(str(e), file=sys.stderr)
        return 1
    last = session.steps + 1
    if args.at > last:
        raise UsageError(f"--at must be 1 to {last}: game {session.game_id} has {session.steps} actions")
    try:
        branch = branch_session(session, args.at - 1, parent_path=str(args.save))
        out = Path(args.out) if args.out else Path(args.save).parent / f"{branch.game_id}.json"
        if out.resolve() == Path(args.save).resolve():
            print(f"branch: {out} is the save being branched; a branch never overwrites its original.",
                  file=sys.stderr)
            return 1
        if out.is_dir():
            print(f"branch: cannot write {out}: it is a folder", file=sys.stderr)
            return 1
        branch.save(out)
    except SaveError as e:
        print(str(e), file=sys.stderr)
        return 1
    who = branch.decider()
    now = f"{who} to decide" if who else "game over"
    print(f"Branch {branch.game_id} of game {session.game_id} written to {out}: the first "
          f"{branch.steps} of {session.steps} actions, round {branch.state.round}, {branch.state.phase} "
          f"phase, {now}.")
    return 0
