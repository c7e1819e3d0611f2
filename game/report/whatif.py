"""The what-if part of a debrief: per key moment a small chart of the alternatives side by side,
one plain sentence and the brief's passage the moment tests; per recommendation of the brief a
line on whether its choice, where the table faced it, measurably led towards peace and rules;
per accepted deal its worth to each party beside the deals the same parties could have made
(a scatter with the frontier). Draws with matplotlib (Agg); nothing here prints."""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib

from game.engine import Names
from game.report.files import ReportError, prepare_dir, write_text
from game.report.charts import _save, _style
from game.report.document import Document, to_markdown
from game.report.recommendations import ORDER, RECS, SOURCE
from game.rules.schema import text_of
from game.sim.whatif import possessive, short_label

from matplotlib.figure import Figure  # noqa: E402  (after game.report.charts chose the Agg backend)

ACTUAL, OTHER, GOOD = "#2B59C3", "#A7B4C8", "#3C9D3C"

# the section's words: key -> (English, Japanese)
W = {
    "h": ("What if? The key moments played out", "もしも？ 分かれ目の別の選択を試す"),
    "intro": ("At each moment below the other choices were played out {runs} times with bots ('{bot}') in every "
              "seat, from the true position at that moment; run k of every alternative drew the same cards, events "
              "and dice (seed {seed}). Intervals are 95% (Wilson for war rates).",
              "以下の各場面で、別の選択をそれぞれ{runs}回、全席をAI（{bot}）にして、その時点の実際の局面から最後まで"
              "試した。どの選択でもk回目は同じカード・イベント・サイコロを引く（シード{seed}）。区間は95%"
              "（戦争率はWilson区間）。"),
    "none": ("No key moment was found in this game.", "このゲームには分かれ目が見つからなかった。"),
    "moment_h": ("Step {s}, round {r}: {f} — {what}", "手{s}・第{r}ラウンド：{f} — {what}"),
    "img": ("The alternatives at step {s}", "手{s}の選択肢"),
    "head": ("Alternative|War|Rules|Tension|{f} score|Rank", "選択|戦争|国際ルール|緊張|{f}の得点|順位"),
    "actual_row": ("In the game itself", "実際のゲーム"),
    "war": ("war", "戦争"), "no_war": ("no war", "戦争なし"),
    "brief": ("the brief", "提言"),
    "recs_h": ("The brief's recommendations, tested", "提言の検証"),
    "recs_intro": ("Each line compares the recommended choice with the other at the moments above where the "
                   "table faced it (paired continuations).",
                   "上の場面のうち、提言の選択を迫られた場面で、提言どおりの選択と別の選択を比べる（対になった続き）。"),
    "rec_none": ("The table did not face this choice among the analysed moments.",
                 "分析した場面の中に、この選択を迫られた場面はなかった。"),
    "rec_line": ("step {s} (round {r}), {f}: {rec} ({took}) against {other}: war {a}% vs {b}% (paired difference "
                 "{d} points [{lo}, {hi}]), Rules {rm} [{rlo}, {rhi}]: {verdict}",
                 "手{s}（第{r}ラウンド）、{f}：{rec}（{took}）と{other}の比較：戦争{a}%対{b}%（対の差{d}ポイント"
                 "［{lo}, {hi}］）、国際ルール{rm}［{rlo}, {rhi}］：{verdict}"),
    "took": ("the table took it", "実際に選んだ"), "not_took": ("the table did not", "実際には選ばなかった"),
    "v_towards": ("measurably towards {x}", "{x}に向けて測れる差があった"),
    "v_away": ("measurably away from {x}", "{x}から遠ざかる測れる差があった"),
    "v_mixed": ("measurably towards {x} but away from {y}", "{x}には近づいたが{y}からは遠ざかった"),
    "v_none": ("no measurable difference", "測れる差はなかった"),
    "peace": ("peace", "平和"), "rules": ("rules", "ルール"), "and": (" and ", "と"),
    "deals_h": ("Deals against the frontier", "合意とフロンティア"),
    "deals_intro": ("Each accepted deal's worth to each party is measured by continuations (accepting against "
                    "rejecting its last acceptance, paired runs); the other offers the same proposer could have made "
                    "to the same recipients at that moment are valued by the bots' own deal valuation (continuations "
                    "for each would be too slow), as is the deal in the chart.",
                    "成立した合意の各当事者にとっての価値は、続きの試行で測る（最後の受諾を受け入れた場合と拒否した"
                    "場合の対の比較）。同じ提案者が同じ相手にその時点でできた他の提案は、AIの合意評価で値をつける"
                    "（提案ごとに試行するには遅すぎるため）。図の合意も同じ評価による。"),
    "deal_h": ("Round {r}, step {s}: {parties} — {text}", "第{r}ラウンド・手{s}：{parties} — {text}"),
    "worth": ("Worth by continuations (score with the deal minus without): {worth}.",
              "続きの試行による価値（合意ありの得点−なし）：{worth}。"),
    "deal_img": ("Deal {id} against the frontier", "合意{id}とフロンティア"),
    "valued": ("By the bots' valuation the deal was worth {vals}: {where} of {n} possible offers.",
               "AIの評価では、この合意の価値は{vals}：可能な{n}通りの提案の{where}。"),
    "on": ("on the frontier", "フロンティア上"), "inside": ("inside the frontier", "フロンティアの内側"),
    "better": (" Worth more to every party: {text} ({vals}).", "全当事者にとってより価値のある提案：{text}（{vals}）。"),
    "no_better": (" No offer was worth more to every party.", "全当事者にとってより価値のある提案はなかった。"),
    "sentence": ("", "{f}が{alt}を選んでいたら、{n}回の続きのうち戦争になったのは{a}%（実際の選択では{b}%）で、"
                     "{f}の得点は{score}{rules}。"),
    "no_other": ("", "{f}には他の選択肢がなかった。"),
    "rose": ("", "{d:.1f}上がった"), "fell": ("", "{d:.1f}下がった"), "same": ("", "変わらなかった"),
    "rules_d": ("", "（国際ルール{d:+.1f}）"),
    "c_war": ("War rate (%)", "戦争率（%）"), "c_rules": ("International Rules", "国際ルール"),
    "c_score": ("{f} score", "{f}の得点"),
    "c_title": ("Step {s}, round {r}: {f}{what} (blue: the choice made; {n} continuations each, 95% intervals)",
                "手{s}・第{r}ラウンド：{f}{what}（青：実際の選択；各{n}回、95%区間）"),
    "c_offers": ("possible offers", "可能な提案"), "c_frontier": ("frontier", "フロンティア"),
    "c_better": ("better for every party", "全員により良い"), "c_made": ("the deal made", "成立した合意"),
    "c_value": ("value to {f}", "{f}にとっての価値"),
    "c_deal": ("Round {r}: deal {id} against the frontier (bots' valuation)",
               "第{r}ラウンド：合意{id}とフロンティア（AIの評価）"),
}


