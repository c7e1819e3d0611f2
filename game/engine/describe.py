"""One readable line per event, for logs, the GUI and the debrief. Pure: returns text, prints nothing."""
from __future__ import annotations

from game.engine.compiled import Compiled
from game.rules.schema import text_of

_PHASES = {
    "en": {"event": "Event phase", "negotiation": "Negotiation", "actions": "Actions", "resolution": "Resolution"},
    "ja": {"event": "イベント", "negotiation": "交渉", "actions": "行動", "resolution": "解決"},
}
_WORDS = {
    "en": {"round": "Round {n}", "war": "WAR. {by} crossed the threshold: a shared defeat.",
           "war_events": "WAR. Events crossed the threshold: a shared defeat.",
           "completed": "The game is over: peace was kept.", "collapse": "The international order collapsed.",
           "looms": "A crisis looms, face down.", "misc": "Miscalculation! ({chance}% chance)",
           "paralysed": "{f} has lost domestic support and loses its actions this round.",
           "collapse_support": "{f}'s domestic support collapsed.",
           "pass": "{f} passes.", "deal": "Deal: {a} and {b} agree.",
           "broken": "{f} breaks its promise to {t} (no {tag} cards) by playing {card}.",
           "kept": "{f} kept its promise to {t} (no {tag} cards).",
           "vote_open": "{f} calls a vote: {card} ({n} yes needed).",
           "vote": "Vote on {card}: {yes} yes, {result}. Ballots: {ballots}.",
           "passed": "passed", "failed": "failed",
           "proposal": "{f} proposes to {to}: {terms}.", "accept": "{f} accepts.",
           "reject": "{f} rejects the proposal.", "counter": "{f} rejects and will counter.",
           "join": "{f} joins {k} ({n} members).", "leave": "{f} leaves {k}.",
           "commitment": "{f} promises {t}: no {tag} cards for {n} rounds.",
           "threshold": "{track} reaches {at}.",
           "cost": " (cost {n} {res})", "pay": "  {f} pays {n} {res} → {v}, the price of {cause}",
           "pay_plain": "  {f} pays {n} {res} → {v}", "deal_failed": "The deal falls through: {why}.",
           "deal_failed_plain": "The deal falls through.", "payout": "{k}, {n} members",
           "income": "income", "by_support": "recovering support",
           "threshold_cause": "{track} at {at}"},
    "ja": {"round": "第{n}ラウンド", "war": "戦争。{by}が一線を越えた。全員の敗北。",
           "war_events": "戦争。出来事が一線を越えさせた。全員の敗北。",
           "completed": "ゲーム終了：平和は守られた。", "collapse": "国際秩序が崩壊した。",
           "looms": "危機が迫っている（伏せ札）。", "misc": "偶発的衝突！（確率{chance}%）",
           "paralysed": "{f}は国内の支持を失い、このラウンドの行動を失う。",
           "collapse_support": "{f}の国内支持が崩壊した。",
           "pass": "{f}はパス。", "deal": "合意：{a}と{b}。",
           "broken": "{f}が{t}への約束（{tag}を使わない）を破り、{card}を使った。",
           "kept": "{f}は{t}への約束（{tag}を使わない）を守った。",
           "vote_open": "{f}が採決を求める：{card}（賛成{n}票が必要）。",
           "vote": "{card}の採決：賛成{yes}、{result}。投票：{ballots}。",
           "passed": "可決", "failed": "否決",
           "proposal": "{f}が{to}に提案：{terms}。", "accept": "{f}が受諾。",
           "reject": "{f}が提案を拒否。", "counter": "{f}が拒否し、対案を出す。",
           "join": "{f}が{k}に参加（{n}か国）。", "leave": "{f}が{k}を離脱。",
           "commitment": "{f}は{t}に約束：{n}ラウンド{tag}を使わない。",
           "threshold": "{track}が{at}に達した。",
           "cost": "（コスト{res}{n}）", "pay": "  {f}が{res}{n}を支払う → {v}（{cause}の代償）",
           "pay_plain": "  {f}が{res}{n}を支払う → {v}", "deal_failed": "取引は成立しなかった：{why}。",
           "deal_failed_plain": "取引は成立しなかった。", "payout": "{k}、{n}か国",
           "income": "収入", "by_support": "支持の回復",
           "threshold_cause": "{track}が{at}"},
}


FAMILY_JA = {"tariff": "関税", "threat": "脅し", "coalition": "連合", "dialogue": "対話",
             "deterrence": "抑止", "aid": "援助", "deal": "取引"}


