"""The rule table: one row per effect primitive and per branch of each rule.

Each row is a tiny inline ruleset (the card `x`, and the coalition `k` when it needs one), a
position, one action or a few, and the exact change of state it must cause. A row that needs
a chance roll names the RNG state that gives its outcome (found below, never branched on).
Breaking any rule written in docs/RULES.md should turn a row red: the README's testing table
lists the mutations this table was checked against.
"""
from __future__ import annotations

import copy

import pytest

from game.engine import (
    IllegalAction, Problem, Term, answer, apply, current_decider, decision_kind, legal_actions, new_game, pass_, play,
    propose,
)
from game.engine import bits, rng
from game.engine.flow import miscalculation_chance
from game.engine.state import ACTIONS, Commitment
from game.rules.schema import Ruleset

SRC = "rule table"


def no(code: str, **params) -> Problem:
    """The problem a row's last step is refused with (its code and parameters; its English words
    are in game/engine/problems.py)."""
    return Problem(code, params)
FACTIONS = ("a", "b", "c")


def _roll(hit: bool, percent: int = 50) -> int:
    """An RNG state whose next roll of 100 hits (< percent) or misses."""
    for x in range(1, 10_000):
        if (rng.below(x, 100)[1] < percent) == hit:
            return x
    raise AssertionError("no RNG state found")


HIT, MISS = _roll(True), _roll(False)


def ruleset(card: dict | None = None, coalition: dict | None = None, **turn) -> Ruleset:
    """Three factions, two tracks and one card `x` held by `a` (cost 0 unless said)."""
    cards = [{"id": "x", "name": "X", "text": "X", "tags": ["dialogue", "tariff"], "cost": 0, "source": SRC,
              "holders": ["a"], **(card or {})},
             {"id": "filler", "name": "Filler", "text": "F", "tags": ["aid"], "source": SRC, "copies": 5,
              "effects": [{"op": "resource", "resource": "economy", "delta": 1}]}]
    data = {
        "name": "Rule table",
        "factions": [{"id": f, "name": f.upper(), "color": "#123456",
                      "start": {"economy": 5, "influence": 5, "support": 5}} for f in FACTIONS],
        "resources": [{"id": "economy", "name": "Economy", "min": 0, "max": 10},
                      {"id": "influence", "name": "Influence", "min": 0, "max": 10},
                      {"id": "support", "name": "Support", "min": 0, "max": 10}],
        "tracks": [{"id": "tension", "name": "Tension", "min": 0, "max": 10, "start": 5,
                    "thresholds": [{"at": 8, "effects": [{"op": "track", "track": "rules", "delta": -1}]},
                                   {"at": 10, "ends_game": "war"}]},
                   {"id": "rules", "name": "Rules", "min": 0, "max": 10, "start": 5,
                    "thresholds": [{"at": 2, "direction": "down",
                                    "effects": [{"op": "track", "track": "tension", "delta": 1}]}]}],
        "trust": {"min": -5, "max": 5, "start": 0},
        "cards": cards,
        "events": [],
        "coalitions": [coalition] if coalition else [],
        "turn": {"rounds": 2, "actions_per_round": 1, "hand_size": 1, "cost_resource": "influence",
                 "events_per_round": 0, "extra_event_every": 0,
                 "proposals": {"tradeable": ["economy"], "per_round": 1}, **turn},
        "scoring": {"shared": [{"id": "peace", "name": "Peace", "track": "tension", "invert": True}]},
    }
    return Ruleset.model_validate(data)


K = {"id": "k", "name": "K", "members": [], "may_join": ["a", "b"],
     "on_join": [{"op": "pay", "resource": "economy", "amount": 2}, {"op": "track", "track": "rules", "delta": 1}]}


