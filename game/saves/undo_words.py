"""What an undo took back, in the player's words, for the terminal and the window alike."""
from __future__ import annotations

from game.engine import Names

WORDS = {
    "en": {
        "play": "your play of {card}", "play_on": "your play of {card} on {target}", "pass": "your pass",
        "propose": "your proposal to {to}", "answer": "your answer",
        "own_more": "{n} more of your moves", "own_more_1": "1 more of your moves",
        "others": "the {n} AI moves after it", "others_1": "the AI move after it",
        "took": "Took back {what}.", "and": " and ", "sep": ", ",
    },
    "ja": {
        "play": "あなたの「{card}」", "play_on": "あなたの{target}への「{card}」", "pass": "あなたのパス",
        "propose": "あなたの{to}への提案", "answer": "あなたの回答",
        "own_more": "あなたの他の{n}手", "own_more_1": "あなたの他の1手",
        "others": "その後のAIの{n}手", "others_1": "その後のAIの1手",
        "took": "{what}を取り消しました。", "and": "と", "sep": "、",
    },
}


def _w(key: str, lang: str, **kw) -> str:
    text = WORDS.get(lang, WORDS["en"]).get(key) or WORDS["en"][key]
    return text.format(**kw) if kw else text


def own_move(action: dict, names: Names, lang: str = "en") -> str:
    """One of the player's own actions (a dict of the log): 'your play of Leaders' Dialogue'."""
    kind = action.get("kind")
    if kind == "play":
        card = names.card(action.get("card", ""))
        if action.get("target"):
            return _w("play_on", lang, card=card, target=names.faction(action["target"]))
        return _w("play", lang, card=card)
    if kind == "propose":
        to = (action.get("proposal") or {}).get("recipients") or []
        return _w("propose", lang, to=_w("sep", lang).join(names.faction(f) for f in to))
    return _w("pass" if kind == "pass" else "answer", lang)


def took_back(removed: list[dict], faction: str, names: Names, lang: str = "en") -> str:
    """'Took back your play of Leaders' Dialogue and the 3 AI moves after it.'"""
    own = [a for a in removed if a.get("faction") == faction]
    others = len(removed) - len(own)
    if not own:
        return _w("took", lang, what=_w("others", lang, n=others))
    parts = [own_move(own[0], names, lang)]
    if len(own) > 1:
        parts.append(_w("own_more_1", lang) if len(own) == 2 else _w("own_more", lang, n=len(own) - 1))
    if others:
        parts.append(_w("others_1", lang) if others == 1 else _w("others", lang, n=others))
    what = parts[0] if len(parts) == 1 else _w("sep", lang).join(parts[:-1]) + _w("and", lang) + parts[-1]
    return _w("took", lang, what=what)