class Names:
    """Id-to-name lookups in one language."""

    def __init__(self, game: Compiled, lang: str = "en") -> None:
        self.g = game
        self.lang = lang if lang in _WORDS else "en"
        rs = game.ruleset
        self._f = {f.id: text_of(f.name, lang) for f in rs.factions}
        self._r = {r.id: text_of(r.name, lang) for r in rs.resources}
        self._t = {t.id: text_of(t.name, lang) for t in rs.tracks}
        self._c = {c.id: text_of(c.name, lang) for c in rs.cards}
        self._e = {e.id: text_of(e.name, lang) for e in rs.events}
        self._k = {k.id: text_of(k.name, lang) for k in rs.coalitions}

    def faction(self, fid: str) -> str:
        """A faction's name (its id when the ruleset has none)."""
        return self._f.get(fid, fid)

    def resource(self, rid: str) -> str:
        """A resource's name."""
        return self._r.get(rid, rid)

    def track(self, tid: str) -> str:
        """A track's name."""
        return self._t.get(tid, tid)

    def card(self, cid: str) -> str:
        """A card's name."""
        return self._c.get(cid, cid)

    def event(self, eid: str) -> str:
        """An event's name."""
        return self._e.get(eid, eid)

    def coalition(self, kid: str) -> str:
        """A coalition's name."""
        return self._k.get(kid, kid)

    def tag(self, tag: str) -> str:
        """A card family in words ('threat' -> '脅しカード' in Japanese); other tags as they are."""
        if self.lang == "ja":
            return f"{FAMILY_JA[tag]}カード" if tag in FAMILY_JA else tag
        return tag

    def terms(self, terms) -> str:
        """A proposal's terms in words, joined as the language joins a list."""
        return ("、" if self.lang == "ja" else "; ").join(self.term(t) for t in terms)

    def term(self, t: dict) -> str:
        """A proposal term in words."""
        a = self.faction(t["a"])
        b = self.faction(t.get("b", ""))
        if t["kind"] == "give":
            return (f"{a}が{b}に{self.resource(t['what'])}{t['amount']}を渡す" if self.lang == "ja"
                    else f"{a} gives {b} {t['amount']} {self.resource(t['what'])}")
        if t["kind"] == "promise":
            return (f"{a}は{b}に{self.tag(t['what'])}を使わない" if self.lang == "ja"
                    else f"{a} plays no {t['what']} cards against {b}")
        if t["kind"] == "join":
            return (f"{a}が{self.coalition(t['what'])}に参加" if self.lang == "ja"
                    else f"{a} joins {self.coalition(t['what'])}")
        return str(t)


def _option_label(game: Compiled, ev: dict, lang: str) -> str:
    src = ev.get("src", -1)
    if 0 <= src < len(game.sources):
        for o in game.sources[src][1]:
            if o.id == ev["option"]:
                return text_of(o.label, lang)
    return ev["option"]