def position(rs: Ruleset, at: str = "act", **setup):
    """The game at `a`'s decision (`act`: the actions phase holding only `x`; `negotiate`: the
    first proposal), with the fields of `setup` written in."""
    state, _ = new_game(rs, 1)
    if at == "act":
        while state.phase != ACTIONS or state.pending:
            state, _ = apply(state, pass_(current_decider(state)))
    state = state.clone()
    g = state.game
    a = g.fidx["a"]
    if at == "act":
        state.turn_idx = a
        state.hands[a] = (g.cidx["x"],)
    write(state, setup)
    return state


def write(state, setup: dict) -> None:
    g = state.game
    for (f, r), v in setup.get("res", {}).items():
        state.res[g.fidx[f]][g.ridx[r]] = v
    for (x, y), v in setup.get("trust", {}).items():
        state.trust[g.fidx[x] * g.n + g.fidx[y]] = state.trust[g.fidx[y] * g.n + g.fidx[x]] = v
    for t, v in setup.get("tracks", {}).items():
        state.tracks[g.tidx[t]] = v
    for k, who in setup.get("members", {}).items():
        state.members[g.kidx[k]] = bits.of(g.fidx[f] for f in who)
    state.flags.update(setup.get("flags", {}))
    if "rng" in setup:
        state.rng = setup["rng"]
    if "actions_left" in setup:
        state.actions_left = list(setup["actions_left"])
    if "proposals_left" in setup:
        state.proposals_left = list(setup["proposals_left"])
    for f, cards in setup.get("hands", {}).items():
        state.hands[g.fidx[f]] = tuple(g.cidx[c] for c in cards)
    for f, cards in setup.get("decks", {}).items():
        state.decks[g.fidx[f]] = [g.cidx[c] for c in cards]
    for f, cards in setup.get("discards", {}).items():
        state.discards[g.fidx[f]] = tuple(g.cidx[c] for c in cards)
    for c in setup.get("commitments", ()):
        state.commitments.append(Commitment(g.fidx[c[0]], g.fidx[c[1]], c[2], c[3], "test",
                                            tuple(g.fidx[x] for x in c[4])))


def snapshot(state) -> dict:
    """The parts of a state the rules change, by name."""
    g = state.game
    out: dict = {}
    for f in range(g.n):
        for r in range(len(g.resources)):
            out[f"res {g.factions[f]} {g.resources[r]}"] = state.res[f][r]
        out[f"hand {g.factions[f]}"] = len(state.hands[f])
        out[f"deck {g.factions[f]}"] = len(state.decks[f])
        out[f"discard {g.factions[f]}"] = len(state.discards[f])
    for t, v in zip(g.tracks, state.tracks):
        out[f"track {t}"] = v
    for i in range(g.n):
        for j in range(i + 1, g.n):
            out[f"trust {g.factions[i]} {g.factions[j]}"] = state.trust[i * g.n + j]
    for k, co in enumerate(g.coalitions):
        out[f"members {co.id}"] = [g.factions[f] for f in bits.members(state.members[k], g.n)]
    for flag, v in state.flags.items():
        out[f"flag {flag}"] = v
    out["commitments"] = sorted((g.factions[c.by], g.factions[c.toward], c.tag, c.rounds) for c in state.commitments)
    out["pending"] = [(d.kind, g.factions[d.faction]) for d in state.pending]
    out["outcome"] = state.outcome
    return out


def change(before: dict, after: dict) -> dict:
    """Numbers as differences, everything else as the new value; only what changed."""
    out = {}
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        out[key] = (b - (a or 0)) if isinstance(b, int) and key.split()[0] not in ("flag",) else b
    return out


PLAYED = {"hand a": -1, "discard a": 1}  # the card leaves a's hand for its discard pile

