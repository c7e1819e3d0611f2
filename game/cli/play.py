"""`python -m game play`: hot-seat play in the terminal, with saves, autosaves and undo.

Input may come from a person or a pipe; the end of input saves the game and exits 0.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game import resources
from game.cli import UsageError
from game.cli.terminal import Style, Text, ui
from game.rules.schema import text_of
from game.ai.bots import seat_bot
from game.engine import (
    Action, IllegalAction, Proposal, Term, decision_kind, legal_actions, pending, play_problem, war_risk, why_not,
)
from game.rules.errors import RulesetError
from game.rules.loader import load_ruleset
from game.saves import GameSession, SaveError
from game.saves.undo_words import took_back

# the default ruleset's file, for modules that import it; `resources.resolve_ruleset(None)` is the same
DEFAULT_RULESET = str(resources.ruleset_file(resources.DEFAULT_RULESET))
LEVELS = ("easy", "normal", "hard")


class EndOfInput(Exception):
    """The input stream ended."""


class Quit(Exception):
    """The player asked to leave."""


# ---------------------------------------------------------------- things other modules reuse


def load_ruleset_file(path: str):
    """(ruleset, source text) from a YAML file; raises ValueError with a readable message.

    The loader checks the file (size, regular file, YAML, schema) before its text is kept."""
    if not os.path.lexists(path):
        raise ValueError(f"There is no ruleset file at {path}.")
    try:
        ruleset = load_ruleset(path)
    except RulesetError as e:
        raise ValueError(str(e)) from None
    return ruleset, _read_text(path)


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"There is no ruleset file at {path}.") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"Could not read the ruleset {path}: {getattr(e, 'strerror', None) or e}.") from None


def parse_seats(values: list[str] | None, factions: list[str]) -> dict[str, str]:
    """--seat FACTION=human|ai[:level] values as a seat map; raises ValueError with a clear message."""
    seats: dict[str, str] = {}
    if not values:
        human = "japan" if "japan" in factions else factions[0]
        return {human: "human"}
    for v in values:
        if "=" not in v:
            raise ValueError(f"--seat {v}: write FACTION=human or FACTION=ai[:easy|normal|hard].")
        f, seat = (x.strip().lower() for x in v.split("=", 1))
        if f not in factions:
            raise ValueError(f"--seat {v}: there is no faction '{f}' (factions: {', '.join(factions)}).")
        if seat == "ai":
            seat = "ai:normal"
        if seat != "human" and not (seat.startswith("ai:") and seat[3:] in LEVELS):
            raise ValueError(f"--seat {v}: the seat must be human, ai, ai:easy, ai:normal or ai:hard.")
        seats[f] = seat
    return seats


def saves_dir_of(args) -> str:
    """--saves-dir, else $REDLINES_SAVES, else the saves folder every front end shares."""
    from game.home import saves_dir
    return args.saves_dir or os.environ.get("REDLINES_SAVES") or str(saves_dir())


# ---------------------------------------------------------------- the command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ruleset", metavar="NAME|PATH", default=None,
                        help="a shipped ruleset's name (see `redlines rulesets`) or a ruleset file "
                             f"(default: {resources.DEFAULT_RULESET})")
    parser.add_argument("--seat", metavar="FACTION=human|ai[:easy|normal|hard]", action="append",
                        help="who plays a faction (repeatable); seats not named are AI; "
                             "with no --seat, japan is human")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random, printed at start)")
    parser.add_argument("--load", metavar="SAVE", nargs="?", const="", default=None,
                        help="resume a saved game; with no SAVE, list the saves folder and pick one")
    parser.add_argument("--saves-dir", metavar="DIR", default=None,
                        help="folder for autosaves (default: $REDLINES_SAVES, else the saves folder the "
                             "window uses too, $REDLINES_HOME/saves or ~/.local/share/redlines/saves)")
    parser.add_argument("--lang", choices=("en", "ja"), default=None,
                        help="language of the texts (default en; a loaded game keeps its own)")


def run(args) -> int:
    out = sys.stdout
    rich = out.isatty() and not os.environ.get("NO_COLOR")
    err = sys.stderr
    saves_dir = saves_dir_of(args)
    if args.load is not None:
        extra = [o for o, v in (("--ruleset", args.ruleset), ("--seed", args.seed), ("--seat", args.seat))
                 if v is not None]
        if extra:
            raise UsageError(f"{', '.join(extra)} cannot be given with --load: the save holds the ruleset, "
                             "seed and seats")
        if args.load == "":
            picked = pick_save(saves_dir, args.lang or "en", sys.stdin, out)
            if picked is None:
                return 0
            args.load = picked
        try:
            session = GameSession.load(args.load)
        except SaveError as e:
            print(str(e), file=err)
            return 1
        if args.lang:
            session.lang = args.lang
        ahead = session.follow(saves_dir)
    else:
        try:
            path = resources.resolve_ruleset(args.ruleset)
            ruleset, text = load_ruleset_file(path)
        except ValueError as e:
            print(str(e), file=err)
            return 1
        try:
            seats = parse_seats(args.seat, [f.id for f in ruleset.factions])
        except ValueError as e:
            raise UsageError(str(e)) from None
        seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big") % 1_000_000
        session = GameSession.new(ruleset, text, seed, seats, ruleset_path=path)
        session.lang = args.lang or "en"
        session.autosave_dir = saves_dir
        ahead = None
    game = TerminalGame(session, session.lang or "en", Style(rich), sys.stdin, out)
    game.ahead = ahead
    return game.play(resumed=bool(args.load))


def pick_save(folder: str, lang: str, stdin, stdout) -> str | None:
    """List the saves of `folder` as games (newest first, branches under their game) and read the
    number of one; its path, or None when there is none or none was chosen."""
    from game.saves.library import catalogue, detail, headline

    def say(line: str = "") -> None:
        stdout.write(line + "\n")
        stdout.flush()

    cat = catalogue(folder)
    if not cat.rows:
        say(ui("no_saves", lang, dir=folder))
        for _, why in cat.problems:
            say("  " + ui("skipped", lang, why=why))
        return None
    say(ui("pick_save", lang, dir=folder))
    for i, row in enumerate(cat.rows, 1):
        indent = "    " * min(row.depth, 6)
        say(f"  {i:>2}. {indent}{headline(row, lang)}")
        say(f"      {indent}{detail(row, lang)}")
    for _, why in cat.problems:
        say("  " + ui("skipped", lang, why=why))
    while True:
        stdout.write(ui("pick_prompt", lang))
        stdout.flush()
        line = stdin.readline()
        if line.strip() == "":
            say()
            say(ui("no_pick", lang))
            return None
        word = line.strip()
        if word.isdigit() and 1 <= int(word) <= len(cat.rows):
            say()
            return str(cat.rows[int(word) - 1].info.path)
        say(ui("bad_input", lang, n=len(cat.rows)))


class TerminalGame:
    """The play loop over a GameSession: AI seats move, human seats read numbered choices."""

    def __init__(self, session: GameSession, lang: str, style: Style, stdin, stdout) -> None:
        self.s = session
        self.lang = lang
        self.st = style
        self.inp = stdin
        self.outf = stdout
        self.text = Text(session.state, lang, style)
        self.bots: dict[str, object] = {}
        self.last_human: str | None = None
        self.saves_dir = session.autosave_dir or "saves"
        self.ahead = None          # on a resumed game: the further-along autosave a move would branch from
        self.log_lines: list[str] = []
        self.aims_shown: set[tuple[str, int]] = set()
        try:
            self.echo_off = bool(stdin.isatty())
        except (AttributeError, ValueError):
            self.echo_off = False

    # ------------------------------------------------------------ i/o
    def say(self, line: str = "") -> None:
        self.outf.write(line + "\n")
        self.outf.flush()

    def read(self, prompt: str) -> str:
        self.outf.write(prompt)
        self.outf.flush()
        line = self.inp.readline()
        if line == "":
            self.say()
            raise EndOfInput
        if not self.echo_off:
            self.say(line.rstrip("\n"))  # piped input: show what was read, so a transcript reads well
        return line.strip()

    def t(self, key: str, **kw) -> str:
        return ui(key, self.lang, **kw)

    # ------------------------------------------------------------ the loop
    def play(self, resumed: bool = False) -> int:
        s = self.s
        self.say(self.st.bold(f"Red Lines — {text_of(s.ruleset.name, self.lang)}"))
        self.say(self.t("seed", seed=s.seed))
        humans = ", ".join(self.text.n.faction(h) for h in s.humans()) or "-"
        self.say(self.t("game_line", id=s.game_id, humans=humans))
        if resumed:
            self.say(self.t("resumed", round=s.state.round, step=s.steps))
            if self.ahead is not None:
                self.say(self.st.yellow(self.t("branch_ahead", path=self.ahead, where=self.where(self.ahead))))
        else:
            self.show_events(s.events_of(0))
        game_id = s.game_id
        try:
            while not s.over:
                f = s.decider()
                if s.is_human(f):
                    self.human_turn(f)
                else:
                    self.ai_turn(f)
                if s.game_id != game_id and s.parent is not None:
                    game_id = s.game_id
                    self.say(self.st.yellow(self.t("branched", id=s.game_id, step=s.parent.step,
                                                   parent=s.parent.path or s.parent.game_id)))
                if s.autosave_error:
                    self.say(self.st.red(s.autosave_error))
                    s.autosave_error = None
        except EndOfInput:
            return self.leave("eof")
        except Quit:
            return self.leave("quit")
        except KeyboardInterrupt:
            self.leave("quit")
            return 130
        self.say()
        self.say(self.text.end_screen(s.state))
        path = self.save_to(None)
        if path:
            self.say(self.t("saved", path=path))
        return 0

    def leave(self, why: str) -> int:
        path = self.save_to(None)
        if path is None:
            return 1
        self.say(self.t(why, path=path))
        return 0

    def where(self, path) -> str:
        """A save's progress in words ('Round 4 · Over — war'), or its file name."""
        from game.saves.library import progress, read_header
        try:
            return progress(read_header(path), self.lang)
        except SaveError:
            return str(path)

    def confirm_replace(self, path: str) -> bool:
        """True when `path` is free, or the player typed yes to replace the save there."""
        if not os.path.lexists(path):
            return True
        answer = self.read(self.t("replace_q", path=path, what=self.where(path)))
        if answer.lower() in ("yes", "y", "はい"):
            return True
        self.say(self.t("kept", path=path))
        return False

    def save_to(self, path: str | None) -> str | None:
        try:
            written = self.s.save(path) if path else self.s.autosave(self.saves_dir)
        except SaveError as e:
            self.say(self.st.red(str(e)))
            return None
        return str(written)

    def show_events(self, events: list[dict], reason: str = "", actor: str = "") -> None:
        lines = self.text.event_lines(events)
        if reason:
            note = self.st.dim(self.t("ai_reason", reason=reason))
            own = events and events[0].get("faction", events[0].get("from")) == actor and lines
            if own and self.text.event_lines(events[:1]):
                lines[0] += " " + note
            else:
                lines.insert(0, f"{self.text.n.faction(actor)}: {note}")
        for line in lines:
            self.say(line)
        self.log_lines.extend(lines)
        del self.log_lines[:-200]
        if any(e["type"] in ("round_end", "game_over") for e in events) and self.s.last_save and not self.s.autosave_error:
            self.say(self.st.dim(self.t("autosaved", path=self.s.last_save)))

    def ai_turn(self, f: str) -> None:
        bot = self.bots.get(f)
        if bot is None:
            seed = (self.s.seed * 1_000_003 + self.s.state.game.fidx[f] + 1) & 0xFFFFFFFF
            bot = self.bots[f] = seat_bot(self.s.seats[f], f, seed, self.lang)
        secret = decision_kind(self.s.state) == "vote"  # a reason would give the ballot away
        action, reason = bot.choose(self.s.state, f)
        events = self.s.apply(action, reason)
        self.show_events(events, "" if secret else reason, f)

    def handoff(self, f: str) -> None:
        self.say(self.st.clear() or "\n" + "=" * 60)
        self.say(self.st.bold(self.t("handoff", f=self.text.n.faction(f))))
        self.read("")
        self.say(self.st.clear())

    def human_turn(self, f: str) -> None:
        s = self.s
        if len(s.humans()) > 1 and f != self.last_human:
            self.handoff(f)
        self.last_human = f
        self.say()
        first = (f, s.state.round) not in self.aims_shown  # its first decision of the round
        self.aims_shown.add((f, s.state.round))
        self.say(self.text.view(s.state, f, aims=first))
        while True:
            entries = self.entries(f)
            self.say(self.text.heading(self.t("options")))
            for i, (label, _) in enumerate(entries, 1):
                self.say(f"  {i:>2}. {label}")
            for label in self.closed(f):
                self.say(self.st.dim(f"   -  {label}"))
            line = self.read(self.t("prompt", f=self.text.n.faction(f)))
            word, _, rest = line.partition(" ")
            word = word.lower()
            if word.isdigit() and 1 <= int(word) <= len(entries):
                target = entries[int(word) - 1][1]
                action = self.compose(f) if target is None else target
                if action is None:
                    continue
                if not self.confirm_war(action):
                    continue
                try:
                    events = s.apply(action)
                except IllegalAction as e:
                    self.say(self.st.red(str(e)))
                    continue
                self.show_events(events)
                return
            if word == "help":
                self.say(self.t("help"))
            elif word == "log":
                self.say("\n".join(self.log_lines[-40:]) or "-")
            elif word == "state":
                self.say(self.text.view(s.state, f))
            elif word == "save":
                target = rest.strip() or None
                if target is not None and not self.confirm_replace(target):
                    continue
                path = self.save_to(target)
                if path:
                    self.say(self.t("saved", path=path))
            elif word == "undo":
                removed = s.undo(f)
                if removed:
                    words = took_back(removed, f, self.text.n, self.lang)
                    self.say(words)
                    self.log_lines.append(f"({words})")
                    if s.decider() != f:  # cannot happen (undo stops before f's own action), but be safe
                        return
                    self.say(self.text.view(s.state, f))
                else:
                    self.say(self.t("no_undo"))
            elif word in ("quit", "exit", "q"):
                raise Quit
            else:
                self.say(self.t("bad_input", n=len(entries)))

    def confirm_war(self, action: Action) -> bool:
        """True unless the move would or could start a war and the player does not type yes."""
        risk = war_risk(self.s.state, action)
        if risk is None:
            return True
        for line in self.text.war_warning(self.s.state, action, risk):
            self.say(line)
        if self.read(self.t("war_confirm")).strip().lower() in ("yes", "はい"):
            return True
        self.say(self.t("war_back"))
        return False

    def entries(self, f: str) -> list[tuple[str, Action | None]]:
        """The numbered options: legal actions, with every proposal folded into one 'Propose…' entry."""
        state = self.s.state
        kind = decision_kind(state)
        out: list[tuple[str, Action | None]] = []
        proposing = False
        for a in legal_actions(state, f):
            if a.kind == "propose":
                if not proposing:
                    out.append((self.t("propose_menu"), None))
                    proposing = True
                continue
            out.append((self.text.action_label(state, a, kind), a))
        return out

    def closed(self, f: str) -> list[str]:
        """What the seat may not do now and why: cards in hand it cannot play (with the reason for
        the first target it might mean) and answers closed to it (a price it cannot pay, a
        coalition it is already in)."""
        state = self.s.state
        g, n, lang = state.game, self.text.n, self.lang
        kind = decision_kind(state)
        out: list[str] = []
        if kind == "act":
            legal = {a.card for a in legal_actions(state, f) if a.kind == "play"}
            me = g.fidx[f]
            for c in dict.fromkeys(state.hands[me]):
                spec = g.cards[c]
                if spec.id in legal:
                    continue
                targets = [t for t in g.factions if t != f and (spec.targets is None or t in spec.targets)]
                why = play_problem(state, me, spec.id, targets[0] if spec.target == "faction" and targets else "")
                if why:
                    out.append(self.t("closed", what=n.card(spec.id), why=why.text(lang)))
        elif kind in ("response", "choice"):
            for o in pending(state, lang).options:
                if o.problem:
                    out.append(self.t("closed", what=o.label, why=o.problem.text(lang)))
        return out

    # ------------------------------------------------------------ composing a proposal
    def pick(self, title: str, labels: list[str]) -> int | None:
        """A numbered menu; the index chosen, or None for 0 / 'cancel'."""
        while True:
            self.say(title)
            for i, label in enumerate(labels, 1):
                self.say(f"  {i:>2}. {label}")
            self.say(f"   0. {self.t('back')}")
            line = self.read("> ").lower()
            if line in ("0", "cancel"):
                return None
            if line.isdigit() and 1 <= int(line) <= len(labels):
                return int(line) - 1
            self.say(self.t("bad_input", n=len(labels)))

    def compose(self, f: str) -> Action | None:
        s, n = self.s, self.text.n
        state = s.state
        g = state.game
        rules = g.ruleset.turn.proposals
        self.say(self.st.bold(self.t("composer")))
        if decision_kind(state) == "counter":
            recipients = [pending(state).actor]
            self.say(self.t("recipient_fixed", f=n.faction(recipients[0])))
        else:
            others = [x for x in g.factions if x != f]
            while True:
                self.say(self.t("recipients"))
                for i, x in enumerate(others, 1):
                    self.say(f"  {i:>2}. {n.faction(x)}")
                self.say(f"   0. {self.t('back')}")
                line = self.read("> ").replace(",", " ").split()
                if not line or line == ["0"] or line == ["cancel"]:
                    self.say(self.t("cancelled"))
                    return None
                if all(x.isdigit() and 1 <= int(x) <= len(others) for x in line):
                    recipients = list(dict.fromkeys(others[int(x) - 1] for x in line))
                    break
                self.say(self.t("bad_input", n=len(others)))
        parties = [f, *recipients]
        terms: list[dict] = []
        if decision_kind(state) == "counter":  # a counter-proposal starts from the offer it answers
            terms = self.answered_terms(f, recipients[0])
            if terms:
                self.say(self.t("counter_from"))
                self.say(self.text.preview(f, recipients, terms))
        while True:
            menu: list[tuple[str, str]] = []
            if len(terms) < rules.max_terms:
                if rules.tradeable:
                    menu.append(("give", self.t("term.give")))
                if rules.promise_tags:
                    menu.append(("promise", self.t("term.promise")))
                if g.coalitions:
                    menu.append(("join", self.t("term.join")))
            if terms:
                menu.append(("done", self.t("term.done")))
            if not menu:
                return None
            i = self.pick(self.t("term_menu"), [label for _, label in menu])
            if i is None:
                self.say(self.t("cancelled"))
                return None
            choice = menu[i][0]
            if choice == "done":
                action = self.preview_and_send(f, recipients, terms)
                if action == "add":
                    continue
                return action
            term = self.compose_term(choice, parties)
            if term is not None:
                terms.append(term)
                self.say(self.text.preview(f, recipients, terms))

    def answered_terms(self, f: str, to: str) -> list[dict]:
        """The terms between `f` and `to` of the offer the pending counter answers (from the log:
        a rejected offer is no longer open)."""
        ref = pending(self.s.state).proposal
        for _step, ev in reversed(self.s.events):
            if ev.get("type") == "proposal" and ev.get("id") == ref:
                return [dict(t) for t in ev.get("terms", []) if t["a"] in (f, to) and t.get("b", t["a"]) in (f, to)]
        return []

    def compose_term(self, kind: str, parties: list[str]) -> dict | None:
        n, g = self.text.n, self.s.state.game
        rules = g.ruleset.turn.proposals
        names = [n.faction(p) for p in parties]
        a = self.pick(self.t({"give": "who_gives", "promise": "who_promises", "join": "who_joins"}[kind]), names)
        if a is None:
            return None
        who = parties[a]
        rest = [p for p in parties if p != who]
        if kind == "give":
            r = self.pick(self.t("what_res"), [n.resource(x) for x in rules.tradeable])
            if r is None:
                return None
            amt = self.pick(self.t("how_much"), [str(k) for k in range(1, rules.max_amount + 1)])
            if amt is None:
                return None
            b = self.pick(self.t("to_whom"), [n.faction(p) for p in rest])
            if b is None:
                return None
            return {"kind": "give", "a": who, "what": rules.tradeable[r], "b": rest[b], "amount": amt + 1}
        if kind == "promise":
            tg = self.pick(self.t("which_tag"), list(rules.promise_tags))
            if tg is None:
                return None
            b = self.pick(self.t("toward"), [n.faction(p) for p in rest])
            if b is None:
                return None
            return {"kind": "promise", "a": who, "what": rules.promise_tags[tg], "b": rest[b]}
        st = self.s.state
        fi = g.fidx[who]
        open_ = [co.id for k, co in enumerate(g.coalitions)
                 if not st.members[k] >> fi & 1 and (co.may_join is None or who in co.may_join)]
        if not open_:
            self.say(self.t("none"))
            return None
        k = self.pick(self.t("which_coalition"), [n.coalition(x) for x in open_])
        if k is None:
            return None
        return {"kind": "join", "a": who, "what": open_[k]}

    def preview_and_send(self, f: str, recipients: list[str], terms: list[dict]):
        proposal = Proposal(tuple(recipients), tuple(Term.from_dict(t) for t in terms))
        action = Action("propose", f, proposal=proposal)
        self.say(self.text.preview(f, recipients, terms))
        problem = why_not(self.s.state, action)
        if problem:
            self.say(self.st.red(self.t("not_sendable", why=problem.text(self.lang))))
            i = self.pick("", [self.t("add_term")])
            return "add" if i == 0 else None
        i = self.pick("", [self.t("send"), self.t("add_term")])
        if i is None:
            self.say(self.t("cancelled"))
            return None
        return action if i == 0 else "add"