def w(key: str, lang: str, **kw) -> str:
    en, ja = W[key]
    return (ja if lang == "ja" else en).format(**kw)


def _f(names: Names, fid: str, lang: str) -> str:
    """A faction's name as the owner of something: 'Japan's', 'United States'' (Japanese: the name)."""
    return names.faction(fid) if lang == "ja" else possessive(names.faction(fid))


def alt_label(g, m: dict, a: dict, names: Names, lang: str) -> str:
    """An alternative in a few words in `lang`: '“Comply”' / '「従う」', 'pass', a card's name."""
    if lang != "ja":
        return _bare(a["label"])
    act = a["action"]
    kind = act.get("kind")
    if kind == "answer":
        if m.get("src", -1) >= 0:
            opt = next((o for o in g.sources[m["src"]][1] if o.id == act["option"]), None)
            if opt is not None:
                text = text_of(opt.label, "ja").split("（", 1)[0].split(" (", 1)[0].split("：", 1)[0]
                return f"「{text.strip()}」"
        return {"yes": "「賛成」", "no": "「反対」", "accept": "「受け入れる」", "reject": "「拒否する」",
                "counter": "「対案を出す」"}.get(act["option"], act["option"])
    if kind == "play":
        on = f"（{names.faction(act['target'])}に）" if act.get("target") else ""
        return f"「{names.card(act['card'])}」{on}"
    if kind == "propose":
        return f"「{names.terms(act['proposal']['terms'])}」"
    return "「パス」"


