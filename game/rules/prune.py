"""Pruning what only a removed entry could mean, when a variant removes a faction, card, event,
coalition, track or resource of its base.

The cross-reference checker says where the merged data still refers to something removed; each
such place is pruned by the smallest change that keeps the rest meaning what it meant:
  - an effect that acts on, with, to or from a removed faction (or on a removed track,
    resource or coalition) goes; its siblings stay; a price paid to a removed faction is still
    paid, to nobody;
  - a condition on it reads as false (`not` of it as true); an `if` whose condition is then
    settled runs its `then` or `else` in its place; an option, card, event or objective whose
    requirement can never hold goes;
  - an id in a list (holders, targets, members, may_join, `in`, tradeable, values) goes; a card
    left with no holder or no target goes, and so does a crisis choice offered to the faction;
  - trust pairs, weights, starting values and income that name it go;
  - a vote keeps the number of "no" votes it tolerates (threshold minus the factions removed).
Only what the base file wrote is pruned: a variant naming a removed entry itself gets an error.
Where pruning would change what a rule means (the last option of a response, the turn's cost
resource, ...) nothing is pruned and the error says why. Everything pruned is recorded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from game.rules import crossref
from game.rules.errors import PathT, SourceMap
from game.rules.schema import Ruleset

TRUE: dict = {"test": "round"}                      # holds in every round
FALSE: dict = {"test": "not", "of": {"test": "round"}}
ID_LISTS = ("holders", "targets", "members", "may_join", "in", "tradeable", "values")
ID_KEYS = ("start", "weights", "income", "flag_reduction")
REMOVED = re.compile(r"^refers to removed (\w+) '([^']*)'")
UNSET_FLAG = re.compile(r"^refers to flag '([^']*)', which no effect ever sets")
NO_TAG = re.compile(r"^no card has the tag '([^']*)'")
MAX_PASSES = 60


@dataclass(frozen=True)
class Pruned:
    """One thing pruned: its kind (card, effect, ...), where it was (an id-named path), and why."""

    kind: str
    where: str
    because: str


def label(data: Any, path: PathT) -> str:
    """`path` in `data` with list entries named by their id: `cards[summit].effects[1]`."""
    out, cur = "", data
    for n, seg in enumerate(path):
        parent_key = path[n - 1] if n else None
        if isinstance(seg, int):
            item = cur[seg] if isinstance(cur, list) and seg < len(cur) else None
            ident = None
            if isinstance(item, str) and parent_key in ID_LISTS:
                ident = item
            elif isinstance(item, dict):
                ident = item.get("id")
                if parent_key == "pairs" and isinstance(item.get("a"), str) and isinstance(item.get("b"), str):
                    ident = f"{item['a']}–{item['b']}"
                elif parent_key == "choices" and isinstance(item.get("who"), str):
                    ident = item["who"]
            out += f"[{ident if isinstance(ident, str) else seg}]"
        else:
            out += f".{seg}" if out else str(seg)
        try:
            cur = cur[seg]
        except (KeyError, IndexError, TypeError):
            cur = None
    return out


def _key(path: PathT) -> tuple:
    return tuple((0, s) if isinstance(s, int) else (1, s) for s in path)


def _under(path: PathT, prefix: PathT) -> bool:
    return path[:len(prefix)] == prefix


class Pruner:
    def __init__(self, data: dict, smap: SourceMap, removed: dict[str, set[str]], variant_file: str) -> None:
        self.data = data
        self.smap = smap
        self.removed = removed
        self.variant_file = variant_file
        self.pruned: list[Pruned] = []
        self.refused: dict[PathT, str] = {}
        self.because = ""

    # ------------------------------------------------------------ data edits, source map kept in step

    def get(self, path: PathT) -> Any:
        cur = self.data
        for seg in path:
            cur = cur[seg]
        return cur

    def note(self, kind: str, path: PathT, because: str | None = None) -> None:
        self.pruned.append(Pruned(kind, label(self.data, path), because or self.because))

    def delete(self, path: PathT, kind: str | None = None) -> None:
        """Remove the list entry at `path` (recorded as `kind` when given)."""
        if kind:
            self.note(kind, path)
        prefix, i = path[:-1], path[-1]
        lst = self.get(prefix)
        n = len(lst)
        del lst[i]
        self.smap.move_list(prefix, [(*prefix, k) for k in range(n) if k != i])

    def splice(self, path: PathT, branch: str) -> None:
        """Put the effects of the `if` at `path`'s `branch` in its place."""
        prefix, i = path[:-1], path[-1]
        lst = self.get(prefix)
        eff = lst[i]
        body = list(eff.get(branch) or [])
        n = len(lst)
        sources = [(*prefix, k) for k in range(i)] + [(*path, branch, j) for j in range(len(body))] + \
                  [(*prefix, k) for k in range(i + 1, n)]
        lst[i:i + 1] = body
        self.smap.move_list(prefix, sources)

    # ------------------------------------------------------------ the loop

    def in_base(self, path: PathT) -> bool:
        loc, _ = self.smap.locate(path)
        return loc is not None and loc.file != self.variant_file

    def prunable(self, p: crossref.Problem) -> bool:
        if REMOVED.match(p.message):
            return True
        return bool(UNSET_FLAG.match(p.message) or NO_TAG.match(p.message))

    def run(self) -> None:
        for _ in range(MAX_PASSES):
            try:
                rs = Ruleset.model_validate(self.data)
            except ValidationError:
                return  # the loader reports it
            todo = [p for p in crossref.check(rs, self.removed, reach=False)
                    if self.prunable(p) and p.path not in self.refused and self.in_base(p.path)]
            if not todo:
                break
            touched: list[PathT] = []
            for p in sorted(todo, key=lambda p: _key(p.path), reverse=True):
                if any(_under(p.path, t) for t in touched):
                    continue
                edited = self.one(p)
                if edited is not None:
                    touched.append(edited)
        self.votes()
        self.empty_events()

    def one(self, p: crossref.Problem) -> PathT | None:
        """Prune at one problem; the path edited (None when refused)."""
        path = p.path
        m = REMOVED.match(p.message)
        if m:
            self.because = f"{m.group(1)} {m.group(2)}"
        elif UNSET_FLAG.match(p.message):
            self.because = f"flag {UNSET_FLAG.match(p.message).group(1)} no longer set"
        else:
            self.because = f"no card left with tag {NO_TAG.match(p.message).group(1)}"
        if p.key and len(path) >= 2 and path[-2] in ID_KEYS:
            parent = self.get(path[:-1])
            self.note({"weights": "weight", "start": "starting value", "income": "income",
                       "flag_reduction": "miscalculation reduction"}[path[-2]], path)
            del parent[path[-1]]
            self.smap.drop(path)
            return path
        if isinstance(path[-1], int) and len(path) >= 2 and path[-2] in ID_LISTS:
            return self.from_list(path)
        for n in range(len(path), 0, -1):
            node = self.get(path[:n])
            if isinstance(node, dict) and "test" in node:
                return self.fold(path[:n], self.atom_value(node))
            if isinstance(node, dict) and node.get("op") == "pay" and path[n:] == ("to",):
                self.note("payee", path[:n])  # the price stays: it is paid to nobody
                node["to"] = None
                self.smap.drop(path)
                return path
            if isinstance(node, dict) and "op" in node:
                self.delete(path[:n], "effect")
                return path[:n]
        return self.entry_level(path)

    def atom_value(self, atom: dict) -> bool:
        """What a condition on something removed (or on a flag never set) reads as."""
        if atom.get("test") == "flag" and "flag" in atom and self.because.startswith("flag"):
            lo, hi = atom.get("min"), atom.get("max")
            if lo is None and hi is None:
                return False
            return (lo is None or lo <= 0) and (hi is None or 0 <= hi)
        return False

    def from_list(self, path: PathT) -> PathT:
        key = path[-2]
        owner = path[:-2]
        kind = {"holders": "holder", "targets": "target", "members": "coalition seat",
                "may_join": "coalition seat", "in": "condition part", "values": "ai value",
                "tradeable": "tradeable resource"}.get(key, "entry")
        self.delete(path, kind)
        left = self.get(path[:-1])
        if not left and key in ("holders", "targets") and len(owner) == 2 and owner[0] == "cards":
            self.delete(owner, "card")
            return owner
        if not left and key == "in":
            return self.fold(owner, False)
        return path[:-1]

    def entry_level(self, path: PathT) -> PathT | None:
        """A reference outside any effect or condition."""
        if path[:1] == ("events",) and len(path) >= 4 and path[2] == "choices":
            self.delete(path[:4], "choice")
            return path[:4]
        if path[:2] == ("trust", "pairs") and len(path) >= 3:
            self.delete(path[:3], "trust pair")
            return path[:3]
        if path[:2] == ("scoring", "objectives") and len(path) >= 3:
            self.delete(path[:3], "objective")
            return path[:3]
        if path[:2] == ("scoring", "shared") and len(path) >= 3:
            goal = self.get(path[:3]).get("id")
            self.delete(path[:3], "shared goal")
            if isinstance(goal, str):
                self.removed.setdefault("goal", set()).add(goal)
            return path[:3]
        if path == ("turn", "proposals", "break_track"):
            self.note("rule", path)
            self.get(path[:-1])["break_track"] = None
            return path
        self.refused[path] = ("pruning it would change what this rule means: change or remove "
                              "this entry in the variant")
        return None

    # ------------------------------------------------------------ conditions

    def fold(self, atom_path: PathT, value: bool) -> PathT | None:
        """The condition at `atom_path` reads as `value`: simplify up to its root and settle what it gates."""
        root = atom_path
        while len(root) >= 2:
            up = root[:-1] if root[-1] == "of" else root[:-2] if isinstance(root[-1], int) and root[-2] == "of" else None
            if up is None or not isinstance(self.get(up), dict) or self.get(up).get("test") not in ("all", "any", "not"):
                break
            root = up
        rel = atom_path[len(root):]
        result = _simplify(self.get(root), rel, value)
        owner, key = root[:-1], root[-1]
        if isinstance(result, dict):
            self.note("condition part", atom_path)
            self.get(owner)[key] = result
            self.smap.drop((*root, "of"))
            return root
        if key == "cond":  # an `if` effect: its settled branch takes its place
            self.note("effect", owner)
            self.splice(owner, "then" if result else "else")
            return owner[:-1]
        if key == "requires":
            if result:
                self.note("condition", root)
                del self.get(owner)[key]
                self.smap.drop(root)
                return root
            kind = "card" if owner[:1] == ("cards",) and len(owner) == 2 else \
                   "event" if owner[:1] == ("events",) and len(owner) == 2 else "option"
            if kind == "option" and len(self.get(owner[:-1])) <= 1:
                self.refused[atom_path] = ("pruning it would leave no option to choose: change or remove "
                                           "this entry in the variant")
                return None
            self.delete(owner, kind)
            return owner
        if key == "condition" and owner[:2] == ("scoring", "objectives"):
            if result:
                self.note("condition", root)
                self.get(owner)[key] = dict(TRUE)
                self.smap.drop((*root, "of"))
                return root
            self.delete(owner, "objective")
            return owner
        self.refused[atom_path] = "pruning it would change what this rule means: change it in the variant"
        return None

    # ------------------------------------------------------------ after the references

    def votes(self) -> None:
        gone = len(self.removed.get("faction", ()))
        if not gone:
            return
        for i, card in enumerate(self.data.get("cards", [])):
            vote = card.get("vote")
            if isinstance(vote, dict) and isinstance(vote.get("threshold"), int) and self.in_base(("cards", i, "vote", "threshold")):
                old = vote["threshold"]
                new = max(1, old - gone)
                if new != old:
                    vote["threshold"] = new
                    self.pruned.append(Pruned("vote threshold", f"{label(self.data, ('cards', i, 'vote'))}: {old} → {new}",
                                              f"{gone} faction{'s' if gone > 1 else ''} removed"))

    def empty_events(self) -> None:
        dropped = {p.where.split("]")[0] + "]" for p in self.pruned if p.kind in ("choice", "effect")}
        for i in range(len(self.data.get("events", [])) - 1, -1, -1):
            ev = self.data["events"][i]
            if not ev.get("effects") and not ev.get("choices") and f"events[{ev.get('id')}]" in dropped:
                self.because = "nothing left to happen"
                self.delete(("events", i), "event")


