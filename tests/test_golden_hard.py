"""The hard bot's golden trace: seeded all-hard games (bench.trace --hard 3) play as they did.

The search bot reads the score through `scoring.Scorer`; a change there that moves any of its
values moves these games. When play is meant to change, regenerate and say why in the commit:
    .venv/bin/python -m bench.trace --hard 3 > tests/golden_hard.json
"""
from __future__ import annotations

import json
from pathlib import Path

from bench.trace import hard_fingerprint

GOLDEN = Path(__file__).resolve().parent / "golden_hard.json"


def test_all_hard_games_match_the_golden_trace():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = hard_fingerprint(len(expected))
    changed = sorted(k for k in expected if got.get(k) != expected[k])
    assert not changed, (f"hard-bot play changed in {', '.join(changed)}; if that is meant, regenerate with "
                         "`.venv/bin/python -m bench.trace --hard 3 > tests/golden_hard.json` and say why")
