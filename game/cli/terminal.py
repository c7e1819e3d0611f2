"""Text for the terminal front end: pure builders that return strings (ANSI colour optional).

Nothing here reads input or prints; `game.cli.play` does. The UI's own words go through
`ui()` so they can be translated in one place; ruleset texts come in the chosen language.
"""
from __future__ import annotations

import unicodedata

from game.engine import (
    Action, view as engine_view, Names, describe_event as describe, log_lines, aims as goal_aims, war_penalty,
    weights as score_weights, war_thresholds, find_proposal, ranking, DecisionKind, State, pending,
    pending_for,
)
from game.rules.schema import text_of

UI = {
    "en": {
        "round": "Round {n}/{of}", "phase": "{phase}", "decides": "{f} to decide: {kind}",
        "kind.negotiate": "negotiate (make a proposal or pass)", "kind.act": "take an action",
        "kind.response": "answer", "kind.choice": "choose", "kind.vote": "vote (secret ballot)",
        "kind.proposal": "answer a proposal", "kind.counter": "make a counter-proposal or not",
        "tracks": "Tracks", "misc": "miscalculation chance this round: {p}%",
        "resources": "Resources", "you": "you", "trust": "Trust", "coalitions": "Coalitions",
        "none": "none", "commitments": "Commitments", "rounds_left": "{n} round(s) left",
        "promise": "{by} plays no {tag} cards against {toward}",
        "proposals_to_you": "Proposals involving you", "pending": "Waiting for your answer",
        "hand": "Your hand", "cost": "cost {c} {res}", "target_any": "targets a faction",
        "objectives": "Objectives", "score_now": "Your score now: {s}", "looming": "{n} crisis card(s) face down",
        "options": "Your options", "propose_menu": "Propose a deal… (compose it step by step)",
        "pass.negotiate": "Pass (no proposal this round)", "pass.act": "Pass (spend an action doing nothing)",
        "pass.counter": "Do not make a counter-proposal",
        "play": "Play {card} ({cost})", "play_on": "Play {card} on {target} ({cost})",
        "vote.yes": "Vote yes", "vote.no": "Vote no", "proposal.accept": "Accept",
        "proposal.reject": "Reject", "proposal.counter": "Reject and make a counter-proposal",
        "prompt": "{f}> ", "help": (
            "Type the number of an option, or a command:\n"
            "  help          this text\n"
            "  log           recent events, with the AI seats' explanations\n"
            "  state         show your view of the table again\n"
            "  save [PATH]   save the game (to PATH, or to the autosave file)\n"
            "  undo          take back your last action (not past a card drawn, a roll or a hand-off)\n"
            "  quit          save and leave"),
        "bad_input": "Type a number from 1 to {n}, or 'help'.", "closed": "not now: {what} — {why}", "handoff": "Pass to {f} — press Enter when ready",
        "handoff_title": "Hand-off", "ai_reason": "({reason})",
        "saved": "Saved to {path}", "autosaved": "(autosaved to {path})", "undone": "Took back {n} action(s).",
        "no_undo": "Nothing to undo: your last action is behind a card drawn, a roll, an event or a hand-off.",
        "eof": "End of input: the game was saved to {path}. Resume with: python -m game play --load {path}",
        "quit": "Game saved to {path}. Resume with: python -m game play --load {path}",
        "end": "The game is over", "ranking": "Ranking", "shared": "The table's shared result", "colon": ":", "colon_inline": ": ",
        "war": "WAR — a shared defeat, triggered by {by}.", "war_events": "WAR — a shared defeat.",
        "peace": "Peace was kept.", "collapse": "The international order collapsed.",
        "final": "final {track}: {v}/{max}", "total": "total", "winner": "Highest score: {f}",
        "no_winner": "War has no winner.", "seed": "Seed {seed} (replay the same game with --seed {seed})",
        "composer": "Compose a proposal", "recipients": "Send it to whom? Numbers separated by spaces:",
        "recipient_fixed": "A counter-proposal goes to {f} only.",
        "term_menu": "Add a term:", "term.give": "a party gives a resource to another",
        "term.promise": "a party promises not to play cards of a kind against another",
        "term.join": "a party joins a coalition", "term.done": "done: preview and send",
        "term.cancel": "cancel this proposal", "who_gives": "Who gives?", "what_res": "Which resource?",
        "how_much": "How much?", "to_whom": "To whom?", "who_promises": "Who promises?",
        "which_tag": "Not to play which cards?", "toward": "Against whom?", "who_joins": "Who joins?",
        "which_coalition": "Which coalition?", "preview": "Preview of the proposal to {to}:",
        "gives": "gives", "commits": "commits to", "joins": "joins", "nothing": "nothing",
        "send": "Send it", "add_term": "Add another term", "cancel": "Cancel",
        "not_sendable": "This proposal cannot be sent: {why}", "cancelled": "Proposal cancelled.",
        "max_terms": "A proposal has at most {n} terms.",
        "back": "cancel",
        "game_line": "Game {id}; human seats: {humans}", "resumed": "Resumed at round {round}, step {step}.",
        "aims": "What you play for (only you see your secret objectives)",
        "aim_secret": "secret", "aim_public": "everyone's", "aim_met": "met now", "aim_not_met": "not met now",
        "aim_line": "{name} ({kind}, {points:+d}): {text} — {state}",
        "weights": "Your score counts: {terms}; and the objectives above when they are met at the end.",
        "weight_term": "{name} ×{w}", "weight_goal": "{name} ({track}) ×{w}",
        "war_certain": "WARNING: this move takes {track} to {at}: it starts a WAR.",
        "war_possible": "WARNING: by chance, this move could take {track} to {at} and start a WAR.",
        "war_consequence": ("War is a shared defeat: every faction scores {everyone:+d}, and the faction whose move "
                            "tips it ({f}) a further {trigger:+d}."),
        "war_confirm": "Type yes to make this move anyway; anything else takes you back: ",
        "war_back": "Not played. Choose again.",
        "counter_from": "Your counter-proposal starts from their offer (add terms, or send it as it is):",
    },
    "ja": {
        "round": "第{n}/{of}ラウンド", "phase": "{phase}", "decides": "{f}の番：{kind}",
        "kind.negotiate": "交渉（提案するかパス）", "kind.act": "行動する",
        "kind.response": "応答する", "kind.choice": "選択する", "kind.vote": "投票（秘密投票）",
        "kind.proposal": "提案に答える", "kind.counter": "対案を出すかどうか",
        "tracks": "トラック", "misc": "このラウンドの偶発的衝突の確率：{p}%",
        "resources": "資源", "you": "あなた", "trust": "信頼", "coalitions": "連合",
        "none": "なし", "commitments": "約束", "rounds_left": "残り{n}ラウンド",
        "promise": "{by}は{toward}に対して{tag}を使わない",
        "proposals_to_you": "あなたが関わる提案", "pending": "あなたの回答を待っているもの",
        "hand": "あなたの手札", "cost": "コスト{c} {res}", "target_any": "対象を選ぶ",
        "objectives": "目標", "score_now": "現在のあなたの得点：{s}", "looming": "伏せられた危機カード{n}枚",
        "options": "選択肢", "propose_menu": "取引を提案する…（1段階ずつ作る）",
        "pass.negotiate": "パス（このラウンドは提案しない）", "pass.act": "パス（何もせずに行動を1回使う）",
        "pass.counter": "対案を出さない",
        "play": "{card}を使う（{cost}）", "play_on": "{card}を{target}に使う（{cost}）",
        "vote.yes": "賛成に投票", "vote.no": "反対に投票", "proposal.accept": "受け入れる",
        "proposal.reject": "拒否する", "proposal.counter": "拒否して対案を出す",
        "prompt": "{f}> ", "help": (
            "選択肢の番号か、次のコマンドを入力してください：\n"
            "  help          この説明\n"
            "  log           最近の出来事（AIの判断理由つき）\n"
            "  state         あなたから見た卓の状況をもう一度表示\n"
            "  save [PATH]   ゲームを保存（PATHへ、なければオートセーブへ）\n"
            "  undo          直前の自分の行動を取り消す（カードを引いた後・判定・交代より前には戻れない）\n"
            "  quit          保存して終了"),
        "bad_input": "1から{n}までの番号か「help」を入力してください。", "closed": "今は不可：{what}（{why}）",
        "handoff": "{f}に交代してください — 準備ができたらEnterを押す",
        "handoff_title": "交代", "ai_reason": "（{reason}）",
        "saved": "{path}に保存しました", "autosaved": "（{path}にオートセーブしました）",
        "undone": "{n}手を取り消しました。",
        "no_undo": "取り消せる手はありません：直前の行動の後にカードの引き、判定、出来事、交代がありました。",
        "eof": "入力が終わりました：ゲームを{path}に保存しました。再開：python -m game play --load {path}",
        "quit": "ゲームを{path}に保存しました。再開：python -m game play --load {path}",
        "end": "ゲーム終了", "ranking": "順位", "shared": "卓全体の結果", "colon": "：", "colon_inline": "：",
        "war": "戦争 — 全員の敗北。引き金を引いたのは{by}。", "war_events": "戦争 — 全員の敗北。",
        "peace": "平和は守られた。", "collapse": "国際秩序が崩壊した。",
        "final": "最終{track}：{v}/{max}", "total": "合計", "winner": "最高得点：{f}",
        "no_winner": "戦争に勝者はいない。", "seed": "シード {seed}（--seed {seed} で同じゲームを再現できます）",
        "composer": "提案を作る", "recipients": "誰に送りますか？ 番号を空白で区切って入力：",
        "recipient_fixed": "対案は{f}にだけ送られます。",
        "term_menu": "条件を追加：", "term.give": "ある国が別の国に資源を渡す",
        "term.promise": "ある国が別の国に対してある種類のカードを使わないと約束する",
        "term.join": "ある国が連合に加わる", "term.done": "完了：確認して送る",
        "term.cancel": "この提案をやめる", "who_gives": "誰が渡しますか？", "what_res": "どの資源を？",
        "how_much": "いくつ？", "to_whom": "誰に？", "who_promises": "誰が約束しますか？",
        "which_tag": "どの種類のカードを使わない？", "toward": "誰に対して？", "who_joins": "誰が加わりますか？",
        "which_coalition": "どの連合に？", "preview": "{to}への提案の確認：",
        "gives": "渡す", "commits": "約束する", "joins": "加わる", "nothing": "なし",
        "send": "送る", "add_term": "条件をさらに追加", "cancel": "やめる",
        "not_sendable": "この提案は送れません：{why}", "cancelled": "提案を取りやめました。",
        "max_terms": "提案の条件は最大{n}個です。",
        "back": "やめる",
        "game_line": "ゲーム {id}／人間の席：{humans}", "resumed": "第{round}ラウンド、{step}手目から再開しました。",
        "aims": "あなたが目指すもの（秘密目標はあなたにだけ表示）",
        "aim_secret": "秘密", "aim_public": "全員共通", "aim_met": "現在達成", "aim_not_met": "現在未達成",
        "aim_line": "{name}（{kind}、{points:+d}）：{text} — {state}",
        "weights": "あなたの得点の内訳：{terms}。さらに上の目標が終了時に達成されていれば加算。",
        "weight_term": "{name}×{w}", "weight_goal": "{name}（{track}）×{w}",
        "war_certain": "警告：この手で{track}が{at}に達し、戦争が始まります。",
        "war_possible": "警告：この手は確率によって{track}を{at}に押し上げ、戦争を始める可能性があります。",
        "war_consequence": "戦争は全員の敗北：全員が{everyone:+d}点、引き金を引いた国（{f}）はさらに{trigger:+d}点。",
        "war_confirm": "それでもこの手を指すなら yes と入力（それ以外で戻る）：",
        "war_back": "指しませんでした。選び直してください。",
        "counter_from": "対案は相手の提案から始まります（条件を追加するか、そのまま送る）：",
    },
}


