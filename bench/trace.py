"""A fingerprint of how the engine and the bots play: a hash of every action, reason and event
of seeded games (every level, both shipped rulesets, English and Japanese reasons).

A speed change should leave it unchanged; `python -m bench.ab REV` compares it between trees.

    .venv/bin/python -m bench.trace [--games 10]
    .venv/bin/python -m bench.trace --hard 3     # all-hard games instead (the search bot alone)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys

from game.ai.bots import make_bot
from game.engine import apply, current_decider, new_game
from game.rules.loader import load_ruleset

RULESETS = ("rulesets/brief-2025.yaml", "rulesets/brief-2025-short.yaml")


def play(s, bots: dict, h) -> None:
    """Play `s` to the end with `bots`, feeding every action, reason and event into the hash `h`."""
    while not s.over:
        f = current_decider(s)
        action, reason = bots[f].choose(s, f)
        h.update(json.dumps(action.to_dict(), sort_keys=True).encode())
        h.update(reason.encode())
        s, events = apply(s, action)
        h.update(json.dumps(events, sort_keys=True, default=str).encode())


def fingerprint(games: int = 10) -> dict[str, str]:
    """ruleset:level:lang -> a short hash of `games` seeded games ("mixed": one hard seat with a
    fixed iteration count, five normal)."""
    out = {}
    for path in RULESETS:
        rs = load_ruleset(path)
        for level, lang in (("normal", "en"), ("normal", "ja"), ("easy", "en"), ("random", "en"), ("mixed", "en")):
            h = hashlib.sha256()
            for seed in range(games if level != "mixed" else max(1, games // 5)):
                s, _ = new_game(rs, seed)
                bots = {}
                for i, f in enumerate(s.game.factions):
                    hard = level == "mixed" and i == seed % s.game.n
                    bots[f] = (make_bot("hard", f, i, lang, iterations=30) if hard else
                               make_bot("normal" if level == "mixed" else level, f, seed * 7 + i, lang))
                play(s, bots, h)
            out[f"{path.split('/')[-1]}:{level}:{lang}"] = h.hexdigest()[:16]
    return out


def hard_fingerprint(games: int = 3) -> dict[str, str]:
    """seed -> a short hash of a seeded game of the short ruleset with every seat a `hard` bot
    (a fixed iteration count, so any machine plays the same)."""
    rs = load_ruleset(RULESETS[1])
    out = {}
    for seed in range(games):
        h = hashlib.sha256()
        s, _ = new_game(rs, seed)
        bots = {f: make_bot("hard", f, seed * 7 + i, iterations=12) for i, f in enumerate(s.game.factions)}
        play(s, bots, h)
        out[f"hard:{seed}"] = h.hexdigest()[:16]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.trace", description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=10, help="seeded games per ruleset, level and language")
    p.add_argument("--hard", type=int, default=0, metavar="GAMES",
                   help="fingerprint this many all-hard games of the short ruleset instead")
    args = p.parse_args(argv)
    json.dump(hard_fingerprint(args.hard) if args.hard else fingerprint(args.games), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
