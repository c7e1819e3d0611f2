"""The brief's five key recommendations, and the moments of a game that acted for or
against each, turned into discussion questions for the seminar."""
from __future__ import annotations

from dataclasses import dataclass, field

from game.report.story import Line, Story

SOURCE = "Key Policy Recommendations, “How to Engage the Trump Administration” (May 2025)"

RECS = {
    "deterrence": {
        "en": ("Deterrence with reassurance and dialogue",
               "Deterrence involves the “certainty” of a counterattack, but it also includes the possibility of "
               "miscalculation. Dialogue with the other party is necessary to mutually recognize political red lines "
               "and to make clear efforts (reassurance) not to cross them.",
               "Which deterrent move in this game bought security, and which only bought Tension? Where could a "
               "dialogue card have been played instead, or alongside?"),
        "ja": ("抑止には安心供与と対話を",
               "抑止は反撃の「確実性」を伴うが、誤算の可能性も含む。互いの政治的なレッドラインを対話で確認し、"
               "それを越えない努力（安心供与）を明確にすることが必要である。",
               "このゲームで安全を高めた抑止の手はどれで、緊張だけを高めた手はどれか。どこで対話のカードを"
               "代わりに、あるいは同時に使えたか。"),
    },
    "taiwan": {
        "en": ("Japan's decision in a Taiwan crisis",
               "A Taiwan crisis will involve Japan if the United States decides to enter a war over Taiwan and if "
               "Japan becomes a party to such a war by having its government authorize U.S. forces to sortie from "
               "bases in Japan or provide support via the Self-Defense Forces. This outcome depends on political decisions.",
               "Who decided whether the crisis became a war for the others at the table, and on what information? "
               "What would the other choice have changed?"),
        "ja": ("台湾有事における日本の決断",
               "台湾有事に日本が関わるのは、米国が参戦を決め、日本政府が在日米軍基地からの出撃や自衛隊による"
               "支援を認めて当事国になる場合である。それは政治の決断による。",
               "危機を他国にとっての戦争に変えるかどうかを決めたのは誰で、何を根拠にしたか。別の選択なら何が変わったか。"),
    },
    "cost_sharing": {
        "en": ("Answering cost-sharing threats",
               "U.S. military bases in Japan are a vital asset for the United States, so Japan can confidently "
               "respond, “If you want to give them up, go ahead”.",
               "When a host was threatened, did paying buy anything lasting? When a host called the bluff, what did "
               "the threatening side actually do, and what did it cost it?"),
        "ja": ("駐留経費をめぐる脅しへの応じ方",
               "在日米軍基地は米国にとって死活的な資産であり、日本は自信を持って「撤退したいならどうぞ」と応じられる。",
               "脅された受入国が払ったとき、それで何か長続きするものを得たか。はったりを見破ったとき、"
               "脅した側は実際にどうし、何を失ったか。"),
    },
    "tariffs": {
        "en": ("Tariffs met multilaterally",
               "Regarding tariff negotiations, rather than seeking exceptions for Japan alone, it is necessary to "
               "build an international consensus for trade and economic relations that comply with international rules.",
               "Which tariff answers protected one economy at the cost of the rules, and which cost more now but "
               "strengthened the next answer? Who was left out of the bilateral deals?"),
        "ja": ("関税には多国間で",
               "関税交渉では、日本だけの例外を求めるのではなく、国際ルールに沿った貿易・経済関係についての"
               "国際的な合意をつくることが必要である。",
               "どの関税への対応が自国経済を守る代わりにルールを損ない、どの対応が目先の負担と引き換えに次への"
               "備えを強めたか。二国間の取引から取り残されたのは誰か。"),
    },
    "partners": {
        "en": ("Working with like-minded partners",
               "Japan must collaborate with countries that share common values, such as South Korea, ASEAN nations, "
               "and Europe, to insist that U.S.-China conflict and deals do not harm the interests of other nations.",
               "Which coalitions and deals held the middle powers together, and where did a broken promise or a "
               "refused offer split them? What would it have taken to bring one more partner in?"),
        "ja": ("価値を共有する国々との連携",
               "日本は韓国、ASEAN諸国、欧州など価値観を共有する国々と連携し、米中の対立やディールが他国の利益を"
               "損なわないよう主張しなければならない。",
               "中堅国をまとめた連合や合意はどれで、約束破りや提案の拒否が分断を生んだのはどこか。"
               "もう1か国を引き込むには何が必要だったか。"),
    },
}
ORDER = ("deterrence", "taiwan", "cost_sharing", "tariffs", "partners")