# id: (card, coalition, setup, steps, expected change). A step is "play"/"play:T" (a plays x, at
# T), "pass", ("answer", faction, option), ("propose", proposal terms, recipients) or a dict
# written into the state between steps. The expected change includes PLAYED for a play.
ROWS = {
    # resources: a loss clamps at the bound; `times` multiplies by a coalition's size
    "resource gain": ({"effects": [{"op": "resource", "resource": "economy", "delta": 2}]}, None, {},
                      ["play"], {**PLAYED, "res a economy": 2}),
    "resource loss clamps": ({"target": "faction", "effects": [
        {"op": "resource", "who": "target", "resource": "economy", "delta": -3}]}, None,
        {"res": {("b", "economy"): 1}}, ["play:b"], {**PLAYED, "res b economy": -1}),
    "resource times members": ({"effects": [{"op": "resource", "resource": "economy", "delta": 1,
                                             "times": {"members": "k"}}]}, K, {"members": {"k": ["a", "b"]}},
                               ["play"], {**PLAYED, "res a economy": 2}),
    # tracks and their thresholds, up and down, and war
    "track": ({"effects": [{"op": "track", "track": "rules", "delta": 2}]}, None, {}, ["play"],
              {**PLAYED, "track rules": 2}),
    "threshold up fires": ({"effects": [{"op": "track", "track": "tension", "delta": 1}]}, None,
                           {"tracks": {"tension": 7}}, ["play"], {**PLAYED, "track tension": 1, "track rules": -1}),
    "threshold up not crossed": ({"effects": [{"op": "track", "track": "tension", "delta": 1}]}, None,
                                 {"tracks": {"tension": 8}}, ["play"], {**PLAYED, "track tension": 1}),
    "threshold down fires": ({"effects": [{"op": "track", "track": "rules", "delta": -2}]}, None,
                             {"tracks": {"rules": 3}}, ["play"], {**PLAYED, "track rules": -2, "track tension": 1}),
    "war ends the game": ({"effects": [{"op": "track", "track": "tension", "delta": 1}]}, None,
                          {"tracks": {"tension": 9}}, ["play"],
                          {**PLAYED, "track tension": 1, "outcome": "war"}),
    # trust: one number per pair, clamped at its bounds
    "trust": ({"target": "faction", "effects": [{"op": "trust", "a": "actor", "b": "target", "delta": 2}]}, None,
              {}, ["play:b"], {**PLAYED, "trust a b": 2}),
    "trust clamps at max": ({"target": "faction", "effects": [{"op": "trust", "a": "actor", "b": "target",
                                                               "delta": 2}]}, None,
                            {"trust": {("a", "b"): 4}}, ["play:b"], {**PLAYED, "trust a b": 1}),
    "trust clamps at min": ({"target": "faction", "effects": [{"op": "trust", "a": "actor", "b": "target",
                                                               "delta": -3}]}, None,
                            {"trust": {("a", "b"): -4}}, ["play:b"], {**PLAYED, "trust a b": -1}),
    # transfer (a loss imposed: limited by what the giver has) and pay (a price: paid in full)
    "transfer limited": ({"target": "faction", "effects": [{"op": "transfer", "from": "target", "to": "actor",
                                                            "resource": "economy", "amount": 3}]}, None,
                         {"res": {("b", "economy"): 2}}, ["play:b"],
                         {**PLAYED, "res b economy": -2, "res a economy": 2}),
    "pay": ({"effects": [{"op": "pay", "resource": "economy", "amount": 3},
                         {"op": "track", "track": "rules", "delta": 1}]}, None, {}, ["play"],
            {**PLAYED, "res a economy": -3, "track rules": 1}),
    "pay to": ({"target": "faction", "effects": [{"op": "pay", "resource": "economy", "amount": 3, "to": "target"}]},
               None, {}, ["play:b"], {**PLAYED, "res a economy": -3, "res b economy": 3}),
    "pay exactly what it has": ({"effects": [{"op": "pay", "resource": "economy", "amount": 3},
                                             {"op": "track", "track": "rules", "delta": 1}]}, None,
                                {"res": {("a", "economy"): 3}}, ["play"],
                                {**PLAYED, "res a economy": -3, "track rules": 1}),
    "pay unaffordable": ({"effects": [{"op": "pay", "resource": "economy", "amount": 3},
                                      {"op": "track", "track": "rules", "delta": 1}]}, None,
                         {"res": {("a", "economy"): 2}}, ["play"], no("cost", cost=3, res="economy", f="a", has=2)),
    "card cost": ({"cost": 2, "effects": [{"op": "track", "track": "rules", "delta": 1}]}, None, {}, ["play"],
                  {**PLAYED, "res a influence": -2, "track rules": 1}),
    "card cost unaffordable": ({"cost": 2, "effects": [{"op": "track", "track": "rules", "delta": 1}]}, None,
                               {"res": {("a", "influence"): 1}}, ["play"], no("cost", cost=2, res="influence", f="a", has=1)),
    "cost and pay add up": ({"cost": 2, "effects": [{"op": "pay", "resource": "influence", "amount": 2},
                                                    {"op": "track", "track": "rules", "delta": 1}]}, None,
                            {"res": {("a", "influence"): 3}}, ["play"], no("cost", cost=4, res="influence", f="a", has=3)),
    # cards: draw (reshuffling the discard) and discard
    "draw": ({"effects": [{"op": "draw", "count": 1}]}, None, {}, ["play"], {"deck a": -1, "discard a": 1}),
    "draw reshuffles": ({"effects": [{"op": "draw", "count": 1}]}, None,
                        {"decks": {"a": []}, "discards": {"a": ["filler", "filler"]}}, ["play"],
                        {"discard a": -1, "deck a": 1}),
    "discard": ({"target": "faction", "effects": [{"op": "discard", "who": "target", "count": 1}]}, None, {},
                ["play:b"], {**PLAYED, "hand b": -1, "discard b": 1}),
    # coalitions: join pays its price and runs on_join; an imposed join that cannot be paid does
    # not happen; leave
    "join pays on_join": ({"effects": [{"op": "join", "coalition": "k"}]}, K, {}, ["play"],
                          {**PLAYED, "members k": ["a"], "res a economy": -2, "track rules": 1}),
    "join unaffordable": ({"effects": [{"op": "join", "coalition": "k"}]}, K, {"res": {("a", "economy"): 1}},
                          ["play"], no("cost", cost=2, res="economy", f="a", has=1)),
    "imposed join not paid for": ({"target": "faction", "effects": [
        {"op": "join", "who": "target", "coalition": "k"},
        {"op": "track", "track": "tension", "delta": -1}]}, K, {"res": {("b", "economy"): 1}}, ["play:b"],
        {**PLAYED, "track tension": -1}),
    "invite a member": ({"target": "faction", "effects": [{"op": "join", "who": "target", "coalition": "k"},
                                                          {"op": "track", "track": "tension", "delta": -1}]}, K,
                        {"members": {"k": ["b"]}}, ["play:b"], no("member", t="b", k="k")),
    "invite one who may not join": ({"target": "faction", "effects": [
        {"op": "join", "who": "target", "coalition": "k"}, {"op": "track", "track": "tension", "delta": -1}]}, K,
        {}, ["play:c"], no("may_not_join", t="c", k="k")),
    "leave": ({"effects": [{"op": "leave", "coalition": "k"}]}, K, {"members": {"k": ["a", "b"]}}, ["play"],
              {**PLAYED, "members k": ["b"]}),
    "each_round by size": ({"effects": [{"op": "track", "track": "rules", "delta": 1}]},
                           {**K, "each_round": [{"op": "resource", "resource": "economy", "delta": 1,
                                                 "times": {"members": "k"}}]},
                           {"members": {"k": ["a", "b"]}, "actions_left": [1, 0, 0]}, ["pass"],
                           {"res a economy": 2, "res b economy": 2}),
    # commitments: made, kept to the end, broken
    "commit": ({"target": "faction", "effects": [{"op": "commit", "toward": "target", "tag": "tariff",
                                                  "rounds": 2}]}, None, {}, ["play:b"],
               {**PLAYED, "commitments": [("a", "b", "tariff", 2)]}),
    "commitment kept": ({}, None, {"commitments": [("a", "b", "tariff", 1, ("a", "b"))],
                                   "actions_left": [1, 0, 0]}, ["pass"],
                        {"commitments": []}),
    "commitment broken": ({"target": "faction", "effects": [{"op": "resource", "who": "target",
                                                             "resource": "economy", "delta": -1}]}, None,
                          {"commitments": [("a", "b", "tariff", 2, ("a", "b"))]}, ["play:b"],
                          {**PLAYED, "res b economy": -1, "trust a b": -2, "track rules": -1, "commitments": []}),
    # flags: set, add
    "flag set": ({"effects": [{"op": "flag", "flag": "f", "value": 3}]}, None, {"flags": {"f": 1}}, ["play"],
                 {**PLAYED, "flag f": 3}),
    "flag add": ({"effects": [{"op": "flag", "flag": "f", "value": 2, "add": True}]}, None, {"flags": {"f": 1}},
                 ["play"], {**PLAYED, "flag f": 3}),
    # if / else, chance hit / miss
    "if then": ({"effects": [{"op": "if", "cond": {"test": "track", "track": "tension", "min": 5},
                              "then": [{"op": "track", "track": "rules", "delta": 1}],
                              "else": [{"op": "track", "track": "rules", "delta": -1}]}]}, None, {}, ["play"],
                {**PLAYED, "track rules": 1}),
    "if else": ({"effects": [{"op": "if", "cond": {"test": "track", "track": "tension", "min": 6},
                              "then": [{"op": "track", "track": "rules", "delta": 1}],
                              "else": [{"op": "track", "track": "rules", "delta": -1}]}]}, None, {}, ["play"],
                {**PLAYED, "track rules": -1}),
    "chance hit": ({"effects": [{"op": "chance", "percent": 50, "then": [{"op": "track", "track": "rules",
                                                                          "delta": 1}],
                                 "else": [{"op": "track", "track": "rules", "delta": -1}]}]}, None,
                   {"rng": HIT}, ["play"], {**PLAYED, "track rules": 1}),
    "chance miss": ({"effects": [{"op": "chance", "percent": 50, "then": [{"op": "track", "track": "rules",
                                                                           "delta": 1}],
                                  "else": [{"op": "track", "track": "rules", "delta": -1}]}]}, None,
                    {"rng": MISS}, ["play"], {**PLAYED, "track rules": -1}),
    # empty moves are not legal
    "empty: trust at max": ({"target": "faction", "effects": [{"op": "trust", "a": "actor", "b": "target",
                                                               "delta": 1}]}, None,
                            {"trust": {("a", "b"): 5}}, ["play:b"], no("empty")),
    "empty: condition off": ({"effects": [{"op": "if", "cond": {"test": "track", "track": "tension", "min": 7},
                                           "then": [{"op": "track", "track": "tension", "delta": -1}]}]}, None,
                             {}, ["play"], no("empty")),
    # choices and response options, their prices and joins
    "choice": ({"target": "faction", "effects": [{"op": "choice", "who": "target", "prompt": "?", "options": [
        {"id": "yes", "label": "Yes", "effects": [{"op": "track", "track": "rules", "delta": 1}]},
        {"id": "no", "label": "No"}]}]}, None, {}, ["play:b", ("answer", "b", "yes")],
        {**PLAYED, "track rules": 1}),
    "choice pending": ({"target": "faction", "effects": [{"op": "choice", "who": "target", "prompt": "?",
                                                          "options": [{"id": "no", "label": "No"}]}]}, None, {},
                       ["play:b"], {**PLAYED, "pending": [("choice", "b")]}),
    "response option paid": ({"target": "faction", "response": {"prompt": "?", "options": [
        {"id": "pay", "label": "Pay", "effects": [{"op": "pay", "resource": "economy", "amount": 3, "to": "actor"}]},
        {"id": "refuse", "label": "Refuse", "effects": [{"op": "trust", "a": "actor", "b": "target",
                                                         "delta": -1}]}]}}, None, {},
        ["play:b", ("answer", "b", "pay")], {**PLAYED, "res b economy": -3, "res a economy": 3}),
    "response option unaffordable": ({"target": "faction", "response": {"prompt": "?", "options": [
        {"id": "pay", "label": "Pay", "effects": [{"op": "pay", "resource": "economy", "amount": 3, "to": "actor"}]},
        {"id": "refuse", "label": "Refuse", "effects": [{"op": "trust", "a": "actor", "b": "target",
                                                         "delta": -1}]}]}}, None,
        {"res": {("b", "economy"): 2}}, ["play:b", ("answer", "b", "pay")],
        no("option_closed", option="pay", why=no("cost", cost=3, res="economy", f="b", has=2))),
    "invitation answered by a member": ({"target": "faction", "effects": [
        {"op": "track", "track": "tension", "delta": -1}], "response": {"prompt": "?", "options": [
            {"id": "join", "label": "Join", "effects": [{"op": "join", "who": "chooser", "coalition": "k"}]},
            {"id": "no", "label": "No"}]}}, {**K, "members": ["b"]}, {}, ["play:b"], no("member", t="b", k="k")),
    "answer's join blocked for a member": ({"effects": [{"op": "track", "track": "tension", "delta": -1}],
                                            "response": {"who": "b", "prompt": "?", "options": [
        {"id": "join", "label": "Join", "effects": [{"op": "join", "who": "chooser", "coalition": "k"}]},
        {"id": "no", "label": "No"}]}}, {**K, "members": ["b"]}, {}, ["play", ("answer", "b", "join")],
        no("option_closed", option="join", why=no("member", t="b", k="k"))),
    "answer's join pays": ({"effects": [{"op": "track", "track": "tension", "delta": -1}],
                            "response": {"who": "b", "prompt": "?", "options": [
        {"id": "join", "label": "Join", "effects": [{"op": "join", "who": "chooser", "coalition": "k"}]},
        {"id": "no", "label": "No"}]}}, K, {}, ["play", ("answer", "b", "join")],
        {**PLAYED, "track tension": -1, "members k": ["b"], "res b economy": -2, "track rules": 1}),
    # votes
    "vote passes": ({"vote": {"prompt": "?", "threshold": 2, "pass": [{"op": "track", "track": "rules", "delta": 2}],
                              "fail": [{"op": "track", "track": "rules", "delta": -1}]}}, None, {},
                    ["play", ("answer", "a", "yes"), ("answer", "b", "yes"), ("answer", "c", "no")],
                    {**PLAYED, "track rules": 2}),
    "vote fails": ({"vote": {"prompt": "?", "threshold": 2, "pass": [{"op": "track", "track": "rules", "delta": 2}],
                             "fail": [{"op": "track", "track": "rules", "delta": -1}]}}, None, {},
                   ["play", ("answer", "a", "yes"), ("answer", "b", "no"), ("answer", "c", "no")],
                   {**PLAYED, "track rules": -1}),
}