def describe(event: dict, game, lang: str = "en") -> str | None:
    """A log line for `event`, or None for bookkeeping events not worth showing and for event
    types this version does not know (or whose fields it cannot read).

    `game` is a Compiled ruleset or a State (its `.game` is used).
    """
    try:
        return _describe(event, game, lang)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def _describe(event: dict, game, lang: str) -> str | None:
    g: Compiled = getattr(game, "game", game)
    n = Names(g, lang)
    w = _WORDS[n.lang]
    t = event.get("type")
    f = n.faction(event.get("faction", ""))
    if t == "round":
        return w["round"].format(n=event["round"])
    if t == "phase":
        return "— " + _PHASES[n.lang].get(event["phase"], event["phase"]) + " —"
    if t == "play":
        card = n.card(event["card"])
        cost = ""
        if event.get("cost"):
            cost = w["cost"].format(n=event["cost"], res=n.resource(g.resources[g.cost_r]))
        if event.get("target"):
            return (f"{f}が{n.faction(event['target'])}に「{card}」{cost}" if n.lang == "ja"
                    else f"{f} plays {card} on {n.faction(event['target'])}{cost}.")
        return f"{f}が「{card}」{cost}" if n.lang == "ja" else f"{f} plays {card}{cost}."
    if t == "pass":
        return w["pass"].format(f=f)
    if t == "event":
        return (f"出来事：{n.event(event['event'])}" if n.lang == "ja" else f"Event: {n.event(event['event'])}.")
    if t == "crisis_looms":
        return w["looms"]
    if t == "answer":
        label = _option_label(g, event, lang)
        return f"{f}：「{label}」" if n.lang == "ja" else f"{f} answers: “{label}”."
    if t == "resource":
        d = event["delta"]
        return f"  {f} {n.resource(event['resource'])} {d:+d} → {event['value']}"
    if t == "track":
        return f"  {n.track(event['track'])} {event['delta']:+d} → {event['value']}"
    if t == "trust":
        label = "信頼" if n.lang == "ja" else "trust"
        return f"  {label} {n.faction(event['a'])}–{n.faction(event['b'])} {event['delta']:+d} → {event['value']}"
    if t == "transfer":
        return (f"  {n.faction(event['from'])} → {n.faction(event['to'])}: "
                f"{event['amount']} {n.resource(event['resource'])}")
    if t == "threshold":  # a consequence of what moved the track, and the cause of what follows
        msg = event.get("message")
        head = w["threshold_cause"].format(track=n.track(event["track"]), at=event["at"])
        return f"  [{head}] " + (text_of(msg, lang) if msg else w["threshold"].format(track=n.track(event["track"]),
                                                                                      at=event["at"]))
    if t == "game_over":
        if event["outcome"] == "war":
            return w["war"].format(by=n.faction(event["by"])) if event.get("by") else w["war_events"]
        return w.get(event["outcome"], event["outcome"])
    if t == "miscalculation":
        return w["misc"].format(chance=event["chance"])
    if t == "paralysed":
        return w["paralysed"].format(f=f)
    if t == "support_collapse":
        return w["collapse_support"].format(f=f)
    if t == "proposal":
        terms = n.terms(event["terms"])
        return w["proposal"].format(f=n.faction(event["from"]), to=", ".join(n.faction(x) for x in event["to"]),
                                    terms=terms)
    if t == "accept":
        return w["accept"].format(f=f)
    if t == "reject":
        return w["counter" if event.get("counter") else "reject"].format(f=f)
    if t == "deal":
        return w["deal"].format(a=n.faction(event["from"]), b=", ".join(n.faction(x) for x in event["to"]))
    if t == "commitment":
        return w["commitment"].format(f=n.faction(event["by"]), t=n.faction(event["toward"]), tag=n.tag(event["tag"]),
                                      n=event["rounds"])
    if t == "commitment_broken":
        return w["broken"].format(f=n.faction(event["by"]), t=n.faction(event["toward"]), tag=n.tag(event["tag"]),
                                  card=n.card(event["card"]))
    if t == "commitment_kept":
        return w["kept"].format(f=n.faction(event["by"]), t=n.faction(event["toward"]), tag=n.tag(event["tag"]))
    if t == "join":
        return w["join"].format(f=f, k=n.coalition(event["coalition"]), n=event["members"])
    if t == "leave":
        return w["leave"].format(f=f, k=n.coalition(event["coalition"]))
    if t == "vote_open":
        return w["vote_open"].format(f=n.faction(event["by"]), card=n.card(event["card"]), n=event["threshold"])
    if t == "pay":
        return w["pay_plain"].format(f=f, n=event["amount"], res=n.resource(event["resource"]), v=event["value"])
    if t == "deal_failed":
        why = event.get("why") or event.get("reason") or event.get("problem")
        return w["deal_failed"].format(why=why) if isinstance(why, str) and why else w["deal_failed_plain"]
    if t == "vote_result":
        ballots = ", ".join(f"{n.faction(k)} {v}" for k, v in event["ballots"].items())
        return w["vote"].format(card=n.card(event["card"]), yes=event["yes"],
                                result=w["passed" if event["passed"] else "failed"], ballots=ballots)
    return None


# ---------------------------------------------------------------- the log, cause by cause

# Events that start a new group: every event after one of these, up to the next, is what it
# caused (the engine appends an action's or a phase's consequences right after their cause).
CAUSES = frozenset({
    "round", "phase", "play", "pass", "answer", "proposal", "accept", "reject", "deal_failed",
    "event", "crisis_looms", "miscalculation", "vote_open", "ballot", "vote_result", "commitment_broken",
    "commitment_kept", "payout", "income", "support_collapse", "paralysed", "round_end", "game_over", "setup",
    "miscalculation_check",
})
# consequences whose line names the cause at its end when the group has no headline of its own
_SUFFIXED = frozenset({"payout", "income", "support_collapse"})


