"""The view leak check, for any data sent to a viewer: no card in another faction's hand that the
viewer cannot know (by id or by name, in either language), no other faction's secret objective.

`check_view` in test_properties.py checks engine views; this checks whole protocol frames."""
from __future__ import annotations

import json
import re


def public_cards(events) -> set[int]:
    """Cards that have been shown to everyone: played or discarded in `events` ((step, event) pairs)."""
    return {e["card"] for _s, e in events if e.get("type") in ("play", "discard") and e.get("card")}


def leaks(state, faction: str, data, shown: set[str] = frozenset()) -> list[str]:
    """What `data` (any JSON-able value sent to `faction`, "" for the projector) reveals that it
    must not, given the state it was built from; `shown` are card ids made public so far."""
    g = state.game
    me = g.fidx.get(faction, -1)
    text = json.dumps(data, ensure_ascii=False)
    words = set(re.findall(r"[A-Za-z0-9_]+", text))
    known = set(shown) | {g.cards[c].id for f in range(g.n) for c in state.discards[f]}
    if me >= 0:
        known |= {g.cards[c].id for c in [*state.hands[me], *state.decks[me], *state.removed[me]]}
    if state.pending and state.pending[0].kind in ("response", "vote") and state.pending[0].ref >= 0:
        known.add(g.cards[state.pending[0].ref].id)
    found = []
    catalogue = _public_strings(g.ruleset)

    def named(n: str) -> bool:
        """`n` occurs in the text other than inside a longer public text of the ruleset (a card
        named 'America First Tariffs' does not reveal the objective 'America First')."""
        if n not in text:
            return False
        t = text
        for m in _containing(catalogue, n):
            t = t.replace(m, "")
        return n in t

    names = {c.id: [v for v in ((c.name.get("en"), c.name.get("ja")) if isinstance(c.name, dict) else (c.name,)) if v]
             for c in g.ruleset.cards}
    for f in range(g.n):
        if f == me:
            continue
        for c in state.hands[f]:
            cid = g.cards[c].id
            if cid in known:
                continue
            if cid in words:
                found.append(f"{g.factions[f]}'s card {cid}")
            for n in names.get(cid, []):
                if len(n) > 3 and named(n):
                    found.append(f"{g.factions[f]}'s card {cid} by name '{n}'")
    for o in g.ruleset.scoring.objectives:
        if o.secret and o.faction != faction:
            if o.id in words:
                found.append(f"{o.faction}'s secret objective {o.id}")
            for n in (o.name.values() if isinstance(o.name, dict) else [o.name]):
                if n and len(n) > 3 and named(n):
                    found.append(f"{o.faction}'s secret objective {o.id} by name '{n}'")
    return found


_strings: dict = {}


def _public_strings(ruleset) -> list[str]:
    """Every text of the ruleset outside its objectives (card, event, option texts ...)."""
    key = id(ruleset)
    if key not in _strings:
        data = ruleset.model_dump(mode="json")
        data.get("scoring", {}).pop("objectives", None)
        out: list[str] = []

        def walk(x):
            if isinstance(x, str):
                out.append(x)
            elif isinstance(x, dict):
                for v in x.values():
                    walk(v)
            elif isinstance(x, list):
                for v in x:
                    walk(v)
        walk(data)
        _strings[key] = sorted(set(out), key=len, reverse=True)
    return _strings[key]


_contains: dict = {}


def _containing(catalogue: list[str], n: str) -> list[str]:
    key = (id(catalogue), n)
    if key not in _contains:
        _contains[key] = [m for m in catalogue if n in m and m != n]
    return _contains[key]
