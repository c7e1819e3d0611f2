"""The balance report of a batch of simulated games: plain data, computed in game order."""
from __future__ import annotations

from pydantic import BaseModel

from game.engine import compile_ruleset
from game.rules import schema as sch
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
    out["events"] = _events(g, records)
    out["choices"] = _choices(g, records)
    out["tracks"] = {t: {"name": text_of(tr.name), "mean": out["mean_tracks"][t]} for t, tr in zip(g.tracks, ruleset.tracks)}
    out["scores"] = _scores(g, records)
    out["why"] = _why(g, records, out)
    out["warnings"] = warnings(out, g)
    return out


def _events(g, records: list[dict]) -> dict:
    """Per event: the share of games it was drawn in and the share it fired (struck) in."""
    n = len(records) or 1
    drawn = {e.id: 0 for e in g.events}
    fired = dict(drawn)
    for r in records:
        for e in r.get("drawn", ()):
            drawn[e] = drawn.get(e, 0) + 1
        for e in r.get("fired", ()):
            fired[e] = fired.get(e, 0) + 1
    return {e.id: {"name": text_of(e.name), "drawn": round(drawn[e.id] / n, 4), "fired": round(fired[e.id] / n, 4)}
            for e in g.events}


def source_labels(ruleset: Ruleset) -> dict[int, str]:
    """id() of every response, crisis choice and choice effect -> where it is (`cards[x].response`);
    found by walking the models, so every effect that holds other effects is covered. The
    ruleset holds every object named, so the ids stay theirs while the caller holds the ruleset."""
    out: dict[int, str] = {}

    def walk(obj: object, path: str) -> None:
        if isinstance(obj, (sch.Response, sch.Choice, sch.ChoiceEffect)):
            out[id(obj)] = path
        if isinstance(obj, BaseModel):
            for name, field in type(obj).model_fields.items():
                walk(getattr(obj, name), f"{path}.{field.alias or name}")
        elif isinstance(obj, (list, tuple)):
            for i, item in enumerate(obj):
                key = getattr(item, "id", None)
                if not isinstance(key, str):
                    key = getattr(item, "who", None) if isinstance(item, sch.Choice) else None
                walk(item, f"{path}[{key if isinstance(key, str) else i}]")

    for name in ("cards", "events", "coalitions", "tracks"):
        walk(getattr(ruleset, name), name)
    if ruleset.turn.miscalculation is not None:
        walk(ruleset.turn.miscalculation, "turn.miscalculation")
    return out


def _choices(g, records: list[dict]) -> dict:
    """Per response window or choice that was ever answered: how often, and each option's share."""
    labels = source_labels(g.ruleset)
    counts: dict[int, dict[str, int]] = {}
    for r in records:
        for src, option in r.get("answers", ()):
            counts.setdefault(src, {})
            counts[src][option] = counts[src].get(option, 0) + 1
    out = {}
    for src in sorted(counts):
        holder, options = g.sources[src]
        total = sum(counts[src].values())
        out[labels.get(id(holder), f"source {src}")] = {
            "answers": total,
            "options": {o.id: round(counts[src].get(o.id, 0) / total, 4) for o in options},
        }
    return out


def _scores(g, records: list[dict]) -> dict:
    """Per faction: the mean final score and the mean of each of its terms (0 in games without it)."""
    n = len(records) or 1
    out = {}
    for f in g.factions:
        terms: dict[str, float] = {}
        total = 0.0
        for r in records:
            sc = r.get("scores", {}).get(f, {})
            for t, v in sc.items():
                terms[t] = terms.get(t, 0.0) + v
            total += sum(sc.values())
        out[f] = {"mean": round(total / n, 3), "terms": {t: round(v / n, 3) for t, v in sorted(terms.items())}}
    return out


def _grouped(score: dict) -> dict:
    """A faction's mean score with its objectives summed into one `objectives` term (two factions'
    objectives differ, so only their sums compare)."""
    terms: dict[str, float] = {}
    for t, v in score["terms"].items():
        key = "objectives" if t.startswith("objective:") else t
        terms[key] = round(terms.get(key, 0.0) + v, 3)
    return {"mean": score["mean"], "terms": terms}


def _why(g, records: list[dict], rep: dict) -> dict:
    """For each faction winning under WIN_LOW or over WIN_HIGH: its cards against the others' and its
    mean score terms (objectives summed) against the leader's (or, for the leader, the runner-up's)."""
    n = len(records) or 1
    out = {}
    wins = rep["wins"]
    ranked = sorted(g.factions, key=lambda f: -wins[f])
    deck = {f: len(set(g.deck_cards[i])) for i, f in enumerate(g.factions)}
    plays = {f: 0 for f in g.factions}
    for r in records:
        for fi, _c in r["played"]:
            plays[g.factions[fi]] += 1
    for f in g.factions:
        share = wins[f]
        if WIN_LOW <= share <= WIN_HIGH:
            continue
        other = ranked[0] if ranked[0] != f else (ranked[1] if len(ranked) > 1 else f)
        others = [x for x in g.factions if x != f]
        mine, theirs = _grouped(rep["scores"][f]), _grouped(rep["scores"][other])
        terms = sorted(set(mine["terms"]) | set(theirs["terms"]))
        out[f] = {
            "wins": share,
            "compared_with": other,
            "cards_held": deck[f],
            "others_cards_held": round(sum(deck[x] for x in others) / max(1, len(others)), 2),
            "cards_played_per_game": round(plays[f] / n, 2),
            "others_cards_played_per_game": round(sum(plays[x] for x in others) / n / max(1, len(others)), 2),
            "mean_score": mine["mean"],
            "other_mean_score": theirs["mean"],
            "terms": {t: [mine["terms"].get(t, 0.0), theirs["terms"].get(t, 0.0)] for t in terms},
        }
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