class LogLine(tuple):
    """(text, detail, index): a line of the log, whether it is an indented consequence, and the
    index of the event it was made from (the first one, for merged trust lines)."""

    __slots__ = ()

    def __new__(cls, text: str, detail: bool, index: int):
        return super().__new__(cls, (text, detail, index))

    text = property(lambda self: self[0])
    detail = property(lambda self: self[1])
    index = property(lambda self: self[2])


def _cause_name(head: dict | None, g: Compiled, n: Names, lang: str) -> str:
    """The cause of a group in a few words (a card, an answer, an event), for 'pay' lines."""
    if head is None:
        return ""
    t = head.get("type")
    if t == "play":
        return n.card(head.get("card", ""))
    if t == "answer":
        return f"“{_option_label(g, head, lang)}”"
    if t == "event":
        return n.event(head.get("event", ""))
    if t in ("accept", "proposal"):
        return "取引" if n.lang == "ja" else "the deal"
    return ""


def log_lines(events: list[dict], game, lang: str = "en", start: int = 0) -> list[LogLine]:
    """The log of `events`, each consequence under the event that caused it: a card's cost on
    its line, a price paid named as the price of its cause, a coalition's payout with the
    coalition and its size, income as income, and trust (one number per pair) once per pair and
    cause. `start` is added to the indices (the position of `events[0]` in the whole log)."""
    g: Compiled = getattr(game, "game", game)
    n = Names(g, lang)
    w = _WORDS[n.lang]
    out: list[LogLine] = []
    i = 0
    while i < len(events):
        head = events[i] if events[i].get("type") in CAUSES else None
        j = i + 1 if head is not None else i
        while j < len(events) and events[j].get("type") not in CAUSES:
            j += 1
        out.extend(_group(head, events, i, j, start, g, n, w, lang))
        i = j
    return out


def _group(head, events, hi: int, end: int, start: int, g, n: Names, w: dict, lang: str) -> list[LogLine]:
    """The lines of one cause (`events[hi]`, or None when the list opens with consequences) and
    of what it caused (the events up to `end`)."""
    out: list[LogLine] = []
    body = list(range(hi + 1 if head is not None else hi, end))
    suffix = ""
    if head is not None:
        ht = head.get("type")
        if ht == "payout":
            suffix = w["payout"].format(k=n.coalition(head.get("coalition", "")), n=head.get("members", 0))
        elif ht == "income":
            suffix = w["income"]
        else:
            line = describe(head, g, lang)
            if line:
                out.append(LogLine(line, line.startswith("  "), start + hi))
            if ht == "support_collapse":
                suffix = w["by_support"]
        # a deal's own line comes first, then what it moved
        if ht == "accept":
            deal = next((k for k in body if events[k].get("type") == "deal"), None)
            if deal is not None:
                body.remove(deal)
                out.append(LogLine(describe(events[deal], g, lang) or "", False, start + deal))
    cause = _cause_name(head, g, n, lang)
    trust_at: dict[tuple[str, str], int] = {}
    merged: dict[int, list[dict]] = {}
    order: list[int] = []
    for k in body:
        ev = events[k]
        if ev.get("type") == "trust" and "a" in ev and "b" in ev:
            pair = tuple(sorted((ev["a"], ev["b"])))
            if pair in trust_at:
                merged[trust_at[pair]].append(ev)
                continue
            trust_at[pair] = k
            merged[k] = [ev]
        order.append(k)
    for k in order:
        ev = events[k]
        t = ev.get("type")
        if t == "trust":
            evs = merged[k]
            d = sum(e.get("delta", 0) for e in evs)
            if d == 0 and len(evs) > 1:
                continue  # up and down again within one cause: nothing changed
            a, b = sorted((ev["a"], ev["b"]), key=lambda x: g.fidx.get(x, 0))
            line = describe({"type": "trust", "a": a, "b": b, "delta": d, "value": evs[-1].get("value")}, g, lang)
        elif t == "pay" and cause:
            line = w["pay"].format(f=n.faction(ev.get("faction", "")), n=ev.get("amount", 0),
                                   res=n.resource(ev.get("resource", "")), v=ev.get("value", ""), cause=cause)
        else:
            line = describe(ev, g, lang)
        if not line:
            continue
        detail = line.startswith("  ")
        if suffix and detail:
            line = f"{line} ({suffix})" if n.lang != "ja" else f"{line}（{suffix}）"
        out.append(LogLine(line, detail, start + k))
    return out