def _simplify(cond: dict, rel: PathT, value: bool) -> bool | dict:
    """`cond` with the condition at `rel` read as `value`, simplified: True, False or a condition."""
    if not rel:
        return value
    t = cond.get("test")
    if t == "not":
        inner = _simplify(cond["of"], rel[1:], value)
        return (not inner) if isinstance(inner, bool) else {**cond, "of": inner}
    idx = rel[1]
    parts: list = []
    for j, sub in enumerate(cond["of"]):
        parts.append(_simplify(sub, rel[2:], value) if j == idx else sub)
    want = t == "any"
    if any(p is want for p in parts):
        return want
    rest = [p for p in parts if not isinstance(p, bool)]
    if not rest:
        return not want
    return rest[0] if len(rest) == 1 else {**cond, "of": rest}


def prune(data: dict, smap: SourceMap, removed: dict[str, set[str]],
          variant_file: str) -> tuple[list[Pruned], dict[PathT, str]]:
    """Prune `data` (the merged variant, edited in place) of what only removed entries meant."""
    p = Pruner(data, smap, removed, variant_file)
    if any(removed.values()):
        p.run()
    return p.pruned, p.refused


def summary(pruned: list[Pruned]) -> list[str]:
    """Lines saying what was pruned: per kind, the count and where."""
    if not pruned:
        return []
    kinds: dict[str, list[Pruned]] = {}
    for p in pruned:
        kinds.setdefault(p.kind, []).append(p)
    because = sorted({p.because for p in pruned})
    out = [f"pruned {len(pruned)} thing{'s' if len(pruned) != 1 else ''} that referred to what the variant removes "
           f"({'; '.join(because)}):"]
    for kind, items in kinds.items():
        word = kind if len(items) == 1 else ("coalition seats" if kind == "coalition seat" else kind + "s")
        if kind in ("card", "event", "objective", "shared goal", "trust pair", "vote threshold"):
            where = ", ".join(p.where for p in items)
        else:
            owners: dict[str, int] = {}
            for p in items:
                owner = p.where.split("]")[0] + "]" if "]" in p.where else p.where
                owners[owner] = owners.get(owner, 0) + 1
            where = ", ".join(f"{o}" + (f" ×{n}" if n > 1 else "") for o, n in owners.items())
        out.append(f"  {len(items)} {word}: {where}")
    return out