def sentence_in(m: dict, g, names: Names, lang: str) -> str:
    """The moment's plain sentence in `lang` (English: the analysis's own)."""
    if lang != "ja":
        return m["sentence"]
    alts = m["alternatives"]
    who = names.faction(m["decider"])
    if len(alts) < 2:
        return w("no_other", lang, f=who)
    def size(a):
        d = a["vs_actual"]
        return abs(d["war"]["mean"]) + abs(d["score"]["mean"]) / 10 + abs(d["rules"]["mean"]) / 5
    alt = max(alts[1:], key=size)
    d = alt["vs_actual"]["score"]["mean"]
    dr = alt["vs_actual"]["rules"]["mean"]
    score = w("same", lang) if abs(d) < 0.05 else w("rose" if d > 0 else "fell", lang, d=abs(d))
    return w("sentence", lang, f=who, alt=alt_label(g, m, alt, names, lang), n=alt["runs"],
             a=f"{100 * alt['war']['rate']:.0f}", b=f"{100 * alts[0]['war']['rate']:.0f}", score=score,
             rules=w("rules_d", lang, d=dr) if abs(dr) >= 0.05 else "")
MULTILATERAL = ("multilateral", "wto", "cptpp", "coalition", "partners", "together")


def _wrap(text: str, width: int = 18) -> str:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def _wrap_chars(text: str, width: int = 12) -> str:
    """Japanese has no spaces to break at: at most three lines of `width` characters."""
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    if len(lines) > 1 and len(lines[-1]) <= 2:  # never a closing bracket alone on a line
        lines[-2:] = [lines[-2] + lines[-1]]
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def _bare(label: str) -> str:
    """A short label without its leading verb: '“Comply”', 'pass', 'Dialogue on Japan'."""
    text = short_label(label)
    head, _, rest = text.partition(" ")
    return rest if head in ("answer", "play", "vote") and rest else text


def moment_chart(path: Path, m: dict, names: Names, lang: str = "en") -> Path:
    """Three small panels (war rate, final International Rules, the decider's score), one bar
    per alternative with its 95% interval and its value; the choice made in blue."""
    alts = m["alternatives"]
    g = names.g
    labels = [_wrap(alt_label(g, m, a, names, lang), 24) if lang != "ja" else _wrap_chars(alt_label(g, m, a, names, lang))
              for a in alts]
    colors = [ACTUAL if a["actual"] else OTHER for a in alts]
    panels = [(w("c_war", lang), "{:.0f}%", [100 * a["war"]["rate"] for a in alts],
               [(100 * (a["war"]["rate"] - a["war"]["lo"]), 100 * (a["war"]["hi"] - a["war"]["rate"])) for a in alts]),
              (w("c_rules", lang), "{:.1f}", [a["rules"]["mean"] for a in alts],
               [(a["rules"]["mean"] - a["rules"]["lo"], a["rules"]["hi"] - a["rules"]["mean"]) for a in alts]),
              (w("c_score", lang, f=_f(names, m["decider"], lang)), "{:.1f}", [a["score"]["mean"] for a in alts],
               [(a["score"]["mean"] - a["score"]["lo"], a["score"]["hi"] - a["score"]["mean"]) for a in alts])]
    n = len(alts)
    with matplotlib.rc_context(_style() | {"font.size": 10, "axes.titlesize": 11}):
        fig = Figure(figsize=(10, 1.5 + 0.62 * n), dpi=100)
        axes = fig.subplots(1, 3, sharey=True)
        ys = list(range(n))[::-1]
        for k, (ax, (title, fmt, vals, err)) in enumerate(zip(axes, panels)):
            ax.barh(ys, vals, color=colors, height=0.6, xerr=list(zip(*err)), capsize=3, ecolor="#333")
            ax.set_title(title)
            ax.grid(axis="x", alpha=0.3)
            lo = min(v - e[0] for v, e in zip(vals, err))
            hi = max(v + e[1] for v, e in zip(vals, err))
            if k == 0:  # war rates: from zero
                left, right = 0.0, max(10.0, hi * 1.25)
            else:
                pad = max(0.5, (hi - lo) * 0.35)
                left, right = lo - pad, hi + pad
            ax.set_xlim(left, right)
            for y, v, e in zip(ys, vals, err):
                ax.text(min(v + e[1], right) + (right - left) * 0.02 if v + e[1] < right * 0.85 + left * 0.15
                        else left + (right - left) * 0.02, y, fmt.format(v), va="center", fontsize=9,
                        color="#111")
        axes[0].set_yticks(ys, labels)
        fig.suptitle(w("c_title", lang, s=m["step"], r=m["round"], f=names.faction(m["decider"]),
                       what=" — " + m["what"] if m.get("what") else "", n=alts[0]["runs"]), fontsize=11)
        fig.subplots_adjust(left=0.2, right=0.98, top=1 - 0.55 / (1.5 + 0.62 * n),
                            bottom=0.45 / (1.5 + 0.62 * n), wspace=0.12)
        return _save(fig, path)