@dataclass
class Rec:
    key: str
    title: str
    quote: str
    question: str
    pro: list[Line] = field(default_factory=list)
    con: list[Line] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


def _q(lang: str, en: str, ja: str, **kw) -> str:
    return (ja if lang == "ja" else en).format(**kw)


def assess(st: Story) -> list[Rec]:
    """Each recommendation with the moments for and against it and questions about them."""
    lang = "ja" if st.lang == "ja" else "en"
    out = []
    for key in ORDER:
        title, quote, question = RECS[key][lang]
        rec = Rec(key, title, quote, question)
        getattr(_Finder(st, lang), key)(rec)
        rec.pro, rec.con = rec.pro[:6], rec.con[:6]
        rec.questions = [question] + rec.questions[:3]
        out.append(rec)
    return out


class _Finder:
    def __init__(self, st: Story, lang: str) -> None:
        self.st, self.lang = st, lang
        self.T = st.n.track(st.tension) if st.tension else ""

    def _tension(self, th) -> str:
        d = th.delta(self.st.tension) if self.st.tension else 0
        v = self.st.value_after(th.moves, self.st.tension)
        return f" ({self.T} {d:+d} → {v})" if d else ""

    def deterrence(self, rec: Rec) -> None:
        st = self.st
        for th in st.threads:
            ev = th.head.event
            if ev["type"] != "play":
                continue
            tags = set(ev.get("tags", ()))
            d = th.delta(st.tension) if st.tension else 0
            text = f"{st._round(th.head.round)}: {st.line(th.head)}{self._tension(th)}"
            if "dialogue" in tags:
                rec.pro.append(Line(th.head.round, text, [th.head.index]))
            elif ("deterrence" in tags or "threat" in tags) and d > 0:
                rec.con.append(Line(th.head.round, text, [th.head.index]))
                if len(rec.questions) < 2:
                    rec.questions.append(_q(self.lang,
                        "{r}: {f} played {card} and Tension rose to {v}. What red line did it mean to signal, and did anyone answer with dialogue?",
                        "{r}：{f}が「{card}」を使い、緊張は{v}に上がった。どのレッドラインを示すつもりだったのか。対話で応じた国はあったか。",
                        r=st._round(th.head.round), f=st.f(ev["faction"]), card=st.n.card(ev["card"]),
                        v=st.value_after(th.moves, st.tension)))
        for line in st.miscalculations():
            rec.con.append(line)
            rec.questions.append(_q(self.lang, "{t} Which earlier moves made it likely, and which would have made it less so?",
                                    "{t} それを起きやすくしたのはどの手で、起きにくくできたのはどの手か。", t=line.text))

    def taiwan(self, rec: Rec) -> None:
        st = self.st
        for th in st.threads:
            ev = th.head.event
            if ev["type"] != "event" or not ev.get("crisis") or not th.answers:
                continue
            for a in th.answers:
                after = st._after(a, th)
                d = sum(x["delta"] for x in after if x["type"] == "track" and x["track"] == st.tension)
                text = _q(self.lang, "{r}, {event}: {f} chose “{label}”{t}.", "{r}、{event}：{f}は「{label}」を選んだ{t}。",
                          r=st._round(th.head.round), event=st.n.event(ev["event"]), f=st.f(a.event["faction"]),
                          label=st._option_label(a.event), t=f" ({self.T} {d:+d})" if d else "")
                (rec.con if d > 0 or a.event.get("hint") == "escalate" else rec.pro).append(Line(th.head.round, text, [a.index]))
            rec.questions.append(_q(self.lang, "{r}, {event}: the choices were political decisions. Who was consulted before they were made?",
                                    "{r}、{event}：これらは政治の決断だった。決める前に誰と相談したか。",
                                    r=st._round(th.head.round), event=st.n.event(ev["event"])))

    def cost_sharing(self, rec: Rec) -> None:
        st = self.st
        for th in st.threads_tagged("threat"):
            ev = th.head.event
            for a in th.answers:
                if a.event.get("kind") != "response":
                    continue
                how = st.answer_how(a, th)
                follow = [x for x in th.answers if x.index > a.index]
                tail = " ".join(st.w["choice_line"].format(f=st.f(x.event["faction"]), label=st._option_label(x.event))
                                for x in follow)
                text = f"{st._round(th.head.round)}: {st.line(th.head)} {st._answer_text(a, th, how)} {tail}".strip()
                line = Line(th.head.round, text, [th.head.index, a.index] + [x.index for x in follow])
                (rec.pro if how in ("called", "cooperated") else rec.con).append(line)
                rec.questions.append(_q(self.lang,
                    "{r}: {t} answered {a}'s {card} with “{label}”. What did that answer cost {t}, and what would the other answer have done?",
                    "{r}：{t}は{a}の「{card}」に「{label}」と応じた。その代償は何で、別の応じ方なら何が起きたか。",
                    r=st._round(th.head.round), t=st.f(a.event["faction"]), a=st.f(ev["faction"]),
                    card=st.n.card(ev["card"]), label=st._option_label(a.event)))

    def tariffs(self, rec: Rec) -> None:
        st = self.st
        for th in st.threads_tagged("tariff"):
            ev = th.head.event
            for a in th.answers:
                if a.event.get("kind") != "response":
                    continue
                kind = st.tariff_kind(a, th)
                text = (f"{st._round(th.head.round)}: {st.line(th.head)} "
                        + st.w["answered"].format(f=st.f(a.event["faction"]), label=st._option_label(a.event), how=st.w[kind]))
                line = Line(th.head.round, text, [th.head.index, a.index])
                (rec.pro if kind == "multilateral" else rec.con).append(line)
                if kind != "multilateral":
                    rec.questions.append(_q(self.lang,
                        "{r}: {t} met {a}'s tariff with “{label}”. Who else could it have joined, and what would that have cost this round?",
                        "{r}：{t}は{a}の関税に「{label}」で応じた。他にどの国と組めたか。そのラウンドの負担はどうなったか。",
                        r=st._round(th.head.round), t=st.f(a.event["faction"]), a=st.f(ev["faction"]),
                        label=st._option_label(a.event)))

    def partners(self, rec: Rec) -> None:
        st = self.st
        for line in st.coalitions():
            if line.refs and st.tl.entries[line.refs[0]].event["type"] == "join":
                rec.pro.append(line)
            elif line.refs:
                rec.con.append(line)
        terms = {e.event["id"]: "; ".join(st.n.term(t) for t in e.event["terms"]) for e in st.tl.of_type("proposal")}
        for e in st.tl.of_type("deal"):
            what = terms.get(e.event["id"], "")
            rec.pro.append(Line(e.round, f"{st._round(e.round)}: {st.line(e)}" + (f" ({what})" if what else ""), [e.index]))
        for line in st.broken():
            rec.con.append(line)
            rec.questions.append(_q(self.lang, "{t} What did the broken promise buy, and who will trust that faction next time?",
                                    "{t} 約束を破って何を得たのか。次にその国を信頼するのは誰か。", t=line.text))
        for line, _ballots in st.votes():
            (rec.pro if "passed" in line.text or "可決" in line.text else rec.con).append(line)
        rec.pro.sort(key=lambda x: x.round)
        rec.con.sort(key=lambda x: x.round)
