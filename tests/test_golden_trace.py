"""The golden trace: a fingerprint of how the engine and the bots play (bench.trace, two seeded
games per ruleset, level and language). It changes only when play is meant to change.

When a change of rules or bots is meant to change play, regenerate it and say why in the commit:
    .venv/bin/python -m bench.trace --games 2 > tests/golden_trace.json
"""
from __future__ import annotations

import json
from pathlib import Path

from bench.trace import fingerprint

GOLDEN = Path(__file__).resolve().parent / "golden_trace.json"


def test_play_matches_the_golden_trace():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = fingerprint(2)
    changed = sorted(k for k in expected if got.get(k) != expected[k])
    assert not changed, (f"play changed in {', '.join(changed)}; if that is meant, regenerate with "
                         "`.venv/bin/python -m bench.trace --games 2 > tests/golden_trace.json` and say why in the commit")