def deal_chart(path: Path, deal: dict, names: Names, lang: str = "en") -> Path:
    """Every offer the proposer could have made to the same recipients: value to the proposer
    against value to the first recipient (bots' valuation); the frontier joined, the deal made
    a red star, an offer better for every party green."""
    parties = deal["value_parties"]
    offers = deal["offers"]
    with matplotlib.rc_context(_style() | {"font.size": 10, "axes.titlesize": 11}):
        fig = Figure(figsize=(5.6, 4.4), dpi=100)
        ax = fig.add_axes((0.14, 0.13, 0.82, 0.76))
        ax.scatter([o["values"][0] for o in offers], [o["values"][1] for o in offers], s=14, color="#999",
                   label=w("c_offers", lang))
        front = sorted((o["values"][0], o["values"][1]) for o in offers if o["frontier"])
        if front:
            ax.plot([p[0] for p in front], [p[1] for p in front], color="#D98E04", marker="o", ms=4, lw=1.5,
                    label=w("c_frontier", lang))
        better = deal.get("better_for_all")
        if better:
            ax.scatter([better["values"][0]], [better["values"][1]], s=90, color=GOOD, zorder=3,
                       label=w("c_better", lang))
        mv = deal["made_values"]
        ax.scatter([mv[0]], [mv[1]], s=180, marker="*", color="#B00020", zorder=4, label=w("c_made", lang))
        ax.set_xlabel(w("c_value", lang, f=names.faction(parties[0])))
        ax.set_ylabel(w("c_value", lang, f=names.faction(parties[1])))
        ax.set_title(w("c_deal", lang, r=deal["round"], id=deal["id"]))
        ax.grid(alpha=0.3)
        ax.legend(loc="best", fontsize=8)
        return _save(fig, path)


# ---------------------------------------------------------------------------- recommendations
def _recommended(key: str, m: dict) -> list[int]:
    """Indices of the alternatives at moment `m` that follow recommendation `key` ([] when the
    moment does not test it)."""
    alts = m["alternatives"]
    if key == "cost_sharing" and m["topic"] == "threat":
        return [i for i, a in enumerate(alts) if a["hint"] == "defy"]
    if key == "tariffs" and m["topic"] == "tariff":
        return [i for i, a in enumerate(alts) if a["hint"] == "cooperate"
                or any(k in a["label"].lower() for k in MULTILATERAL)]
    if key == "taiwan" and m["topic"] == "crisis" and (m["decider"] == "japan" or "taiwan" in m["event"]):
        return [i for i, a in enumerate(alts) if a["hint"] in ("concede", "cooperate")]
    if key == "deterrence" and m["decision"] == "act":
        return [i for i, a in enumerate(alts) if a["role"] == "pass" or "dialogue" in a.get("tags", ())]
    if key == "partners":
        if m["topic"] == "vote":
            return [i for i, a in enumerate(alts) if a["action"].get("option") == "yes"] if "coalition" in m["tags"] else []
        if m["topic"] == "broken":
            return [i for i, a in enumerate(alts) if not a["actual"]]
    return []


def _pts(x: float) -> str:
    """A difference of rates in percentage points, signed, never '-0'."""
    v = round(100 * x)
    return f"{v:+d}" if v else "0"


def _signed(x: float) -> str:
    """+0.51, -0.10, never '-0.00'."""
    return f"{0.0 if abs(x) < 0.005 else x:+.2f}"