# proposals start at the first negotiation decision (a proposes)
GIFT = (Term("give", "a", "economy", "b", 2),)
DEALS = {
    "deal moves what it says": ([("propose", GIFT, ("b",)), ("answer", "b", "accept")], {},
                                {"res a economy": -2, "res b economy": 2, "trust a b": 1}),
    "gift beyond what the giver has": ([("propose", GIFT, ("b",))], {"res": {("a", "economy"): 1}},
                                       no("deal_short", a="a", has=1, resource="economy", n=2)),
    "deal that can no longer be honoured fails whole": (
        [("propose", GIFT, ("b",)), {"res": {("a", "economy"): 1}}, ("answer", "b", "accept")], {},
        {"res a economy": -4}),  # only the write: nothing moved, no trust
    "counter uses a proposal": ([("propose", GIFT, ("b",)), ("answer", "b", "counter"),
                                 ("propose", (Term("give", "b", "economy", "a", 1),), ("a",)),
                                 ("answer", "a", "accept")], {},
                                {"res a economy": 1, "res b economy": -1, "trust a b": 1}),
    "one counter beyond the proposals": ([("propose", GIFT, ("b",)), ("answer", "b", "counter"),
                                          ("propose", (Term("give", "b", "economy", "a", 1),), ("a",)),
                                          ("answer", "a", "accept")], {"proposals_left": [1, 0, 1]},
                                         {"res a economy": 1, "res b economy": -1, "trust a b": 1}),
    "no counter once they are used up": ([("propose", GIFT, ("b",)), ("answer", "b", "counter")],
                                         {"proposals_left": [1, -1, 1]},
                                         no("no_counter_left", f="b")),
}