def ui(key: str, lang: str = "en", **kw) -> str:
    """One of the front end's own strings, in `lang` when translated, else English."""
    text = UI.get(lang, {}).get(key) or UI["en"].get(key, key)
    return text.format(**kw) if kw else text


class Style:
    """ANSI styling, or plain text when `rich` is False."""

    def __init__(self, rich: bool) -> None:
        self.rich = rich

    def _wrap(self, code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if self.rich else s

    def bold(self, s: str) -> str:
        return self._wrap("1", s)

    def dim(self, s: str) -> str:
        return self._wrap("2", s)

    def red(self, s: str) -> str:
        return self._wrap("31", s)

    def green(self, s: str) -> str:
        return self._wrap("32", s)

    def yellow(self, s: str) -> str:
        return self._wrap("33", s)

    def hex(self, s: str, colour: str) -> str:
        if not self.rich or not colour.startswith("#") or len(colour) != 7:
            return s
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return f"\x1b[1;38;2;{r};{g};{b}m{s}\x1b[0m"

    def clear(self) -> str:
        return "\x1b[2J\x1b[H" if self.rich else ""


def cells(s: str) -> int:
    """How many terminal columns `s` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def pad(s: str, width: int, right: bool = False) -> str:
    """`s` padded with spaces to `width` terminal columns."""
    fill = " " * max(0, width - cells(s))
    return fill + s if right else s + fill


def bar(value: int, lo: int, hi: int, style: Style, danger: bool = False, width: int = 10) -> str:
    """A track as a bar: `[######----] 6/10`; coloured by how close a dangerous track is to its top."""
    span = max(1, hi - lo)
    filled = round(width * (value - lo) / span)
    text = "#" * filled + "-" * (width - filled)
    if danger:
        share = (value - lo) / span
        text = (style.red if share >= 0.7 else style.yellow if share >= 0.4 else style.green)(text)
    return f"[{text}] {value}/{hi}"


class Text:
    """Builders for one game and one language."""

    def __init__(self, state: State, lang: str = "en", style: Style | None = None) -> None:
        self.g = state.game
        self.rs = self.g.ruleset
        self.lang = lang
        self.n = Names(self.g, lang)
        self.st = style or Style(False)
        self.colours = {f.id: f.color for f in self.rs.factions}

    # ------------------------------------------------------------ names
    def f(self, fid: str) -> str:
        return self.st.hex(self.n.faction(fid), self.colours.get(fid, ""))

    def t(self, key: str, **kw) -> str:
        return ui(key, self.lang, **kw)

    def heading(self, text: str, inline: bool = False) -> str:
        """A bold heading and the colon of the table's language (full width in Japanese),
        `inline` when the line goes on after it."""
        return self.st.bold(text) + self.t("colon_inline" if inline else "colon")

    def phase_name(self, phase: str) -> str:
        return describe({"type": "phase", "phase": phase}, self.g, self.lang).strip("— ") if phase in (
            "event", "negotiation", "actions", "resolution") else phase

    def cost(self, card_id: str) -> str:
        spec = self.g.cards[self.g.cidx[card_id]]
        return self.t("cost", c=spec.cost, res=self.n.resource(self.g.resources[self.g.cost_r]))

    # ------------------------------------------------------------ the view
    def view(self, state: State, faction: str, aims: bool = True) -> str:
        """Everything `faction` may see, as text: tracks, resources, trust, deals, hand, and (with
        `aims`) what it plays for."""
        v = engine_view(state, faction)
        g, n, st = self.g, self.n, self.st
        lines = []
        head = f"{self.t('round', n=v['round'], of=v['rounds'])} · {self.phase_name(v['phase'])}"
        lines.append(st.bold(f"══ {head} ══"))
        if v["decider"]:
            lines.append(self.t("decides", f=self.f(v["decider"]), kind=self.t(f"kind.{v['decision']}")))
        lines.append(st.bold(self.t("tracks")))
        tension = self.rs.turn.tension_track
        width = max(cells(n.track(t.id)) for t in self.rs.tracks) if self.rs.tracks else 0
        for t in self.rs.tracks:
            lines.append(f"  {pad(n.track(t.id), width)}  {bar(v['tracks'][t.id], t.min, t.max, st, t.id == tension)}")
        if self.rs.turn.miscalculation is not None:
            lines.append("  " + self.t("misc", p=v["miscalculation"]))
        if v["looming_crises"]:
            lines.append("  " + st.red(self.t("looming", n=v["looming_crises"])))
        # resources of every faction (public), as a table
        lines.append(st.bold(self.t("resources")))
        rnames = [n.resource(r) for r in g.resources]
        fw = max(cells(n.faction(x)) for x in g.factions) + 3
        cw = [max(cells(r), 3) for r in rnames]
        lines.append("  " + " " * fw + "  ".join(pad(r, w, True) for r, w in zip(rnames, cw)))
        for fv in v["factions"]:
            name = n.faction(fv["id"]) + (" *" if fv["id"] == faction else "")
            row = "  ".join(pad(str(fv["resources"][r]), w, True) for r, w in zip(g.resources, cw))
            lines.append("  " + st.hex(pad(name, fw), self.colours.get(fv["id"], "")) + row)
        me = next(fv for fv in v["factions"] if fv["id"] == faction)
        trust = ", ".join(f"{n.faction(o)} {val:+d}" for o, val in me["trust"].items())
        lines.append(self.heading(self.t("trust"), inline=True) + trust)
        cos = []
        for kid, members in v["coalitions"].items():
            mark = "*" if faction in members else ""
            cos.append(f"{n.coalition(kid)}{mark} ({', '.join(n.faction(m) for m in members) or '-'})")
        if cos:
            lines.append(self.heading(self.t("coalitions"), inline=True) + "; ".join(cos))
        mine = [c for c in v["commitments"] if faction in (c["by"], c["toward"])]
        if mine:
            lines.append(self.heading(self.t("commitments")))
            for c in mine:
                lines.append("  " + self.t("promise", by=n.faction(c["by"]), tag=n.tag(c["tag"]), toward=n.faction(c["toward"]))
                             + f" ({self.t('rounds_left', n=c['rounds'])})")
        if v["proposals"]:
            lines.append(self.heading(self.t("proposals_to_you")))
            for p in v["proposals"]:
                terms = "; ".join(n.term(x) for x in p["terms"])
                lines.append(f"  #{p['id']} {n.faction(p['from'])} → {', '.join(n.faction(x) for x in p['to'])}: {terms}")
        pend = self.pending_lines(state, faction)
        if pend:
            lines.append(self.heading(st.yellow(self.t("pending"))))
            lines.extend("  " + x for x in pend)
        if aims:
            lines.extend(self.aims(state, faction))
        lines.append(self.heading(self.t("hand")))
        for cid in v["hand"]:
            spec = g.cards[g.cidx[cid]]
            tgt = f", {self.t('target_any')}" if spec.target == "faction" else ""
            lines.append(f"  - {st.bold(n.card(cid))} [{self.cost(cid)}{tgt}] {text_of(spec.text, self.lang)}")
        if not v["hand"]:
            lines.append("  " + self.t("none"))
        lines.append(self.t("score_now", s=v["my_score"]["total"]))
        return "\n".join(lines)

    def aims(self, state: State, faction: str) -> list[str]:
        """`faction`'s objectives (the ones its view shows), each with its condition and whether it
        holds now, and the weights of its score."""
        st = self.st
        lines = [self.heading(st.bold(self.t("aims")))]
        for a in goal_aims(state, faction, self.lang):
            mark = st.green(self.t("aim_met")) if a.met else st.dim(self.t("aim_not_met"))
            lines.append("  " + self.t("aim_line", name=st.bold(a.name), kind=self.t("aim_secret" if a.secret else "aim_public"),
                                       points=a.points, text=a.text, state=mark))
        goals = {x.id: x for x in self.rs.scoring.shared}
        terms = []
        for w in score_weights(state, faction, self.lang):
            shown = f"{w.weight:g}"
            goal = goals.get(w.id)
            if goal is not None and (goal.invert or self.n.track(goal.track) != w.name):
                tr = self.rs.tracks[self.g.tidx[goal.track]]
                src = f"{tr.max} − {self.n.track(goal.track)}" if goal.invert else self.n.track(goal.track)
                terms.append(self.t("weight_goal", name=w.name, track=src, w=shown))
            else:
                terms.append(self.t("weight_term", name=w.name, w=shown))
        lines.append("  " + self.t("weights", terms=("、" if self.lang == "ja" else ", ").join(terms) or self.t("none")))
        return lines

    def war_warning(self, state: State, action: Action, risk: str) -> list[str]:
        """The warning before a move that would, or could, start a war: which threshold, and what war costs."""
        g = state.game
        at, track = 0, ""
        for t, th_at, _d in war_thresholds(state):
            at, track = th_at, self.n.track(g.tracks[t])
            break
        everyone, trigger = war_penalty(state)
        st = self.st
        return [st.red(st.bold(self.t("war_" + risk, track=track, at=at))),
                st.red(self.t("war_consequence", everyone=everyone, trigger=trigger, f=self.n.faction(action.faction)))]

    def pending_lines(self, state: State, faction: str) -> list[str]:
        """Decisions waiting on `faction`: threats, responses, choices, votes, proposals."""
        g, n = self.g, self.n
        out = []
        for p in pending_for(state, faction, self.lang):
            if p.kind in (DecisionKind.RESPONSE, DecisionKind.CHOICE):
                if p.source == "card":
                    src = f"{n.faction(p.actor)}: {n.card(p.ref)}"
                elif p.source == "event":
                    src = n.event(p.ref)
                else:
                    src = n.faction(p.actor) if p.actor else ""
                out.append(f"{src} — {p.prompt}" if src else p.prompt)
            elif p.kind == DecisionKind.VOTE:
                out.append(f"{n.card(p.ref)} — {p.prompt}")
            elif p.kind == DecisionKind.PROPOSAL:
                op = find_proposal(state, p.proposal)
                if op is not None:
                    terms = "; ".join(n.term(t.to_dict()) for t in op.terms)
                    out.append(f"#{op.id} {n.faction(g.factions[op.proposer])}: {terms}")
            elif p.kind == DecisionKind.COUNTER:
                out.append(self.t("kind.counter") + f" → {n.faction(p.actor)}")
        return out

    # ------------------------------------------------------------ options
    def action_label(self, state: State, action: Action, kind: str) -> str:
        n = self.n
        if action.kind == "play":
            cost = self.cost(action.card)
            if action.target:
                return self.t("play_on", card=n.card(action.card), target=n.faction(action.target), cost=cost)
            return self.t("play", card=n.card(action.card), cost=cost)
        if action.kind == "pass":
            return self.t(f"pass.{kind}") if kind in ("negotiate", "act", "counter") else "pass"
        if action.kind == "propose":
            return self.t("propose_menu")
        if kind in ("response", "choice"):
            for o in pending(state, self.lang).options:
                if o.id == action.option:
                    return o.label
        if kind in ("vote", "proposal"):
            return self.t(f"{kind}.{action.option}")
        return action.option

    # ------------------------------------------------------------ proposals
    def preview(self, proposer: str, recipients: list[str], terms: list[dict]) -> str:
        """What each party gives and commits to."""
        n = self.n
        lines = [self.t("preview", to=", ".join(n.faction(r) for r in recipients))]
        for party in [proposer, *recipients]:
            gives = [f"{x['amount']} {n.resource(x['what'])} → {n.faction(x['b'])}" for x in terms
                     if x["kind"] == "give" and x["a"] == party]
            commits = [self.t("promise", by=n.faction(party), tag=n.tag(x["what"]), toward=n.faction(x["b"]))
                       + f" ({self.rs.turn.proposals.commitment_rounds} rounds)"
                       for x in terms if x["kind"] == "promise" and x["a"] == party]
            joins = [n.coalition(x["what"]) for x in terms if x["kind"] == "join" and x["a"] == party]
            parts = []
            if gives:
                parts.append(f"{self.t('gives')}: " + ", ".join(gives))
            if commits:
                parts.append(f"{self.t('commits')}: " + "; ".join(commits))
            if joins:
                parts.append(f"{self.t('joins')}: " + ", ".join(joins))
            lines.append(f"  {self.f(party)}: " + (" | ".join(parts) if parts else self.t("nothing")))
        return "\n".join(lines)

    # ------------------------------------------------------------ log and end
    def event_lines(self, events: list[dict]) -> list[str]:
        """The log lines of `events`, each consequence under its cause (see describe.log_lines)."""
        return [ln.text for ln in log_lines(events, self.g, self.lang)]

    def end_screen(self, state: State) -> str:
        g, n, st = self.g, self.n, self.st
        lines = [st.bold(f"══ {self.t('end')} ══"), self.heading(self.t("ranking"))]
        for place, sc in enumerate(ranking(state), 1):
            name = st.hex(pad(n.faction(sc.faction), 16), self.colours.get(sc.faction, ""))
            lines.append(f"  {place}. {name} {sc.total:>7.1f}")
            for term, pts in sc.terms:
                label = term
                if term in g.ridx:
                    label = n.resource(term)
                elif term.startswith("objective:"):
                    oid = term.split(":", 1)[1]
                    obj = next((o for o in g.objectives if o.id == oid), None)
                    label = text_of(obj.name, self.lang) if obj else oid
                else:
                    goal = next((x for x in self.rs.scoring.shared if x.id == term), None)
                    if goal is not None:
                        label = text_of(goal.name, self.lang)
                lines.append(f"       {pad(label, 32)} {pts:>+7.1f}")
        lines.append(self.heading(self.t("shared")))
        if state.outcome == "war":
            lines.append("  " + st.red(self.t("war", by=n.faction(state.fid(state.war_by)))
                                       if state.war_by >= 0 else self.t("war_events")))
        elif state.outcome == "collapse":
            lines.append("  " + st.red(self.t("collapse")))
        else:
            lines.append("  " + st.green(self.t("peace")))
        for t in self.rs.tracks:
            lines.append("  " + self.t("final", track=n.track(t.id), v=state.tracks[g.tidx[t.id]], max=t.max))
        if state.outcome == "war":
            lines.append("  " + self.t("no_winner"))
        else:
            lines.append("  " + self.t("winner", f=self.f(ranking(state)[0].faction)))
        return "\n".join(lines)


# the words of saves, branches and undo (kept together so that merges of the tables above stay easy)
UI["en"].update({
    "branch_ahead": ("This game went on after this save: {path} holds a later point of it ({where}). Your moves from here start a "
                     "new branch in a file of its own; that game is kept as it is."),
    "branched": "This is now a branch: game {id}, from move {step} of {parent}.",
    "replace_q": "{path} already holds a save ({what}). Replace it? Type yes to replace, anything else to keep it: ",
    "kept": "Kept {path} as it was; nothing was saved. Type save with another file name.",
    "no_saves": "There are no saves in {dir} yet. Start a game with: python -m game play",
    "pick_save": "Saves in {dir}, newest first (a branch sits under the game it came from):",
    "pick_prompt": "Number of the save to open (Enter to leave): ",
    "skipped": "(left out, not readable as a save: {why})",
    "no_pick": "No save opened.",
})
UI["ja"].update({
    "branch_ahead": ("このゲームはこの保存の後も続いています：{path}は{where}です。ここからの手は新しい分岐として"
                     "別のファイルに記録され、元のゲームはそのまま残ります。"),
    "branched": "ここから分岐になりました：ゲーム {id}（{parent}の{step}手目から）。",
    "replace_q": "{path}にはすでに保存があります（{what}）。置き換えますか？ 置き換えるならyes、残すならそれ以外を入力：",
    "kept": "{path}はそのまま残し、保存しませんでした。別のファイル名でsaveしてください。",
    "no_saves": "{dir}に保存データはまだありません。ゲームを始める：python -m game play",
    "pick_save": "{dir}の保存データ（新しい順、分岐は元のゲームの下）：",
    "pick_prompt": "開く保存データの番号（Enterでやめる）：",
    "skipped": "（保存データとして読めないため省略：{why}）",
    "no_pick": "保存データは開きませんでした。",
})
UI["en"]["no_undo"] = ("Nothing to undo: since your last action a card was drawn or played by another seat, a roll "
                       "was made, an event came up or the screen was handed on, and what was seen cannot be unseen.")
UI["ja"]["no_undo"] = ("取り消せる手はありません：直前の行動の後に、カードの引きや他の席のカード、判定、出来事、交代があり、"
                       "見たものは取り消せません。")
