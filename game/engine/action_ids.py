"""Stable action ids: one canonical string per action, the same in every game of a ruleset.

Front ends that cannot hold engine objects (a browser, an outside agent) name actions by id:

    play:<card>            play:<card>:<target>
    answer:<option>        pass
    propose:<canonical JSON of the proposal: {"recipients": [...], "terms": [...]}>
    inject:<event>         end_round             (the facilitator's, see game.engine.facilitator)

Card, faction, option and event ids are plain words, so ':' never occurs inside one. A proposal's
JSON has sorted keys and no spaces, so the same bundle always has the same id. `action_from_id`
only parses; whether the action is legal now is the engine's `why_not` / `apply` to say.

The string ids are the stable encoding: there is no fixed numbering of every action of a
ruleset per faction (a proposal may carry any bundle, so such a numbering would be either
enormous or incomplete). An agent that wants a mask over its own list of candidates asks
`legal_mask`.
"""
from __future__ import annotations

import json
import re

from game.engine.actions import ANSWER, END_ROUND, INJECT, PASS, PLAY, PROPOSE, Action, IllegalAction, Proposal
from game.engine.core import is_legal, legal_actions
from game.engine.state import State


MAX_ID_CHARS = 4096  # a proposal of the largest bundle a ruleset allows is a few hundred characters
_WORD = re.compile(r"[A-Za-z0-9_\-]{1,80}")


def _canonical(data: object) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def action_id(action: Action) -> str:
    """The canonical id of `action` (its faction is not part of it: the seat says who acts)."""
    k = action.kind
    if k == PLAY:
        return f"play:{action.card}:{action.target}" if action.target else f"play:{action.card}"
    if k == ANSWER:
        return f"answer:{action.option}"
    if k == PASS:
        return "pass"
    if k == PROPOSE:
        return "propose:" + _canonical(action.proposal.to_dict() if action.proposal else {})
    if k == INJECT:
        return f"inject:{action.option}"
    if k == END_ROUND:
        return "end_round"
    raise ValueError(f"unknown action kind '{k}'")


def _word(text: str, what: str) -> str:
    if not _WORD.fullmatch(text):
        raise IllegalAction(f"'{text[:40]}' is not a {what} id")
    return text


def action_from_id(state: State, faction: str, ident: str) -> Action:
    """The action `faction` means by `ident`; raises IllegalAction when the id is malformed.

    A proposal id may carry any bundle, not only one from the legal list: the engine judges it."""
    if not isinstance(ident, str) or not ident or len(ident) > MAX_ID_CHARS:
        raise IllegalAction("an action id is a non-empty string of at most "
                            f"{MAX_ID_CHARS} characters")
    head, _, rest = ident.partition(":")
    if head == "pass" and not rest and ident == "pass":
        return Action(PASS, faction)
    if head == "play":
        card, _, target = rest.partition(":")
        _word(card, "card")
        if target:
            _word(target, "faction")
        return Action(PLAY, faction, card=card, target=target)
    if head == "answer":
        return Action(ANSWER, faction, option=_word(rest, "option"))
    if head == "propose":
        try:
            data = json.loads(rest)
            if not isinstance(data, dict) or set(data) != {"recipients", "terms"}:
                raise ValueError
            if not isinstance(data["recipients"], list) or not isinstance(data["terms"], list):
                raise ValueError
            for r in data["recipients"]:
                _word(r if isinstance(r, str) else "", "faction")
            terms = []
            for t in data["terms"]:
                if not isinstance(t, dict) or not set(t) <= {"kind", "a", "what", "b", "amount"}:
                    raise ValueError
                for key in ("kind", "a", "what"):
                    _word(t.get(key) if isinstance(t.get(key), str) else "", "term")
                if "b" in t:
                    _word(t["b"] if isinstance(t["b"], str) else "", "faction")
                amount = t.get("amount", 0)
                if type(amount) is not int or not -1000 <= amount <= 1000:
                    raise ValueError
                terms.append(t)
            proposal = Proposal.from_dict({"recipients": data["recipients"], "terms": terms})
        except IllegalAction:
            raise
        except (ValueError, TypeError, KeyError):
            raise IllegalAction("a proposal id is 'propose:' and JSON of the form "
                                '{"recipients": [...], "terms": [{"kind", "a", "what", "b", "amount"}]}') from None
        return Action(PROPOSE, faction, proposal=proposal)
    if head == "inject":
        return Action(INJECT, faction, option=_word(rest, "event"))
    if head == "end_round" and ident == "end_round":
        return Action(END_ROUND, faction)
    raise IllegalAction(f"'{ident[:40]}' is not an action id (play:, answer:, propose:, pass)")


def legal_ids(state: State, faction: str) -> list[str]:
    """`legal_actions` as ids, in the same order (complete except for proposals, a menu: any
    bundle `why_not` accepts may be sent; see `legal_mask`).

    Ids are remembered per compiled ruleset (its actions are mostly the same objects every time)."""
    cache = state.game.action_ids
    out = []
    for a in legal_actions(state, faction):
        i = cache.get(a)
        if i is None:
            i = action_id(a)
            if len(cache) < 50_000:
                cache[a] = i
        out.append(i)
    return out


def legal_mask(state: State, faction: str, ids: list[str]) -> list[bool]:
    """For each id of `ids`, whether `faction` may take that action now: an id `legal_ids`
    lists, or a proposal the rules accept though the menu does not offer it. A malformed id is
    simply not legal."""
    listed = set(legal_ids(state, faction))
    out = []
    for ident in ids:
        if ident in listed:
            out.append(True)
        elif isinstance(ident, str) and ident.startswith("propose:") and listed:
            try:
                out.append(is_legal(state, action_from_id(state, faction, ident)))
            except IllegalAction:
                out.append(False)
        else:
            out.append(False)
    return out