def run_steps(state, steps):
    for step in steps:
        if isinstance(step, dict):
            state = state.clone()
            write(state, step)
            continue
        if isinstance(step, str):
            if step == "pass":
                action = pass_("a")
            else:
                action = play("a", "x", step.partition(":")[2])
        elif step[0] == "answer":
            action = answer(step[1], step[2])
        else:
            action = propose(current_decider(state), step[2], step[1])
        state, _ = apply(state, action)
    return state


def check(state, steps, expected):
    before = snapshot(state)
    if isinstance(expected, Problem):  # the last step is refused: by this rule, and nothing changes
        with pytest.raises(IllegalAction) as e:
            run_steps(state, steps)
        assert e.value.problem == expected, str(e.value)
        return
    if isinstance(expected, str):
        with pytest.raises(IllegalAction, match=expected.replace("(", r"\(").replace(")", r"\)")):
            run_steps(state, steps)
        return
    after = snapshot(run_steps(state, steps))
    got = change(before, after)
    want = {k: v for k, v in expected.items() if v != 0}
    assert got == want


@pytest.mark.parametrize("row", list(ROWS), ids=list(ROWS))
def test_rule(row):
    card, coalition, setup, steps, expected = ROWS[row]
    rs = ruleset(card, coalition)
    check(position(rs, **copy.deepcopy(setup)), steps, expected)


