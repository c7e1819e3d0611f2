"""`python -m game simulate`: play many AI games and say whether the ruleset is balanced."""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys

from game import resources
from game.ai.bots import LEVELS
from game.cli import UsageError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ruleset", default=None, metavar="NAME|PATH",
                   help="a shipped ruleset's name (see `redlines rulesets`) or a ruleset file "
                        f"(default: {resources.DEFAULT_RULESET})")
    p.add_argument("--games", type=int, default=200, metavar="N", help="games to play (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="seed of the whole run (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=0, metavar="J", help="processes (default: the number of cores)")
    p.add_argument("--bot", choices=LEVELS, default="normal", help="level of every seat (default: %(default)s)")
    p.add_argument("--seat", action="append", default=[], metavar="FACTION=LEVEL",
                   help="the level of one faction's seat, e.g. --seat japan=hard (repeatable)")
    p.add_argument("--hard-iterations", type=int, default=100, metavar="K",
                   help="search iterations per decision of a hard seat (a count, so runs are reproducible; default: %(default)s)")
    p.add_argument("--from", dest="from_save", metavar="SAVE",
                   help="play every game on from a saved game's position instead of from the start "
                        "(its own ruleset; with --at)")
    p.add_argument("--at", type=int, metavar="STEP",
                   help="with --from: the decision to start at, numbered as `replay --step` shows "
                        "(default: after the save's last action); the future is re-seeded per game")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the text report")
    p.add_argument("--out", metavar="FILE.csv", help="also write one row per game to this CSV file")


def _fail(msg: str) -> int:
    print(f"simulate: {msg}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    from game.rules.errors import RulesetError
    from game.rules.loader import load_ruleset
    from game.sim.runner import run as run_games
    from game.sim.stats import report

    if args.games < 1:
        raise UsageError("--games must be at least 1")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    if args.hard_iterations < 1:
        raise UsageError("--hard-iterations must be at least 1")
    if args.out and os.path.isdir(args.out):
        return _fail(f"cannot write {args.out}: it is a folder")
    if args.at is not None and not args.from_save:
        raise UsageError("--at needs --from SAVE")
    start = None
    if args.from_save:
        from game.saves import GameSession, SaveError
        try:
            session = GameSession.load(args.from_save)
        except SaveError as e:
            print(str(e), file=sys.stderr)
            return 1
        at = session.steps + 1 if args.at is None else args.at
        if not 1 <= at <= session.steps + 1:
            raise UsageError(f"--at must be 1 to {session.steps + 1}: the game has {session.steps} actions")
        ruleset = session.ruleset
        start = session.replay(at - 1)[0]
        if start.over:
            return _fail(f"the game is over after its {at - 1} actions: pick an earlier --at")
    else:
        try:
            args.ruleset = resources.resolve_ruleset(args.ruleset)
            ruleset = load_ruleset(args.ruleset)
        except resources.UnknownRuleset as e:
            return _fail(str(e))
        except RulesetError as e:
            print(str(e), file=sys.stderr)
            return 1
        except OSError as e:
            return _fail(f"cannot read {args.ruleset}: {e.strerror or e}")
    factions = [f.id for f in ruleset.factions]
    seats = {f: args.bot for f in factions}
    for spec in args.seat:
        f, sep, level = spec.partition("=")
        if not sep or f not in seats:
            raise UsageError(f"--seat wants FACTION=LEVEL with FACTION one of {', '.join(factions)} (got '{spec}')")
        if level not in LEVELS:
            raise UsageError(f"--seat {f}: level must be one of {', '.join(LEVELS)} (got '{level}')")
        seats[f] = level
    show = sys.stderr.isatty() and not args.json
    bar = _Bar(args.games) if show else None
    try:
        records, seconds = run_games(ruleset, args.games, args.seed, seats, args.jobs,
                                     args.hard_iterations, bar.update if bar else None, from_state=start)
    finally:
        if bar:
            bar.close()
    rep = report(ruleset, records, args.seed, seats)
    if start is not None:
        rep["from"] = {"save": args.from_save, "at": at, "round": start.round, "phase": start.phase}
    jobs = args.jobs or os.cpu_count() or 1
    rep["timing"] = {"seconds": round(seconds, 3), "jobs": jobs,
                     "games_per_second": round(len(records) / seconds, 2) if seconds else None}
    if args.out:
        try:
            _write_csv(args.out, records)
        except OSError as e:
            return _fail(f"cannot write {args.out}: {e.strerror or e}")
    if args.json:
        print(json.dumps(rep, ensure_ascii=False, sort_keys=True))
    else:
        print(text_report(ruleset, rep))
    return 0


def _write_csv(path: str, records: list[dict]) -> None:
    tracks = sorted(records[0]["tracks"]) if records else []
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["game", "seed", "outcome", "winner", "war_by", "rounds", "actions", *tracks])
        for r in records:
            w.writerow([r["index"], r["seed"], r["outcome"], r["winner"], r["war_by"], r["rounds"],
                        r["actions"], *(r["tracks"][t] for t in tracks)])


class _Bar:
    def __init__(self, total: int) -> None:
        self.total = total

    def update(self, done: int, total: int) -> None:
        width = 30
        full = width * done // total
        sys.stderr.write(f"\r[{'#' * full}{'.' * (width - full)}] {done}/{total} games")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def text_report(ruleset, rep: dict) -> str:
    from game.rules.schema import text_of
    names = {f.id: text_of(f.name) for f in ruleset.factions}
    seats = rep["seats"]
    lines = [f"{text_of(ruleset.name)}: {rep['games']} games, seed {rep['seed']}, "
             f"{rep['timing']['seconds']:.1f} s on {rep['timing']['jobs']} processes", ""]
    if rep.get("from"):
        fr = rep["from"]
        lines[-1:-1] = [f"Every game played on from {fr['save']} before decision {fr['at']} (round {fr['round']}, "
                        f"{fr['phase']} phase), its future re-seeded per game."]
    lines.append("Wins (share of games):")
    for f, share in sorted(rep["wins"].items(), key=lambda x: -x[1]):
        lines.append(f"  {names[f]:<24} {share:6.1%}   ({seats[f]})")
    lines.append("")
    lines.append(f"War rate: {rep['war_rate']:.1%}")
    if rep["war_by"]:
        top = max(rep["war_by"].items(), key=lambda x: x[1])
        if top[1] > 0:
            lines.append(f"  most often tipped into war by: {names[top[0]]} ({top[1]:.0%} of wars)")
        by_events = 1 - sum(rep["war_by"].values())
        if by_events > 0.0005:
            lines.append(f"  tipped by events and miscalculation, not a faction's move: {by_events:.0%} of wars")
    for t in rep["tracks"].values():
        lines.append(f"Mean final {t['name']}: {t['mean']:.2f}")
    lines.append(f"Mean rounds per game: {rep['mean_rounds']:.2f};  mean actions per game: {rep['mean_actions']:.1f}")
    lines.append("")
    lines.append("Mean final score (and its terms):")
    for f, sc in sorted(rep["scores"].items(), key=lambda x: -x[1]["mean"]):
        terms = ", ".join(f"{t} {v:+.1f}" for t, v in sorted(sc["terms"].items(), key=lambda x: -abs(x[1])) if v)
        lines.append(f"  {names[f]:<24} {sc['mean']:6.1f}   {terms}")
    lines.append("")
    lines.append("Events (share of games drawn / fired):")
    for eid, e in sorted(rep["events"].items(), key=lambda x: (-x[1]["fired"], x[0])):
        lines.append(f"  {e['name'][:34]:<34} {e['drawn']:6.1%} {e['fired']:6.1%}")
    never = sorted(eid for eid, e in rep["events"].items() if e["drawn"] == 0)
    if never:
        lines.append(f"Never drawn: {', '.join(never)}")
    lines.append("")
    lines.append("Choices (answers over all games; each option's share):")
    for where, c in rep["choices"].items():
        opts = ", ".join(f"{o} {v:.0%}" for o, v in c["options"].items())
        lines.append(f"  {where}  ({c['answers']}): {opts}")
    lines.append("")
    lines.append("Cards (share of games played; win-rate delta of the faction that played it):")
    for cid, c in sorted(rep["cards"].items(), key=lambda x: (x[1]["play_rate"], x[0])):
        d = "   n/a" if c["win_delta"] is None else f"{c['win_delta']:+6.1%}"
        lines.append(f"  {c['name'][:34]:<34} {c['play_rate']:6.1%}  {d}")
    if rep["never_played"]:
        lines.append(f"Never played: {', '.join(rep['never_played'])}")
    if rep["never_worth_playing"]:
        lines.append(f"Rarely or never worth playing: {', '.join(rep['never_worth_playing'])}")
    lines.append("")
    for f, why in rep["why"].items():
        other = names[why["compared_with"]]
        lines.append(f"Why {names[f]} wins {why['wins']:.0%}: its deck holds {why['cards_held']} different cards "
                     f"(the others {why['others_cards_held']:.1f} on average) and it plays {why['cards_played_per_game']:.1f} "
                     f"per game (the others {why['others_cards_played_per_game']:.1f}); mean score {why['mean_score']:.1f} "
                     f"against {other}'s {why['other_mean_score']:.1f}:")
        gaps = sorted(why["terms"].items(), key=lambda x: -abs(x[1][0] - x[1][1]))
        for t, (mine, theirs) in [g for g in gaps if g[1][0] != g[1][1]][:6]:
            lines.append(f"    {t:<36} {mine:+6.1f}  vs {theirs:+6.1f}")
    if rep["why"]:
        lines.append("")
    if rep["warnings"]:
        lines.append("Warnings:")
        lines.extend(f"  ! {w}" for w in rep["warnings"])
    else:
        lines.append("No balance warnings.")
    return "\n".join(lines)
