"""The balance report of a batch of simulated games: plain data, computed in game order."""
from __future__ import annotations

from game.engine.compiled import compile_ruleset
from game.rules.schema import Ruleset, text_of

WIN_HIGH, WIN_LOW = 0.35, 0.05
WAR_HIGH = 0.50


def _mean(xs) -> float:
    xs = list(xs)
    return round(sum(xs) / len(xs), 4) if xs else 0.0


def report(ruleset: Ruleset, records: list[dict], seed: int, seats: dict[str, str]) -> dict:
    """Wins, war, tracks, length, per-card play and win-rate delta, and warnings."""
    g = compile_ruleset(ruleset)
    n = len(records)
    wins = {f: 0 for f in g.factions}
    war_by = {f: 0 for f in g.factions}
    wars = 0
    outcomes: dict[str, int] = {}
    for r in records:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
        if r["winner"]:
            wins[r["winner"]] += 1
        if r["outcome"] == "war":
            wars += 1
            if r["war_by"]:
                war_by[r["war_by"]] += 1
    tension_id = g.tracks[g.tension_t] if g.tension_t >= 0 else None
    rules_id = "rules" if "rules" in g.tidx else None
    # per card: among (game, faction) pairs whose deck holds it, win rate when played vs not
    cards = {}
    for ci, card in enumerate(g.cards):
        holders = [f for f in range(g.n) if ci in g.deck_cards[f]]
        played_games = 0
        plays = wins_p = wins_np = pairs_p = pairs_np = 0
        for r in records:
            by = {f for f, c in r["played"] if c == ci}
            if by:
                played_games += 1
            for f in holders:
                won = r["winner"] == g.factions[f]
                if f in by:
                    pairs_p += 1
                    wins_p += won
                else:
                    pairs_np += 1
                    wins_np += won
            plays += len(by)
        delta = None
        if pairs_p and pairs_np:
            delta = round(wins_p / pairs_p - wins_np / pairs_np, 4)
        cards[card.id] = {"name": text_of(card.name), "play_rate": round(played_games / n, 4) if n else 0.0,
                          "win_delta": delta}
    never_played = sorted(c for c, v in cards.items() if v["play_rate"] == 0)
    never_worth = sorted(c for c, v in cards.items()
                         if 0 < v["play_rate"] < 0.05 or (v["win_delta"] is not None and v["win_delta"] <= -0.10))
    out = {
        "games": n,
        "seed": seed,
        "seats": dict(seats),
        "outcomes": dict(sorted(outcomes.items())),
        "war_rate": round(wars / n, 4) if n else 0.0,
        "war_by": {f: round(v / wars, 4) for f, v in war_by.items()} if wars else {},
        "wins": {f: round(v / n, 4) if n else 0.0 for f, v in wins.items()},
        "mean_tension": _mean(r["tracks"][tension_id] for r in records) if tension_id else None,
        "mean_rules": _mean(r["tracks"][rules_id] for r in records) if rules_id else None,
        "mean_tracks": {t: _mean(r["tracks"][t] for r in records) for t in g.tracks},
        "mean_rounds": _mean(r["rounds"] for r in records),
        "mean_actions": _mean(r["actions"] for r in records),
        "cards": cards,
        "never_played": never_played,
        "never_worth_playing": never_worth,
    }
    out["warnings"] = warnings(out, g)
    return out


def warnings(rep: dict, g) -> list[str]:
    names = {f.id: text_of(f.name) for f in g.ruleset.factions}
    w = []
    if not rep["games"]:
        return w
    for f, share in rep["wins"].items():
        if share > WIN_HIGH:
            w.append(f"{names[f]} wins {share:.0%} of games (more than {WIN_HIGH:.0%})")
        elif share < WIN_LOW:
            w.append(f"{names[f]} wins {share:.0%} of games (less than {WIN_LOW:.0%})")
    if rep["war_rate"] > WAR_HIGH:
        w.append(f"war in {rep['war_rate']:.0%} of games (more than {WAR_HIGH:.0%})")
    elif rep["war_rate"] == 0:
        w.append("no game ended in war: the Tension track never bites")
    if rep["outcomes"].get("stalled"):
        w.append(f"{rep['outcomes']['stalled']} games did not finish")
    return w
