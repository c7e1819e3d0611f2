"""The log explains itself: every consequence under its cause, a card's cost on its line, a price
as the price of its cause, payouts with the coalition and its size, trust once per pair."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli.play import load_ruleset_file
from game.engine.compiled import compile_ruleset
from game.engine.describe import describe, log_lines
from game.ui.demo import ai_actions

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def brief():
    rs, _ = load_ruleset_file(str(ROOT / "rulesets" / "brief-2025.yaml"))
    return rs


@pytest.fixture(scope="module")
def game(brief):
    return compile_ruleset(brief)


@pytest.fixture(scope="module")
def played(brief):
    _, s = ai_actions(brief, 5, stop=lambda st: st.round >= 4)
    return s


def texts(events, game, lang="en"):
    return [ln.text for ln in log_lines(events, game, lang)]


def test_a_mutual_trust_change_is_one_line_per_pair(game):
    evs = [{"type": "play", "faction": "asean", "card": "asean_centrality", "target": "", "cost": 1, "tags": []},
           {"type": "trust", "a": "asean", "b": "japan", "delta": 1, "value": 4},
           {"type": "resource", "faction": "asean", "resource": "influence", "delta": 2, "value": 6},
           {"type": "trust", "a": "japan", "b": "asean", "delta": 1, "value": 5}]
    lines = texts(evs, game)
    assert lines == ["ASEAN plays ASEAN Centrality (cost 1 Influence).",
                     "  trust Japan–ASEAN +2 → 5",
                     "  ASEAN Influence +2 → 6"]
    # a change that went up and back within one cause is not shown at all
    evs2 = evs[:1] + [{"type": "trust", "a": "us", "b": "china", "delta": 1, "value": 1},
                      {"type": "trust", "a": "china", "b": "us", "delta": -1, "value": 0}]
    assert texts(evs2, game) == lines[:1]
    # two causes: one line each
    evs3 = evs[:2] + [evs[0], evs[3]]
    assert sum("trust" in x for x in texts(evs3, game)) == 2


def test_no_pair_is_logged_twice_for_one_cause_in_a_real_game(played, game):
    evs = [e for _, e in played.events]
    lines = log_lines(evs, game)
    heads = [i for i, ln in enumerate(lines) if not ln.detail] + [len(lines)]
    for a, b in zip(heads, heads[1:]):
        pairs = [tuple(sorted(re.match(r"  trust (.+) [+-]\d+ → -?\d+", ln.text).group(1).split("–")))
                 for ln in lines[a + 1:b] if ln.text.startswith("  trust ")]
        assert len(pairs) == len(set(pairs)), lines[a:b]
    # and the case happens in this game: some cause moved one pair's trust twice
    assert any(e["type"] == "trust" for e in evs)


def test_a_card_line_names_its_cost_and_a_price_its_cause(game):
    evs = [{"type": "play", "faction": "japan", "card": "cptpp_leadership", "target": "", "cost": 1, "tags": []},
           {"type": "pay", "faction": "japan", "resource": "economy", "amount": 2, "value": 4},
           {"type": "resource", "faction": "japan", "resource": "influence", "delta": 1, "value": 6}]
    assert texts(evs, game) == ["Japan plays CPTPP Leadership (cost 1 Influence).",
                                "  Japan pays 2 Economy → 4, the price of CPTPP Leadership",
                                "  Japan Influence +1 → 6"]
    ja = texts(evs, game, "ja")
    assert "（コスト影響力1）" in ja[0]
    assert "代償" in ja[1]


def test_resolution_payouts_name_the_coalition_and_its_size_and_income_is_income(played, game):
    lines = texts([e for _, e in played.events], game)
    res = [x for x in lines if re.search(r"\((APEC|CPTPP|EU–ASEAN Partnership|WTO Appeal Arrangement|"
                                         r"Public Goods Fund), \d members\)$", x)]
    assert res, "no coalition paid out in four rounds"
    assert any(x.endswith("(income)") for x in lines)
    # every resource change in a resolution phase says where it came from
    in_res = under_threshold = False
    for x in lines:
        if x.startswith("— "):
            in_res = x == "— Resolution —"
        if not x.startswith("  "):
            under_threshold = False
        elif x.startswith("  ["):  # a threshold's marker: the changes below it are its effects
            under_threshold = True
        elif in_res and not under_threshold and re.match(r"  .+ [+-]\d+ → \d+", x) and "trust" not in x \
                and "Tension" not in x and "International Rules" not in x:
            assert x.endswith(")"), x


def test_events_of_unknown_types_or_shapes_never_break_the_log(game):
    evs = [{"type": "answer", "faction": "japan", "option": "x", "src": 99999},
           {"type": "deal_failed", "id": 3, "why": "Japan no longer has 2 Economy"},
           {"type": "something_new", "x": 1},
           {"type": "resource", "faction": "japan"},  # fields missing
           {"type": "deal_failed"}]
    lines = texts(evs, game)
    assert "The deal falls through: Japan no longer has 2 Economy." in lines
    assert "The deal falls through." in lines
    assert describe({"type": "something_new"}, game) is None


def test_the_terminal_and_the_window_log_use_the_grouped_lines(played):
    from game.cli.terminal import Text
    from game.ui.match import Match
    evs = [e for _, e in played.events]
    t = Text(played.state).event_lines(evs)
    m = Match(played, speed="skip")
    shown = [("  " if ln.detail else "") + ln.text for ln in m.log("en")]
    assert any("(cost " in x for x in t) and any("(cost " in x for x in shown)
    assert any("members)" in x for x in shown)