@pytest.mark.parametrize("row", list(DEALS), ids=list(DEALS))
def test_deal(row):
    steps, setup, expected = DEALS[row]
    rs = ruleset({"effects": [{"op": "track", "track": "rules", "delta": 1}]})
    state = position(rs, at="negotiate", **setup)
    assert current_decider(state) == "a" and decision_kind(state) == "negotiate"
    check(state, steps, expected)  # a write between steps shows as a change: 5 -> 1 Economy is -4


def test_counter_uses_one_of_the_counterers_proposals():
    rs = ruleset({"effects": [{"op": "track", "track": "rules", "delta": 1}]})
    state = position(rs, at="negotiate")
    state = run_steps(state, [("propose", GIFT, ("b",)), ("answer", "b", "counter")])
    b = state.game.fidx["b"]
    assert state.proposals_left[b] == 1 and decision_kind(state) == "counter"
    state = run_steps(state, [("propose", (Term("give", "b", "economy", "a", 1),), ("a",))])
    assert state.proposals_left[b] == 0
    # a used its proposal on its own offer; it may still counter once (extra_counters: 1) ...
    assert [x.option for x in legal_actions(state, "a")] == ["accept", "reject", "counter"]
    state = run_steps(state, [("answer", "a", "counter"), ("propose", (Term("give", "a", "economy", "b", 1),), ("b",))])
    assert state.proposals_left[state.game.fidx["a"]] == -1
    # ... and b once more; after that, neither may
    state = run_steps(state, [("answer", "b", "counter"), ("propose", GIFT, ("a",))])
    assert [x.option for x in legal_actions(state, "a")] == ["accept", "reject"]