def _diff(m: dict, r: int, o: int, what: str) -> dict:
    """The paired difference recommended (r) minus other (o) in `what`, from the alternatives'
    differences from the choice made."""
    alts = m["alternatives"]
    dr = alts[r]["vs_actual"][what]
    do = alts[o]["vs_actual"][what]
    if alts[o]["actual"]:
        return dr
    if alts[r]["actual"]:
        return {"mean": -do["mean"], "lo": -do["hi"], "hi": -do["lo"]}
    return {"mean": dr["mean"] - do["mean"], "lo": None, "hi": None}  # not used: one side is always the choice made


def _verdict(war: dict, rules: dict, lang: str = "en") -> str:
    """Whether a paired difference (recommended minus other) measurably lowered war or raised Rules
    (its 95% interval excludes 0), in words."""
    towards = [w(k, lang) for k, ok in (("peace", war["hi"] < 0), ("rules", rules["lo"] > 0)) if ok]
    away = [w(k, lang) for k, bad in (("peace", war["lo"] > 0), ("rules", rules["hi"] < 0)) if bad]
    if towards and away:
        return w("v_mixed", lang, x=towards[0], y=away[0])
    if towards:
        return w("v_towards", lang, x=w("and", lang).join(towards))
    if away:
        return w("v_away", lang, x=w("and", lang).join(away))
    return w("v_none", lang)


def recommendation_lines(rep: dict, names: Names, lang: str = "en") -> list[tuple[str, str]]:
    """(recommendation title, one line) for each of the brief's five recommendations."""
    out = []
    g = names.g
    for key in ORDER:
        title = RECS[key]["ja" if lang == "ja" else "en"][0]
        parts = []
        for m in rep["moments"]:
            rec = _recommended(key, m)
            alts = m["alternatives"]
            if not rec or len(rec) == len(alts):
                continue
            actual_rec = 0 in rec
            if actual_rec:
                r = 0
                others = [i for i in range(len(alts)) if i not in rec]
                o = max(others, key=lambda i: abs(alts[i]["vs_actual"]["war"]["mean"]) + abs(alts[i]["vs_actual"]["rules"]["mean"]))
            else:
                o = 0
                r = max(rec, key=lambda i: -alts[i]["vs_actual"]["war"]["mean"] + alts[i]["vs_actual"]["rules"]["mean"])
            war, rules = _diff(m, r, o, "war"), _diff(m, r, o, "rules")
            parts.append(w(
                "rec_line", lang, s=m["step"], r=m["round"], f=names.faction(m["decider"]),
                rec=alt_label(g, m, alts[r], names, lang), took=w("took" if actual_rec else "not_took", lang),
                other=alt_label(g, m, alts[o], names, lang), a=f"{100 * alts[r]['war']['rate']:.0f}",
                b=f"{100 * alts[o]['war']['rate']:.0f}", d=_pts(war["mean"]), lo=_pts(war["lo"]), hi=_pts(war["hi"]),
                rm=_signed(rules["mean"]), rlo=_signed(rules["lo"]), rhi=_signed(rules["hi"]),
                verdict=_verdict(war, rules, lang)))
        if parts:
            out.append((title, ("；" if lang == "ja" else "; ").join(parts) + ("。" if lang == "ja" else ".")))
        else:
            out.append((title, w("rec_none", lang)))
    return out


