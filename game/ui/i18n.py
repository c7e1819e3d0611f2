"""The window's own strings in English and Japanese. Ruleset texts come from the ruleset."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # menu
    "title": ("Red Lines", "レッドライン"),
    "subtitle": ("A game of multilateral negotiation", "多国間交渉ゲーム"),
    "new_game": ("New game", "新しいゲーム"),
    "continue": ("Continue", "続きから"),
    "continue_none": ("Continue (no autosave yet)", "続きから（自動保存なし）"),
    "load": ("Load", "読み込む"),
    "ruleset": ("Ruleset", "ルールセット"),
    "settings": ("Settings", "設定"),
    "quit": ("Quit", "終了"),
    "back": ("Back", "戻る"),
    "ok": ("OK", "OK"),
    "cancel": ("Cancel", "キャンセル"),
    "current_ruleset": ("Ruleset: {name}", "ルールセット：{name}"),
    "pick_ruleset": ("Choose a ruleset", "ルールセットを選ぶ"),
    "ruleset_path": ("Or type the path of a ruleset file:", "またはルールセットのファイルパスを入力："),
    "open_path": ("Open this file", "このファイルを開く"),
    "pick_save": ("Choose a save", "保存データを選ぶ"),
    "save_path": ("Or type the path of a save file:", "または保存ファイルのパスを入力："),
    "no_saves": ("No saves yet in {dir}", "{dir} に保存データはまだありません"),
    "error": ("Problem", "問題"),
    # settings
    "language": ("Language: {v}", "言語：{v}"),
    "lang_en": ("English", "English"),
    "lang_ja": ("日本語", "日本語"),
    "display": ("Display: {v}", "表示：{v}"),
    "windowed": ("window", "ウィンドウ"),
    "fullscreen": ("full screen", "全画面"),
    "text_size": ("Text size: {v}%", "文字サイズ：{v}%"),
    "ai_speed": ("AI moves: {v}", "AIの手：{v}"),
    "speed_normal": ("shown one by one", "1手ずつ表示"),
    "speed_fast": ("fast", "速い"),
    "speed_skip": ("skip the animation", "アニメーションなし"),
    # setup
    "setup_title": ("New game", "新しいゲーム"),
    "seat_human": ("Human", "人間"),
    "seat_ai": ("AI ({level})", "AI（{level}）"),
    "level_easy": ("easy", "易しい"),
    "level_normal": ("normal", "普通"),
    "level_hard": ("hard", "難しい"),
    "team_name": ("team name", "チーム名"),
    "length": ("Length: {v}", "長さ：{v}"),
    "short_game": ("short ({n} rounds)", "短い（{n}ラウンド）"),
    "full_game": ("full ({n} rounds)", "通常（{n}ラウンド）"),
    "own_length": ("{n} rounds", "{n}ラウンド"),
    "seed": ("Seed", "シード"),
    "new_seed": ("New seed", "シード変更"),
    "start": ("Start", "開始"),
    "question": ("Decision question", "問い"),
    "humans_n": ("Humans: {n} · AI plays the rest", "人間{n}席、残りはAI"),
    # table
    "round_phase": ("Round {r} of {n} · {phase}", "第{r}ラウンド／全{n} · {phase}"),
    "phase_event": ("Event", "イベント"),
    "phase_negotiation": ("Negotiation", "交渉"),
    "phase_actions": ("Actions", "行動"),
    "phase_resolution": ("Resolution", "解決"),
    "phase_cleanup": ("Resolution", "解決"),
    "phase_over": ("Game over", "ゲーム終了"),
    "to_decide": ("{f} to decide", "{f}の番"),
    "thinking": ("{f} is thinking…", "{f}が考え中…"),
    "menu_esc": ("Menu (Esc)", "メニュー (Esc)"),
    "tension": ("Tension", "緊張"),
    "war_at": ("war at {n}", "{n}で戦争"),
    "miscalc": ("miscalculation {n}%", "偶発衝突 {n}%"),
    "trust_you": ("trust {v}", "信頼 {v}"),
    "coalitions": ("in: {v}", "参加：{v}"),
    "commits": ("promises: {v}", "約束：{v}"),
    "secret": ("Secret: {v}", "秘密目標：{v}"),
    "your_hand": ("{f}'s hand", "{f}の手札"),
    "spectator": ("All seats are played by the AI.", "全席AIが担当しています。"),
    "log": ("Log", "記録"),
    "pass": ("Pass", "パス"),
    "pass_turn": ("Pass (end this action)", "パス（この行動を終える）"),
    "end_negotiation": ("Pass (no proposal)", "パス（提案しない）"),
    "make_proposal": ("Make a proposal", "提案する"),
    "act_prompt": ("{f}: play a card (keys 1–9) or pass. {n} actions left.",
                   "{f}：カードを出す（1〜9キー）かパス。残り行動{n}。"),
    "negotiate_prompt": ("{f}: make a proposal to other powers, or pass.", "{f}：他国に提案するか、パス。"),
    "choose_target": ("Target of {card}:", "{card}の対象："),
    "cost": ("cost {n}", "コスト{n}"),
    "response_prompt": ("{f}, {from_} plays {card} on you. {prompt}", "{f}：{from_}が「{card}」を使った。{prompt}"),
    "choice_prompt": ("{f}: {prompt}", "{f}：{prompt}"),
    "vote_prompt": ("Secret ballot for {f} — {card}: {prompt}", "{f}の秘密投票 — {card}：{prompt}"),
    "yes": ("Yes", "賛成"),
    "no": ("No", "反対"),
    "proposal_from": ("{f}: {from_} proposes", "{f}：{from_}からの提案"),
    "accept": ("Accept", "受諾"),
    "reject": ("Reject", "拒否"),
    "counter": ("Reject and counter", "拒否して対案"),
    "counter_prompt": ("{f}: make a counter-proposal to {to}, or pass.", "{f}：{to}に対案を出すか、パス。"),
    "make_counter": ("Make a counter-proposal", "対案を作る"),
    "illegal": ("Not allowed: {why}", "できません：{why}"),
    "unknown": ("?", "？"),
    "played_by": ("{f}: {what}", "{f}：{what}"),
    "ai_reason": ("({why})", "（{why}）"),
    "list_sep": (", ", "、"),
    "label_sep": (": ", "："),
    "team_suffix": (" ({team})", "（{team}）"),
    # proposal composer
    "composer_title": ("Proposal from {f}", "{f}からの提案"),
    "recipients": ("To:", "宛先："),
    "add_term": ("Add term", "条件を追加"),
    "remove": ("Remove", "削除"),
    "send": ("Send", "送る"),
    "term_give": ("gives", "が渡す"),
    "term_promise": ("promises no", "が使わないと約束"),
    "term_join": ("joins", "が参加"),
    "kind": ("Term: {v}", "条件：{v}"),
    "kind_give": ("give a resource", "資源を渡す"),
    "kind_promise": ("promise", "約束"),
    "kind_join": ("join a coalition", "連合に参加"),
    "who": ("Who: {v}", "誰が：{v}"),
    "what": ("What: {v}", "何を：{v}"),
    "to_whom": ("To: {v}", "相手：{v}"),
    "amount": ("Amount: {v}", "量：{v}"),
    "preview": ("What each side gives and commits to", "各国が渡すもの・約束すること"),
    "gives_line": ("gives {n} {what} to {to}", "{to}に{what}を{n}渡す"),
    "promise_line": ("plays no {what} cards against {to} for {n} rounds", "{n}ラウンド、{to}に{what}カードを使わない"),
    "join_line": ("joins {what}", "{what}に参加"),
    "nothing": ("nothing", "なし"),
    "no_terms": ("Add at least one term.", "条件を1つ以上追加してください。"),
    "no_recipient": ("Choose at least one recipient.", "宛先を1つ以上選んでください。"),
    # hand-off
    "pass_to": ("Pass to {f}", "{f}に交代"),
    "pass_to_team": ("Pass to {f} ({team})", "{f}（{team}）に交代"),
    "when_ready": ("Click or press Space when ready", "準備ができたらクリックまたはSpaceキー"),
    "handoff_hint": ("The screen stays covered so no one sees another team's hand.",
                     "他のチームの手札が見えないよう画面を隠しています。"),
    # pause
    "paused": ("Paused", "一時停止"),
    "resume": ("Resume", "再開"),
    "save": ("Save", "保存"),
    "saved_to": ("Saved to {p}", "{p} に保存しました"),
    "quit_menu": ("Quit to menu", "メニューに戻る"),
    # end
    "end_title": ("The game is over", "ゲーム終了"),
    "result_war": ("WAR — a shared defeat. {by} crossed the threshold.", "戦争 — 全員の敗北。{by}が一線を越えた。"),
    "result_war_events": ("WAR — a shared defeat.", "戦争 — 全員の敗北。"),
    "result_peace": ("Peace was kept.", "平和は守られた。"),
    "result_collapse": ("The international order collapsed.", "国際秩序が崩壊した。"),
    "result_rules": ("International Rules ended at {v} of {max}.", "国際ルールは最終的に{v}／{max}。"),
    "ranking": ("Ranking", "順位"),
    "winner": ("Best score: {f}", "最高得点：{f}"),
    "no_winner": ("No winner: war is a shared defeat.", "勝者なし：戦争は全員の敗北。"),
    "chart_title": ("Tension and International Rules by round", "ラウンドごとの緊張と国際ルール"),
    "export": ("Export debrief", "振り返りを書き出す"),
    "exported": ("Debrief written to {p}", "振り返りを書き出しました：{p}"),
    "exporting": ("Writing the debrief…", "振り返りを書き出し中…"),
    "play_again": ("Play again", "もう一度"),
    "main_menu": ("Main menu", "メインメニュー"),
    "score_total": ("{v} points", "{v}点"),
    "term_war": ("war", "戦争"),
    "term_war_trigger": ("tipped into war", "開戦の責任"),
    "round_short": ("R{n}", "R{n}"),
    "fam_tariff": ("tariff", "関税"),
    "fam_threat": ("threat", "脅し"),
    "fam_coalition": ("coalition", "連合"),
    "fam_dialogue": ("dialogue", "対話"),
    "fam_deterrence": ("deterrence", "抑止"),
    "fam_aid": ("aid", "援助"),
    "fam_deal": ("deal", "取引"),
}

# saves, branches and undo (kept together so that merges of the table above stay easy)
STRINGS.update({
    "save_name": ("Name of the save:", "保存の名前："),
    "save_title": ("Save the game", "ゲームを保存"),
    "replace_q": ("{name} already holds a save ({what}). Replace it?", "{name}にはすでに保存があります（{what}）。置き換えますか？"),
    "replace": ("Replace it", "置き換える"),
    "keep_it": ("Keep it, choose another name", "残して別の名前にする"),
    "cancel": ("Cancel", "やめる"),
    "undo": ("Take back my last move", "直前の手を取り消す"),
    "nothing_to_undo": ("Nothing to take back: a card was drawn or played, a roll was made or the screen was "
                        "handed on since your last move.",
                        "取り消せる手はありません：直前の手の後にカードの引きや使用、判定、交代がありました。"),
    "branch_note": ("This game went on after this save. Your moves from here start a branch with a file of "
                    "its own; the game as it went on is kept.",
                    "このゲームはこの保存の後も続いています。ここからの手は別ファイルの分岐になり、続いた方のゲームはそのまま残ります。"),
    "newer": ("Newer", "新しい方へ"),
    "older": ("Older", "古い方へ"),
    "left_out": ("Left out, not readable as saves: {files}", "保存データとして読めないため省略：{files}"),
    "saves_in": ("Saves in {dir}, newest first; a branch sits under the game it came from.",
                 "{dir}の保存データ（新しい順。分岐は元のゲームの下）"),
})

LANGS = ("en", "ja")

# The bots explain each move in the table's language, headed by their rule's code. A reason
# recorded in English (a save from an English game shown in Japanese) is shown in Japanese as
# the rule's code and name; the full reason stays in the save and the debrief.
REASON_JA = {
    "E1": "衝動的な一手", "R1": "戦争回避", "R2": "緊張緩和", "R3": "約束を破る", "R4": "最も得な一手",
    "R5": "見送り", "R6": "応答", "R7": "投票", "R8": "受諾", "R9": "対案", "R10": "拒否",
    "R11": "提案", "R12": "取引なし", "S1": "探索も同じ手", "S2": "探索で選んだ手",
}


def reason_text(reason: str, lang: str) -> str:
    """A bot's reason as the window shows it in `lang`."""
    if lang != "ja" or not reason or any("\u3000" <= ch <= "\u9fff" for ch in reason):
        return reason  # already in Japanese
    code = reason.split(" ", 1)[0]
    name = REASON_JA.get(code)
    if name is None:
        return reason
    return f"{code} {name}"


def t(key: str, lang: str = "en", **kw: object) -> str:
    """The UI string `key` in `lang`, formatted with `kw`; the key itself when unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    s = pair[1] if lang == "ja" else pair[0]
    return s.format(**kw) if kw else s