@pytest.mark.parametrize("flagged,expected", [(False, 1), (True, 0)], ids=["no flag", "flag reduces"])
def test_miscalculation_flag_reduction(flagged, expected):
    """A flag named in flag_reduction takes its percent off the miscalculation chance."""
    rs = ruleset({"effects": [{"op": "track", "track": "rules", "delta": 1}]},
                 miscalculation={"track": "tension", "base": 100, "per_level": 0, "max": 100,
                                 "trust_reduction": 0, "flag_reduction": {"hotline": 100},
                                 "effects": [{"op": "track", "track": "tension", "delta": 1}]})
    state = position(rs, actions_left=[1, 0, 0], flags={"hotline": 1} if flagged else {}, tracks={"tension": 2})
    assert miscalculation_chance(state) == (0 if flagged else 100)
    check(state, ["pass"], {"track tension": expected})


def test_every_row_names_a_different_rule():
    """No two rows are the same test."""
    seen = {repr((r[0], r[1], r[2], r[3])) for r in ROWS.values()}
    assert len(seen) == len(ROWS)


def test_legal_actions_agree_with_the_table():
    """What the table finds illegal, legal_actions leaves out; what it plays, legal_actions lists."""
    for row, (card, coalition, setup, steps, expected) in ROWS.items():
        first = steps[0]
        if not isinstance(first, str) or first == "pass":
            continue
        state = position(ruleset(card, coalition), **copy.deepcopy(setup))
        target = first.partition(":")[2]
        listed = play("a", "x", target) in legal_actions(state, "a")
        illegal_play = isinstance(expected, (str, Problem)) and len(steps) == 1
        assert listed == (not illegal_play), row


