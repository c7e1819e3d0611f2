"""What each viewer of a room is sent: the one projection every outgoing byte goes through.

A seat's payload is `view(state, faction)`; the projector's is `public_view`, which is a seat's
view with everything that seat alone may see taken out. Log lines carry an audience (None: all;
else the factions that may read them): a proposal and its answers only to its parties, a ballot's
reason only to the voter."""
from __future__ import annotations

from game.engine import view, describe_event as describe, DecisionKind, State, pending

PRIVATE_KEYS = ("hand", "objectives", "pending", "proposals", "my_ballot", "my_score")
PARTY_EVENTS = ("proposal", "accept", "reject")
FACILITATOR = "*facilitator*"   # an audience member that is no faction: sees every line


def public_view(state: State) -> dict:
    """The table as the whole room may see it: a seat's view without its private parts."""
    g = state.game
    v = view(state, g.factions[0])
    for key in PRIVATE_KEYS:
        v.pop(key, None)
    v["viewer"] = ""
    v["objectives"] = [o.id for o in g.objectives if not o.secret]
    return v


_WORDS = {
    "vote": ("{f} casts a ballot.", "{f}が投票した。"),
    "injected": ("The facilitator injects a crisis: {e}.", "進行役が危機を投入：{e}。"),
    "ended": ("The facilitator ends round {r} early.", "進行役が第{r}ラウンドを早めに終えた。"),
    "timeout": ("Time ran out: the AI answered for {f}.", "時間切れ：AIが{f}の代わりに答えた。"),
    "absent": ("{f}'s team is not connected: the AI answered for {f}.",
               "{f}のチームが接続していない：AIが{f}の代わりに答えた。"),
}


def _two(key: str, game, **kw) -> tuple[str, str]:
    from game.engine import Names
    en, ja = _WORDS[key]
    names = {lang: Names(game, lang) for lang in ("en", "ja")}
    return (en.format(**{k: names["en"].faction(v) if k == "f" else v for k, v in kw.items()}),
            ja.format(**{k: names["ja"].faction(v) if k == "f" else v for k, v in kw.items()}))


def log_items(before: State, action: dict, events: list[dict], step: int, reason: str, ai: bool,
              parties: dict[int, tuple[str, ...]], timeout: bool | str = False) -> list[dict]:
    """The log lines of one applied action, each with its audience (`aud`). `parties` maps open
    proposal ids to their parties and is updated from the events. `timeout` says why the AI
    answered a team's decision (True: its clock ran out, "absent": the team was away)."""
    g = before.game
    actor = action.get("faction", "")
    kind = action.get("kind")
    p = pending(before)
    items: list[dict] = []

    def add(en: str | None, ja: str | None, aud, why: str = "") -> None:
        if en:
            items.append({"step": step, "who": actor, "ai": ai, "en": en, "ja": ja or en, "reason": why, "aud": aud})

    if timeout:  # True: the decision clock ran out; "absent": the team was away too long
        add(*_two("absent" if timeout == "absent" else "timeout", g, f=actor), None)
    private_reason = None if kind in ("play", "pass", "answer") else [actor]
    if p.source == "proposal":
        private_reason = list(parties.get(p.proposal, (actor,)))
    if kind == "propose":
        recipients = tuple((action.get("proposal") or {}).get("recipients", ()))
        private_reason = [actor, *recipients]
    if p.kind == DecisionKind.VOTE and kind == "answer":
        add(*_two("vote", g, f=actor), None)
        private_reason = [actor]
    if kind == "inject":
        en, ja = _two("injected", g, e="")
        names = [describe({"type": "event", "event": action.get("option", "")}, g, lang) for lang in ("en", "ja")]
        add(_WORDS["injected"][0].format(e=names[0]), _WORDS["injected"][1].format(e=names[1]), None)
    if kind == "end_round":
        add(*_two("ended", g, r=before.round), None)
    reason_given = False
    for ev in events:
        t = ev.get("type")
        if t in ("injected", "round_ended_early"):
            continue
        aud = None
        if t == "proposal":
            parties[ev["id"]] = (ev["from"], *ev["to"])
            aud = list(parties[ev["id"]])
        elif t in ("accept", "reject"):
            aud = list(parties.get(ev["id"], (actor,)))
        elif t == "deal":
            parties.pop(ev["id"], None)
        en, ja = describe(ev, g, "en"), describe(ev, g, "ja")
        if not en:
            continue
        why = ""
        if reason and not reason_given and t in ("play", "pass", "answer", "proposal", "accept", "reject"):
            reason_given = True
            if private_reason is None or aud is not None:
                why = reason   # the line itself is as public as the reason may be
            else:
                add(en, ja, aud)
                add("(" + (reason or "") + ")", None, private_reason, "")
                continue
        add(en, ja, aud, why)
    if reason and not reason_given:
        add("(" + reason + ")", None, private_reason)
    return items


def visible(item: dict, viewer: str) -> bool:
    """Whether `viewer` (a faction, "" for the projector, FACILITATOR) may read a log item."""
    aud = item.get("aud")
    return aud is None or viewer == FACILITATOR or viewer in aud


def seat_payload(state: State, faction: str) -> dict:
    return view(state, faction) if faction else public_view(state)
