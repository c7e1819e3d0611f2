"""Properties of random legal play: bounds, conservation, privacy of views, termination, determinism.

Over the small test ruleset, both default rulesets and variants of them that drop factions.
REDLINES_LONG_TESTS=1 plays many more games.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.random_bot import RandomBot
from game.engine import apply, current_decider, is_over, new_game, scores, view
from game.saves.snapshot import state_to_dict

ROOT = Path(__file__).resolve().parent.parent
LONG = os.environ.get("REDLINES_LONG_TESTS") == "1"
EXAMPLES = 150 if LONG else 6
# factions dropped from a default ruleset, and the ruleset they are dropped from
VARIANTS = {"drop-eu": ("brief-2025.yaml", ["eu"]),
            "drop-asean-south_korea": ("brief-2025-short.yaml", ["asean", "south_korea"])}
LISTS = {"cards": ("cards",), "events": ("events",), "coalitions": ("coalitions",),
         "objectives": ("scoring", "objectives")}


def drop_factions(base: str, drop: list[str]):
    """A variant of `base` without the factions `drop`, written as `extends` + `remove` text.

    The loader refuses a variant whose effects still name a removed faction, so whatever its
    errors point at (a card, event, coalition or objective that needs a removed faction, or a vote
    that needs more factions than are left) is removed too, until the variant loads.
    """
    import yaml

    from game.rules.errors import RulesetError
    from game.rules.loader import load_ruleset_text
    remove: dict[str, list[str]] = {"factions": list(drop), **{k: [] for k in LISTS}}
    files: dict[str, dict] = {}
    for _ in range(10):
        text = f"extends: {base}\nname: {base} without {', '.join(drop)}\nremove:\n" + "".join(
            f"  {k}: [{', '.join(v)}]\n" for k, v in remove.items() if v)
        try:
            return load_ruleset_text(text, str(ROOT / "rulesets" / "variant.yaml"))
        except RulesetError as e:
            errors = e.errors
        for err in errors:  # err.path indexes the lists of the file the error is in
            m = re.match(r"(cards|events|coalitions|scoring\.objectives)\[(\d+)\]", err.path)
            assert m, err.format()
            if err.file not in files:
                files[err.file] = yaml.safe_load(Path(err.file).read_text(encoding="utf-8"))
            kind = m.group(1).replace("scoring.", "")
            items = files[err.file]
            for key in LISTS[kind]:
                items = items[key]
            ident = items[int(m.group(2))]["id"]
            if ident not in remove[kind]:
                remove[kind].append(ident)
    raise AssertionError(f"could not drop {drop} from {base}")


def rulesets():
    from conftest import small_ruleset_dict
    from game.rules.schema import Ruleset
    out = {"small": Ruleset.model_validate(small_ruleset_dict())}
    try:
        from game.rules.loader import load_ruleset
    except ImportError:
        return out
    for name in ("brief-2025.yaml", "brief-2025-short.yaml"):
        path = ROOT / "rulesets" / name
        if path.exists():
            out[name] = load_ruleset(path)
    for name, (base, drop) in VARIANTS.items():
        if (ROOT / "rulesets" / base).exists():
            out[name] = drop_factions(base, drop)
            assert not set(drop) & {f.id for f in out[name].factions}
    return out


RULESETS = rulesets()


def check_invariants(state) -> None:
    g = state.game
    rs = g.ruleset
    for f in range(g.n):
        for r in range(len(g.resources)):
            assert g.rmin[r] <= state.res[f][r] <= g.rmax[r]
        owned = sorted([*state.decks[f], *state.hands[f], *state.discards[f], *state.removed[f]])
        assert owned == sorted(g.deck_cards[f]), "cards are conserved"
        assert len(state.hands[f]) <= rs.turn.hand_size + 10
    for t, track in enumerate(rs.tracks):
        assert track.min <= state.tracks[t] <= track.max
    assert all(rs.trust.min <= v <= rs.trust.max for v in state.trust)
    assert all(state.trust[a * g.n + b] == state.trust[b * g.n + a] for a in range(g.n) for b in range(g.n))
    events = sorted(state.event_deck + state.event_discard + state.events_gone + state.looming)
    assert events == list(range(len(g.events))), "events are conserved"
    assert state.round <= rs.turn.rounds


def check_view(state, faction: str) -> None:
    """The view, serialized, names no card in another hand that `faction` cannot know, and no other
    faction's secret objective (until the game is over and the scores show them)."""
    g = state.game
    me = g.fidx[faction]
    v = view(state, faction)
    assert v["hand"] == [g.cards[c].id for c in state.hands[me]]
    if state.over:
        v.pop("scores")
    words = set(re.findall(r"[A-Za-z0-9_]+", json.dumps(v, ensure_ascii=False)))  # ids are such words
    # what the viewer may know: its own cards, every discard, every played card, the card being
    # answered, and ids that are also public names (flags, events, tracks ...)
    known = {g.cards[c].id for c in [*state.hands[me], *state.decks[me], *state.removed[me]]}
    known |= {g.cards[c].id for f in range(g.n) for c in state.discards[f]}
    known |= {x for h in state.history for x in h if isinstance(x, str)}
    known |= set(state.flags) | {e.id for e in g.ruleset.events} | set(g.tracks) | set(g.resources)
    known |= set(g.factions) | {co.id for co in g.coalitions} | {o.id for o in g.objectives if not o.secret}
    if v["pending"]:
        known.add(v["pending"].get("card", ""))
    for f in range(g.n):
        if f == me:
            continue
        for c in state.hands[f]:
            cid = g.cards[c].id
            if cid not in known:
                assert cid not in words, f"{faction}'s view shows {g.factions[f]}'s card {cid}"
    for o in g.objectives:
        if o.secret and o.faction != faction:
            assert o.id not in words, f"{faction}'s view shows {o.faction}'s secret objective {o.id}"