# ---------------------------------------------------------------------------- the section
def add_section(doc: Document, rep: dict, session, out_dir: Path, prefix: str = "debrief-",
                lang: str = "en") -> dict[str, Path]:
    """Append the what-if section to `doc` in `lang` (en|ja); returns the charts written into
    `out_dir` (their names start with `prefix`)."""
    g = session.state.game
    names = Names(g, lang)
    charts: dict[str, Path] = {}
    doc.h(2, w("h", lang))
    doc.p(w("intro", lang, runs=rep["runs"], bot=rep["bot"], seed=rep["seed"]))
    if not rep["moments"]:
        doc.p(w("none", lang))
    for m in rep["moments"]:
        what = names.card(m["card"]) if m["card"] else names.event(m["event"]) if m["event"] else m["decision"]
        doc.h(3, w("moment_h", lang, s=m["step"], r=m["round"], f=names.faction(m["decider"]), what=what))
        m = dict(m, what=what)
        key = f"whatif-step{m['step']}"
        charts[key] = moment_chart(out_dir / f"{prefix}{key}.png", m, names, lang)
        doc.img(charts[key].name, w("img", lang, s=m["step"]))
        doc.p(sentence_in(m, g, names, lang))
        rows = []
        for a in m["alternatives"]:
            label = short_label(a["label"]) if lang != "ja" else alt_label(g, m, a, names, lang)
            rows.append([("✔ " if a["actual"] else "") + label,
                         f"{100 * a['war']['rate']:.0f}% [{100 * a['war']['lo']:.0f}–{100 * a['war']['hi']:.0f}]",
                         f"{a['rules']['mean']:.2f} [{a['rules']['lo']:.2f}–{a['rules']['hi']:.2f}]",
                         f"{a['tension']['mean']:.2f} [{a['tension']['lo']:.2f}–{a['tension']['hi']:.2f}]",
                         f"{a['score']['mean']:.1f} [{a['score']['lo']:.1f}–{a['score']['hi']:.1f}]",
                         f"{a['rank']['mean']:.2f}"])
        act = m["actual_game"]
        rows.append([w("actual_row", lang), w("war" if act["war"] else "no_war", lang), f"{act['rules']}",
                     f"{act['tension']}", f"{act['score']:g}", f"{act['rank']}"])
        doc.table(w("head", lang, f=_f(names, m["decider"], lang)).split("|"), rows)
        if m["source"]:
            doc.quote(m["source"], w("brief", lang))
    doc.h(3, w("recs_h", lang))
    doc.quote(w("recs_intro", lang), SOURCE)
    doc.ul([f"**{t}**{'：' if lang == 'ja' else ': '}{line}" for t, line in recommendation_lines(rep, names, lang)])
    if rep.get("deals"):
        doc.h(3, w("deals_h", lang))
        doc.p(w("deals_intro", lang))
        sep = "、" if lang == "ja" else ", "
        for d in rep["deals"]:
            parties = sep.join(names.faction(p) for p in d["parties"])
            text = names.terms(d["terms"]) if lang == "ja" else d["text"]
            doc.p("**" + w("deal_h", lang, r=d["round"], s=d["step"], parties=parties, text=text) + "**")
            worth = ("；" if lang == "ja" else "; ").join(
                f"{names.faction(p)} {v['mean']:+.1f} [{v['lo']:+.1f}, {v['hi']:+.1f}]" for p, v in d["measured"].items())
            doc.p(w("worth", lang, worth=worth))
            if "offers" in d:
                key = f"whatif-deal{d['id']}"
                charts[key] = deal_chart(out_dir / f"{prefix}{key}.png", d, names, lang)
                doc.img(charts[key].name, w("deal_img", lang, id=d["id"]))
                vals = sep.join(f"{names.faction(p)} {v:+.1f}" for p, v in zip(d["value_parties"], d["made_values"]))
                line = w("valued", lang, vals=vals, where=w("on" if d["on_frontier"] else "inside", lang),
                         n=len(d["offers"]))
                b = d["better_for_all"]
                if b:
                    bv = sep.join(f"{names.faction(p)} {v:+.1f}" for p, v in zip(d["value_parties"], b["values"]))
                    line += w("better", lang, text=names.terms(b["terms"]) if lang == "ja" else b["text"], vals=bv)
                else:
                    line += w("no_better", lang)
                doc.p(line)
    return charts


def write_whatif(rep: dict, session, out_dir) -> list[Path]:
    """whatif.json, whatif.md and the charts of an analysis, written into `out_dir`."""
    out = prepare_dir(out_dir)
    doc = Document(f"What if? Game {rep['game_id']}", "en")
    try:
        charts = add_section(doc, rep, session, out, "")
    except OSError as e:
        raise ReportError(f"Could not write the charts into {out}: {e.strerror or e}.") from None
    files = [write_text(out / "whatif.json", json.dumps(rep, ensure_ascii=False, indent=1, sort_keys=True) + "\n"),
             write_text(out / "whatif.md", to_markdown(doc))]
    return files + list(charts.values())