# ---------------------------------------------------------------- scoring

SCORING = {
    "weights": {"economy": 2, "peace": 1},
    "objective": {"id": "rich", "name": "Rich", "text": "Economy 7+", "faction": "a", "points": 4,
                  "condition": {"test": "resource", "who": "actor", "resource": "economy", "min": 7}},
}


def scored(economy: int, tension: int, war_by: str = "") -> dict:
    from game.engine import scores
    data = ruleset({"effects": [{"op": "track", "track": "rules", "delta": 1}]}).model_dump(by_alias=True)
    data["factions"][0]["weights"] = SCORING["weights"]
    data["scoring"]["objectives"] = [SCORING["objective"]]
    data["scoring"]["war"] = {"everyone": -10, "trigger": -5}
    state = position(Ruleset.model_validate(data), res={("a", "economy"): economy}, tracks={"tension": tension})
    if war_by:
        state.over, state.outcome, state.war_by = True, "war", state.game.fidx[war_by]
    return dict(scores(state)["a"].terms)


@pytest.mark.parametrize("economy,tension,war_by,terms", [
    (6, 3, "", {"economy": 12, "peace": 7}),                                  # weights times values
    (7, 3, "", {"economy": 14, "peace": 7, "objective:rich": 4}),             # an objective met at its bound
    (7, 10, "b", {"economy": 14, "peace": 0, "objective:rich": 4, "war": -10}),  # war: everyone loses
    (6, 10, "a", {"economy": 12, "peace": 0, "war": -10, "war_trigger": -5}),    # the one who tipped it most
], ids=["weights", "objective", "war", "war trigger"])
def test_score_terms(economy, tension, war_by, terms):
    assert scored(economy, tension, war_by) == terms


def test_compiled_change_tests_agree_with_the_plain_reading():
    """legal_actions asks a compiled closure per effect list whether a move would change anything;
    it must answer as `prices.changes` reads the effects, on states from real play."""
    from pathlib import Path

    from game.ai.random_bot import RandomBot
    from game.engine import prices
    from game.rules.loader import load_ruleset
    rs = load_ruleset(Path(__file__).resolve().parent.parent / "rulesets" / "brief-2025.yaml")
    compared = differ = 0
    for seed in range(3):
        state, _ = new_game(rs, seed)
        g = state.game
        bots = {f: RandomBot(seed * 10 + i) for i, f in enumerate(g.factions)}
        while not state.over:
            for c, spec in enumerate(g.cards):
                lists = [spec.effects] + ([o.effects for o in spec.response.options] if spec.response else [])
                for t in range(-1, g.n):
                    roles = prices.Roles(state.turn_idx, t, t if t >= 0 else state.turn_idx)
                    for effects in lists:
                        compared += 1
                        differ += prices.changes_fn(g, effects)(state, roles) != prices.changes(state, effects, roles)
            f = current_decider(state)
            state, _ = apply(state, bots[f].choose(state, f)[0])
    assert compared > 10_000 and differ == 0