def play_out(rs, seed: int, check_every: bool = True):
    state, log = new_game(rs, seed)
    bot = RandomBot(seed)
    actions = []
    limit = 20000
    while not is_over(state):
        action, _ = bot.choose(state, current_decider(state))
        actions.append(action)
        before = state_to_dict(state) if check_every else None
        new, ev = apply(state, action)
        if check_every:  # apply never changes the state it is given (clones share tuple rows)
            assert state_to_dict(state) == before, "apply changed its input state"
        state = new
        log.extend(ev)
        if check_every:
            check_invariants(state)
            check_view(state, state.game.factions[len(actions) % state.game.n])  # each in turn
        limit -= 1
        assert limit > 0, "game did not terminate"
    return state, log, actions


@pytest.mark.parametrize("name", sorted(RULESETS))
@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_random_play_keeps_invariants(name, seed):
    rs = RULESETS[name]
    state, log, _ = play_out(rs, seed)
    assert state.over and state.outcome in ("war", "completed", "collapse")
    assert 1 <= state.round <= rs.turn.rounds
    if state.outcome == "completed":
        assert state.round == rs.turn.rounds
    for f in state.game.factions:
        check_view(state, f)
    for sc in scores(state).values():
        assert sc.total == pytest.approx(sum(v for _, v in sc.terms))
    assert log[-1]["type"] == "game_over"


@pytest.mark.parametrize("name", sorted(RULESETS))
@settings(max_examples=max(2, EXAMPLES // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_same_seed_same_game(name, seed):
    rs = RULESETS[name]
    a, log_a, acts_a = play_out(rs, seed, check_every=False)
    b, log_b, acts_b = play_out(rs, seed, check_every=False)
    assert acts_a == acts_b and log_a == log_b and a == b
    # replaying the same actions from the seed reproduces the game
    state, _ = new_game(rs, seed)
    for act in acts_a:
        state, _ = apply(state, act)
    assert state == a


def test_view_check_finds_leaks(monkeypatch):
    """check_view is not blind: a view that shows every hand, or a secret objective, fails it."""
    rs = RULESETS.get("brief-2025.yaml") or pytest.skip("no default ruleset")
    state, _ = new_game(rs, 3)
    g = state.game
    assert all(re.fullmatch(r"\w+", c.id) for r in RULESETS.values() for c in r.cards)  # see check_view
    check_view(state, "japan")
    real = view
    leaks = {"hands": lambda s, f: {**real(s, f), "debug": [s.hand(o) for o in g.factions]},
             "secret": lambda s, f: {**real(s, f), "objectives": [o.id for o in g.objectives]}}
    for name, leaky in leaks.items():
        monkeypatch.setattr(f"{__name__}.view", leaky)
        with pytest.raises(AssertionError, match="view shows"):
            check_view(state, "japan")
