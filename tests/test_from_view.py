"""game.ai.from_view: a state built from a seat's view alone offers that seat the same choices as
the real game, so a bot playing over the network chooses among the moves the server accepts."""
from __future__ import annotations

from pathlib import Path

from game.ai.bots import make_bot
from game.ai.from_view import state_from_view
from game.engine import action_id, apply, current_decider, legal_ids, legal_mask, new_game, view
from game.rules.loader import load_ruleset

SHORT = load_ruleset(Path(__file__).resolve().parent.parent / "rulesets" / "brief-2025-short.yaml")


def test_the_view_state_offers_the_same_legal_ids_and_reveals_nothing_hidden():
    for seed in (1, 2):
        state, _ = new_game(SHORT, seed)
        decisions = 0
        seen = set()
        while not state.over:
            f = current_decider(state)
            v = view(state, f)
            guess = state_from_view(SHORT, v, seed=7)
            assert legal_ids(guess, f) == legal_ids(state, f), (v["decision"], f)
            assert guess.hand(f) == state.hand(f) and guess.tracks == state.tracks
            seen.add(v["decision"])
            act, _ = make_bot("normal", f, seed).choose(guess, f)
            assert legal_mask(state, f, [action_id(act)]) == [True]  # listed, or a proposal the rules accept
            decisions += 1
            state, _ = apply(state, make_bot("normal", f, seed).choose(state, f)[0])
        assert decisions > 50 and {"negotiate", "act", "choice"} <= seen


def test_other_hands_in_the_view_state_come_from_what_the_view_shows():
    state, _ = new_game(SHORT, 4)
    g = state.game
    guess_a = state_from_view(SHORT, view(state, "japan"), seed=1)
    guess_b = state_from_view(SHORT, view(state.clone(), "japan"), seed=1)
    assert guess_a.hands == guess_b.hands  # a function of the view (and the seed) only
    for f in range(g.n):
        assert len(guess_a.hands[f]) == len(state.hands[f])
