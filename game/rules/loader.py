"""Load a ruleset file: safe YAML, pydantic validation, `extends` variants, cross-reference checks.

Every problem becomes a `LoadError` at file:line:column, and all problems of a file are
raised together in one `RulesetError`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import os
import typing
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from game.rules import crossref
from game.rules.prune import Pruned, prune
from game.rules.regular_file import FileTooLarge, read_regular_file
from game.rules.errors import (
    LoadError, Loc, PathT, RulesetError, SourceMap, data_path, format_path, pydantic_errors,
)
from game.rules.schema import Removals, Ruleset, Variant

MAX_BYTES = 2 * 1024 * 1024
MAX_EXPANDED = 200_000
MAX_DEPTH = 100

YAML_TAG = "tag:yaml.org,2002:"
PLAIN_SCALARS = {YAML_TAG + t for t in ("str", "int", "float", "bool", "null")}
TIMESTAMP = YAML_TAG + "timestamp"
MERGE = YAML_TAG + "merge"
EMPTY = "the file is empty: a ruleset needs at least name, factions, resources, cards and turn"
PLAIN_DATA = "a ruleset holds only plain data (text, numbers, true/false, lists and mappings)"


class _SafeYamlLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader: composes nodes (with marks) and builds plain scalars, nothing else."""


# libyaml's safe loader composes the same nodes and marks about 8x faster; errors are re-read
# with the pure-Python loader so that messages never depend on how PyYAML was built.
_FastSafeYamlLoader = type("_FastSafeYamlLoader", (yaml.CSafeLoader,), {}) if yaml.__with_libyaml__ else None


class _Fatal(Exception):
    """Stops converting a file (alias bomb, loop, too deep)."""

    def __init__(self, error: LoadError) -> None:
        super().__init__(error.format())
        self.error = error


def _fail(filename: str, message: str, line: int | None = None, column: int | None = None) -> RulesetError:
    return RulesetError([LoadError(filename, line, column, "", message)])


# ---------------------------------------------------------------- bytes -> text -> nodes


def _check_size(size: int, filename: str) -> None:
    """Refuse a file over MAX_BYTES before reading or parsing it."""
    if size > MAX_BYTES:
        mib = f"{size / 2**20:.1f}"
        if mib == "2.0":
            mib = f"{size / 2**20:.2f}"
        raise _fail(filename, f"file is {mib} MiB; the limit is {MAX_BYTES // 2**20} MiB")


def _decode(raw: bytes, filename: str) -> str:
    """The file's text; a located error when it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise _fail(filename, f"the file is not UTF-8 text: byte 0x{raw[e.start]:02x} cannot be read "
                              "(save the file as UTF-8)", line, column) from None


def _syntax_message(e: yaml.MarkedYAMLError) -> str:
    if e.context == "expected a single document in the stream":
        return "the file holds more than one YAML document ('---'); a ruleset is a single document"
    msg = f"YAML syntax error: {e.problem}"
    if e.context:
        where = f" that starts at line {e.context_mark.line + 1}" if e.context_mark else ""
        msg += f" ({e.context}{where})"
    if e.problem and "'\\t'" in e.problem:
        msg += "; indent with spaces, not tabs"
    elif e.problem == "mapping values are not allowed here":
        msg += "; a value containing ': ' needs quotes"
    return msg


def _compose(text: str, filename: str) -> yaml.Node | None:
    """The YAML node tree, composed by a SafeLoader subclass; syntax errors become LoadErrors."""
    if _FastSafeYamlLoader is not None:
        try:
            return yaml.compose(text, Loader=_FastSafeYamlLoader)
        except yaml.MarkedYAMLError as e:
            if e.problem == "exceeded maximum nesting depth" and e.problem_mark:  # libyaml's limit: 1000 levels
                m = e.problem_mark  # (the pure-Python scanner would take seconds to get there)
                raise _fail(filename, f"the data is nested more than {MAX_DEPTH} levels deep",
                            m.line + 1, m.column + 1) from None
            _reread_up_to(text, e, filename)
        except (yaml.YAMLError, RecursionError):
            pass
    return _compose_pure(text, filename)


def _reread_up_to(text: str, fast_error: yaml.MarkedYAMLError, filename: str) -> None:
    """Re-read with the pure-Python loader only the text up to two lines past libyaml's error, and raise
    its error when it lies before that cut (as it would in the whole text); a large file with a syntax
    error near its end is then not read twice in full. Returns when the cut text says nothing certain."""
    mark = fast_error.problem_mark or fast_error.context_mark
    if mark is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return  # the pure-Python reader reports a character it does not allow first, wherever it is
    end = 0
    for _ in range(mark.line + 3):
        end = text.find("\n", end) + 1
        if end == 0:
            return  # the error is in the last lines: the whole text is read below
    try:
        _compose_pure(text[:end], filename)
    except RulesetError as e:
        err = e.errors[0]
        if err.line is not None and err.line <= mark.line + 2:  # 1-based: before the last line kept
            raise
    except RecursionError:
        pass


def _compose_pure(text: str, filename: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_SafeYamlLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise _fail(filename, _syntax_message(e), line, col) from None
    except yaml.reader.ReaderError as e:
        before = text[: e.position]
        line, col = before.count("\n") + 1, e.position - (before.rfind("\n") + 1) + 1
        raise _fail(filename, f"the file contains a character YAML does not allow (#x{e.character:04x})",
                    line, col) from None
    except RecursionError:
        raise _fail(filename, "the file is nested too deeply to read") from None


# ---------------------------------------------------------------- nodes -> Python data + marks


class _Converter:
    """Turns a node tree into dicts, lists and scalars, recording where each path was written."""

    def __init__(self, filename: str) -> None:
        self.file = filename
        self.smap = SourceMap(filename)
        self.errors: list[LoadError] = []
        self.scalars = _SafeYamlLoader("")
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.expanded = 0
        self.paths: dict[int, PathT] = {}  # id(error) -> its path, to name entries by id once the data is read

    def _error(self, node: yaml.Node, path: PathT, message: str) -> LoadError:
        m = node.start_mark
        err = LoadError(self.file, m.line + 1, m.column + 1, format_path(path), message)
        self.paths[id(err)] = path
        return err

    def named(self, errors: list[LoadError], data: object) -> list[LoadError]:
        """`errors` with their paths naming list entries by id (read from `data`)."""
        self.smap.name_entries(data)
        return [dataclasses.replace(e, path=self.smap.formatted(self.file, self.paths[id(e)]))
                if id(e) in self.paths else e for e in errors]

    def value(self, node: yaml.Node, path: PathT, depth: int = 0, alias_root: yaml.Node | None = None) -> Any:
        nid = id(node)
        if nid in self.active:
            raise _Fatal(self._error(node, path, "an alias (*name) refers to a list or mapping that contains it: "
                                                 "the data would never end"))
        if alias_root is None and nid in self.seen:
            alias_root = node
        self.seen.add(nid)
        if alias_root is not None:
            self.expanded += 1
            if self.expanded > MAX_EXPANDED:
                raise _Fatal(self._error(alias_root, (), f"aliases (*name) expand the file to more than "
                                         f"{MAX_EXPANDED:,} values; a ruleset never needs that many "
                                         "(this looks like an alias bomb)"))
        if depth > MAX_DEPTH:
            raise _Fatal(self._error(node, (), f"the data is nested more than {MAX_DEPTH} levels deep"))
        m = node.start_mark
        self.smap.values[path] = Loc(self.file, path, m.line + 1, m.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if node.tag not in (YAML_TAG + "seq", YAML_TAG + "map"):
            self.errors.append(self._error(node, path, _tag_message(node.tag)))
            return None
        self.active.add(nid)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.value(n, (*path, i), depth + 1, alias_root) for i, n in enumerate(node.value)]
            return self.mapping(node, path, depth, alias_root)
        finally:
            self.active.discard(nid)

    def scalar(self, node: yaml.ScalarNode, path: PathT) -> Any:
        if node.tag == TIMESTAMP:
            return node.value  # a date-like word stays text: rulesets have no dates
        if node.tag not in PLAIN_SCALARS:
            self.errors.append(self._error(node, path, _tag_message(node.tag)))
            return None
        try:
            return self.scalars.construct_object(node)
        except yaml.constructor.ConstructorError as e:
            self.errors.append(self._error(node, path, f"{e.problem}; {PLAIN_DATA}"))
        except ValueError:
            self.errors.append(self._error(node, path, f"cannot read '{node.value}' as {_short(node.tag)}"))
        return None

    def mapping(self, node: yaml.MappingNode, path: PathT, depth: int, alias_root: yaml.Node | None) -> dict:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:  # `<<: *base` merges first; written keys override them
            if key_node.tag == MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for src in reversed(sources):
                    if not isinstance(src, yaml.MappingNode):
                        self.errors.append(self._error(src, path, "'<<' can only merge mappings"))
                        continue
                    out.update(self.mapping(src, path, depth + 1, alias_root or src))
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.append(self._error(key_node, path, "a key must be a plain word, not a list or mapping"))
                continue
            if key_node.tag not in PLAIN_SCALARS and key_node.tag != TIMESTAMP:
                self.errors.append(self._error(key_node, path, _tag_message(key_node.tag)))
                continue
            key = key_node.value
            kpath = (*path, key)
            if key in first:
                self.errors.append(self._error(key_node, kpath, f"duplicate key '{key}' (first at line {first[key]}); "
                                                                "YAML would silently keep only the last one"))
                continue
            first[key] = key_node.start_mark.line + 1
            m = key_node.start_mark
            self.smap.keys[kpath] = Loc(self.file, kpath, m.line + 1, m.column + 1)
            out[key] = self.value(value_node, kpath, depth + 1, alias_root)
        m = node.start_mark
        self.smap.values[path] = Loc(self.file, path, m.line + 1, m.column + 1)
        return out


def _short(tag: str) -> str:
    return "!!" + tag[len(YAML_TAG):] if tag.startswith(YAML_TAG) else tag


def _tag_message(tag: str) -> str:
    return f"the tag '{_short(tag)}' is not allowed: {PLAIN_DATA}"


def _parse(raw: bytes, filename: str) -> tuple[dict, SourceMap]:
    """Bytes to a top-level mapping and its source map, or a RulesetError."""
    _check_size(len(raw), filename)
    text = _decode(raw, filename)
    node = _compose(text, filename) if text.strip() else None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == YAML_TAG + "null"):
        raise _fail(filename, EMPTY)
    if not isinstance(node, yaml.MappingNode) or node.tag != YAML_TAG + "map":
        what = "a list" if isinstance(node, yaml.SequenceNode) else f"a single value ('{getattr(node, 'value', '')}')"
        if node.tag not in (YAML_TAG + "seq", YAML_TAG + "map", *PLAIN_SCALARS, TIMESTAMP):
            what = f"a value tagged '{_short(node.tag)}'"
        m = node.start_mark
        raise _fail(filename, f"the top level must be a mapping of keys (name:, factions:, cards:, ...), not {what}",
                    m.line + 1, m.column + 1)
    conv = _Converter(filename)
    try:
        data = conv.value(node, ())
    except _Fatal as e:
        raise RulesetError([*conv.errors, e.error]) from None
    except RecursionError:
        raise _fail(filename, "the file is nested too deeply to read") from None
    if conv.errors:
        raise RulesetError(conv.named(conv.errors, data))
    conv.smap.name_entries(data)
    return data, conv.smap


def _validate(model: type[BaseModel], data: dict, smap: SourceMap) -> tuple[Any, list[LoadError]]:
    try:
        return model.model_validate(data), []
    except ValidationError as e:
        return None, pydantic_errors(e.errors(include_url=False), data, smap, model)


def _checked(data: dict, smap: SourceMap, removed: dict, refused: dict[PathT, str] | None = None,
             info: LoadInfo | None = None) -> tuple[Ruleset | None, list[LoadError]]:
    """Validate a ruleset and cross-check it. When some entries of its lists fail validation,
    the others are still cross-checked (a misspelled id shows now, not after the type error
    is fixed); entries left out count as existing, so leaving them out adds no error.
    `refused`: why pruning left a reference to something removed (added to its error).
    Warnings go to `info`."""
    try:
        rs = Ruleset.model_validate(data)
    except ValidationError as e:
        raw = e.errors(include_url=False)
        return None, pydantic_errors(raw, data, smap, Ruleset) + _partial_check(data, raw, smap, removed)
    problems = crossref.check(rs, removed)
    if refused:
        problems = [dataclasses.replace(p, message=f"{p.message}; {refused[p.path]}") if p.path in refused else p
                    for p in problems]
    errors = [p for p in problems if not p.warning]
    if info is not None:
        info.warnings += _located([p for p in problems if p.warning], smap)
    return rs, _located(errors, smap)


# the lists whose invalid entries may be left out for the cross-check, and the kind of their ids
ENTRY_LISTS: dict[PathT, str] = {
    ("factions",): "faction", ("resources",): "resource", ("tracks",): "track", ("cards",): "card",
    ("events",): "event", ("coalitions",): "coalition", ("scoring", "objectives"): "objective",
    ("scoring", "shared"): "goal",
}


def _partial_check(data: dict, raw_errors: list, smap: SourceMap, removed: dict) -> list[LoadError]:
    """Cross-reference errors of the entries that are valid, when every validation error lies
    inside an entry of one of ENTRY_LISTS; otherwise none (the file's shape is too broken)."""
    bad: dict[PathT, set[int]] = {}
    for err in raw_errors:
        path, _ = data_path(data, tuple(err["loc"]))
        lst = next((p for p in ENTRY_LISTS if path[:len(p)] == p), None)
        if lst is None or len(path) <= len(lst) or not isinstance(path[len(lst)], int):
            return []
        bad.setdefault(lst, set()).add(path[len(lst)])
    kept = dict(data)
    if isinstance(data.get("scoring"), dict):
        kept["scoring"] = dict(data["scoring"])
    unchecked: dict[str, set[str]] = {"flag": set()}
    index: dict[PathT, list[int]] = {}  # for each pruned list: the original index of each kept entry
    for lst, drop in bad.items():
        parent = kept if len(lst) == 1 else kept["scoring"]
        entries = parent[lst[-1]]
        index[lst] = [i for i in range(len(entries)) if i not in drop]
        parent[lst[-1]] = [entries[i] for i in index[lst]]
        for i in drop:
            if isinstance(entries[i], dict) and isinstance(entries[i].get("id"), str):
                unchecked.setdefault(ENTRY_LISTS[lst], set()).add(entries[i]["id"])
            unchecked["flag"] |= _flags_set(entries[i])
    try:
        rs = Ruleset.model_validate(kept)
    except ValidationError:
        return []

    def original(path: PathT | None) -> PathT | None:
        for lst, idx in index.items():
            n = len(lst)
            if path is not None and path[:n] == lst and len(path) > n and isinstance(path[n], int):
                return (*lst, idx[path[n]], *path[n + 1:])
        return path

    problems = [dataclasses.replace(p, path=original(p.path), first=original(p.first))
                for p in crossref.check(rs, removed, unchecked, reach=False)]
    return _located(problems, smap)


def _flags_set(value: object) -> set[str]:
    """The flags that `flag` effects anywhere inside `value` set."""
    if isinstance(value, list):
        return set().union(*map(_flags_set, value))
    if not isinstance(value, dict):
        return set()
    found = {value["flag"]} if value.get("op") == "flag" and isinstance(value.get("flag"), str) else set()
    return found.union(*map(_flags_set, value.values()))


def _located(problems: list[crossref.Problem], smap: SourceMap) -> list[LoadError]:
    out = []
    for p in problems:
        err = smap.error(p.path, p.message, p.key)
        if p.first is not None:
            loc, _ = smap.locate(p.first)
            if loc is not None:
                where = f"line {loc.line}" if loc.file == err.file else f"{loc.file}:{loc.line}"
                err = dataclasses.replace(err, message=f"{err.message} (first at {where})")
        out.append(err)
    return out


# ---------------------------------------------------------------- extends


REMOVALS = {name: ("scoring", "objectives") if name == "objectives" else (name,) for name in Removals.model_fields}
SINGULAR = {"factions": "faction", "cards": "card", "events": "event", "coalitions": "coalition",
            "objectives": "objective", "tracks": "track", "resources": "resource"}
BY_ID = ("factions", "resources", "tracks", "cards", "events", "coalitions")
SCALARS = ("name", "version", "description", "question", "languages", "short_variant")
DEEP = ("turn", "scoring", "trust")


@dataclass
class LoadInfo:
    """What loading a file did besides the ruleset: a variant's changes against its base (for
    `validate --explain`), what its removals pruned, and the warnings of the checks."""

    changes: list[str] = dataclasses.field(default_factory=list)
    pruned: list[Pruned] = dataclasses.field(default_factory=list)
    warnings: list[LoadError] = dataclasses.field(default_factory=list)
    base: str | None = None


def _keep(items: list, keep: typing.Callable[[Any], bool], smap: SourceMap, path: PathT) -> list:
    """The entries of the list at `path` that `keep` accepts, with the source map renumbered."""
    kept = [i for i, item in enumerate(items) if keep(item)]
    smap.reindex(path, {old: new for new, old in enumerate(kept)})
    return [items[i] for i in kept]


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Merger:
    """Applies a variant's entries to its base's data, keeping the source map and noting every change."""

    def __init__(self, smap: SourceMap, vmap: SourceMap, changes: list[str]) -> None:
        self.smap, self.vmap, self.changes = smap, vmap, changes

    def graft(self, dst: PathT, src: PathT) -> None:
        self.smap.drop(dst)
        self.smap.graft(self.vmap, src, dst)

    def deep(self, base: dict, over: dict, dst: PathT, src: PathT, name: str, by_id: bool = False) -> dict:
        """`over` merged key by key into `base`: mappings recursively, other values (lists too) replace;
        with `by_id`, lists of entries with ids merge by id (the top of turn and scoring)."""
        out = dict(base)
        for key, value in over.items():
            d, s_ = (*dst, key), (*src, key)
            old = out.get(key)
            if isinstance(value, dict) and isinstance(old, dict):
                out[key] = self.deep(old, value, d, s_, f"{name}.{key}", by_id)
            elif by_id and _id_list(value) and _id_list(old):
                out[key] = self.by_id(old, value, d, s_, f"{name}.{key}")
            else:
                if old != value:
                    what = f"{_shown(old)} → {_shown(value)}" if key in base else f"set to {_shown(value)}"
                    self.changes.append(f"{name}.{key}: {what}")
                out[key] = value
                self.graft(d, s_)
            if s_ in self.vmap.keys:
                self.smap.keys[d] = self.vmap.keys[s_]
        return out

    def by_id(self, base: list, over: list, dst: PathT, src: PathT, name: str) -> list:
        """`over`'s entries merged into `base`'s entries with the same id (replaced with `replace: true`);
        new ids are appended."""
        out = list(base)
        index = {e.get("id"): j for j, e in enumerate(out) if isinstance(e, dict)}
        for i, entry in enumerate(over):
            ident = entry.get("id") if isinstance(entry, dict) else None
            j = index.get(ident) if isinstance(ident, str) else None
            replace = isinstance(entry, dict) and entry.get("replace") is True
            if isinstance(entry, dict) and "replace" in entry and isinstance(entry["replace"], bool):
                entry = {k: v for k, v in entry.items() if k != "replace"}
            if j is None:
                j = len(out)
                out.append(entry)
                if isinstance(ident, str):
                    index[ident] = j
                self.changes.append(f"{name}[{ident}]: added")
                self.graft((*dst, j), (*src, i))
            elif replace or not isinstance(out[j], dict):
                out[j] = entry
                self.changes.append(f"{name}[{ident}]: replaced whole")
                self.graft((*dst, j), (*src, i))
            else:
                before = len(self.changes)
                out[j] = self.deep(out[j], entry, (*dst, j), (*src, i), f"{name}[{ident}]")
                if len(self.changes) == before:
                    self.changes.append(f"{name}[{ident}]: unchanged (every key it names has the base's value)")
            self.smap.values[(*dst, j)] = self.vmap.values.get((*src, i), self.smap.values.get((*dst, j)))
        return out


def _id_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(e, dict) and "id" in e for e in value)


def _append(merged: dict, var: Variant, vdata: dict, vmap: SourceMap, smap: SourceMap,
            changes: list[str]) -> list[LoadError]:
    """A variant's `append`: ids added to lists of the (merged) entries, choices to events, trust pairs."""
    errors: list[LoadError] = []
    raw = vdata.get("append") if isinstance(vdata.get("append"), dict) else {}
    events = {e.get("id"): (j, e) for j, e in enumerate(merged["events"]) if isinstance(e, dict)}
    for ident, lists in (raw.get("events") or {}).items():
        if ident not in events:
            hint = crossref.suggest(ident, [i for i in events if isinstance(i, str)])
            errors.append(vmap.error(("append", "events", ident), f"no event '{ident}' to append to{hint}", key=True))
            continue
        j, ev = events[ident]
        for k, choice in enumerate(lists.get("choices") or []):
            n = len(ev["choices"])
            ev["choices"] = [*ev["choices"], choice]
            smap.graft(vmap, ("append", "events", ident, "choices", k), ("events", j, "choices", n))
            changes.append(f"events[{ident}].choices: + a choice for {choice.get('who')}")
    pairs = merged["trust"]["pairs"]
    for k, pair in enumerate(raw.get("trust_pairs") or []):
        smap.graft(vmap, ("append", "trust_pairs", k), ("trust", "pairs", len(pairs)))
        pairs.append(pair)
        changes.append(f"trust.pairs: + {pair.get('a')}–{pair.get('b')} {pair.get('value')}")
    for section, table in (("cards", var.append.cards), ("coalitions", var.append.coalitions)):
        index = {e.get("id"): e for e in merged[section] if isinstance(e, dict)}
        for ident, lists in table.items():
            entry = index.get(ident)
            if entry is None:
                hint = crossref.suggest(ident, [i for i in index if isinstance(i, str)])
                errors.append(vmap.error(("append", section, ident), f"no {SINGULAR[section]} '{ident}' to append to{hint}",
                                         key=True))
                continue
            for key, ids in lists.items():
                if entry.get(key) is None:
                    changes.append(f"{section}[{ident}].{key}: already open to every faction; append ignored")
                    continue
                new = [f for f in ids if f not in entry[key]]
                entry[key] = [*entry[key], *new]
                if new:
                    changes.append(f"{section}[{ident}].{key}: + {', '.join(new)}")
    return errors


def _holds(data: dict) -> None:
    """Each faction's `holds`: it is added to the holders of the cards named (by id, or every shared
    card of a family); a card whose holders are none (every faction) needs nothing."""
    factions = data.get("factions")
    cards = data.get("cards")
    if not isinstance(factions, list) or not isinstance(cards, list):
        return
    for f in factions:
        if not isinstance(f, dict) or not isinstance(f.get("holds"), list) or not isinstance(f.get("id"), str):
            continue
        wanted = [h for h in f["holds"] if isinstance(h, str)]
        families = {h[len("family:"):] for h in wanted if h.startswith("family:")}
        for c in cards:
            if not isinstance(c, dict) or not isinstance(c.get("holders"), list) or f["id"] in c["holders"]:
                continue
            shared = len(c["holders"]) >= 2 and bool(families & set(c.get("tags") or []))
            if c.get("id") in wanted or shared:
                c["holders"] = [*c["holders"], f["id"]]


def _merge(base: Ruleset, bmap: SourceMap, var: Variant, vdata: dict,
           vmap: SourceMap) -> tuple[dict, SourceMap, dict[str, set[str]], list[LoadError], list[str]]:
    """The variant applied to its base: removals, then its entries merged by id, then `append`."""
    merged = base.model_dump(by_alias=True, exclude_unset=False)
    smap = bmap.copy(vmap.file)
    smap.values[()] = vmap.values[()]
    errors: list[LoadError] = []
    changes: list[str] = []
    removed: dict[str, set[str]] = {}
    for name, path in REMOVALS.items():
        ids = getattr(var.remove, name)
        parent = merged["scoring"] if name == "objectives" else merged
        present = [e["id"] for e in parent[path[-1]]]
        for r, ident in enumerate(ids):
            if ident not in present:
                hint = crossref.suggest(ident, present)
                errors.append(vmap.error(("remove", name, r), f"cannot remove {SINGULAR[name]} '{ident}': "
                                                               f"the base ruleset has none with that id{hint}"))
            else:
                changes.append(f"{name}[{ident}]: removed")
        drop = set(ids)
        parent[path[-1]] = _keep(parent[path[-1]], lambda e: e["id"] not in drop, smap, path)
        removed[SINGULAR[name]] = drop
    m = _Merger(smap, vmap, changes)
    for name in BY_ID:
        if isinstance(vdata.get(name), list):
            merged[name] = m.by_id(merged[name], vdata[name], (name,), (name,), name)
    for name in SCALARS:
        if name in vdata:
            if merged.get(name) != vdata[name]:
                changes.append(f"{name}: {_shown(merged.get(name))} → {_shown(vdata[name])}")
            merged[name] = vdata[name]
            m.graft((name,), (name,))
    for name in DEEP:
        if isinstance(vdata.get(name), dict):
            merged[name] = m.deep(merged[name], vdata[name], (name,), (name,), name, by_id=True)
    errors += _append(merged, var, vdata, vmap, smap, changes)
    if "short_variant" not in vdata:
        merged["short_variant"] = None  # a variant has its own length: the base's short game is not its own
    return merged, smap, removed, errors, changes


def _variant_duplicates(data: dict) -> list[crossref.Problem]:
    """Duplicate ids inside a variant's own lists (merging by id would hide them)."""
    out: list[crossref.Problem] = []
    for name in BY_ID:
        seen: dict[str, int] = {}
        for i, e in enumerate(data.get(name) or []):
            ident = e.get("id") if isinstance(e, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in seen:
                out.append(crossref.Problem((name, i, "id"), f"duplicate {SINGULAR[name]} id '{ident}'",
                                            first=(name, seen[ident], "id")))
            else:
                seen[ident] = i
    return out


def _load_variant(data: dict, vmap: SourceMap, filename: str, stack: tuple[tuple[str, str], ...],
                  info: LoadInfo) -> tuple[Ruleset | None, SourceMap, list[LoadError]]:
    """Load the base a variant `extends`, merge the variant into it, prune what its removals leave
    dangling and validate the result. The variant's entries are validated once merged (an entry
    that changes a base entry names only some of its keys)."""
    shell = {k: ([] if k in BY_ID and isinstance(v, list) else v) for k, v in data.items()}
    var, errors = _validate(Variant, shell, vmap)
    errors += _located(_variant_duplicates(data), vmap)
    ext = data.get("extends")
    base = None
    if isinstance(ext, str):
        base_file = os.path.normpath(os.path.join(os.path.dirname(filename), ext))
        info.base = base_file
        real = os.path.realpath(base_file)
        if real in [r for r, _ in stack]:
            chain = " → ".join([*(shown for _, shown in stack), base_file])
            errors.append(vmap.error(("extends",), f"'{ext}' extends back to a file already being loaded: {chain}"))
        else:
            try:
                raw = _ruleset_bytes(base_file)
                base = _load(raw, base_file, (*stack, (real, base_file)), LoadInfo())
            except OSError as e:
                errors.append(vmap.error(("extends",), f"cannot read base ruleset '{ext}': {_reason(e)}"))
            except RulesetError as e:
                errors += e.errors
    if errors or var is None or base is None:
        return None, vmap, errors
    merged, smap, removed, errors, info.changes = _merge(base[0], base[1], var, data, vmap)
    if errors:
        return None, smap, errors
    info.pruned, refused = prune(merged, smap, removed, vmap.file)
    _holds(merged)
    rs, errors = _checked(merged, smap, removed, refused, info)
    return rs, smap, errors


# ---------------------------------------------------------------- public


def _reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file"
    if isinstance(e, IsADirectoryError):
        return "it is a directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    return e.strerror or str(e)


def _ruleset_bytes(path: str) -> bytes:
    """The file's bytes (game.rules.regular_file); a file over the size limit is refused unread
    (RulesetError), a pipe, device or folder is an OSError."""
    try:
        return read_regular_file(path, MAX_BYTES)
    except FileTooLarge as e:
        _check_size(e.size, path)
        raise


def _load(raw: bytes, filename: str, stack: tuple[tuple[str, str], ...], info: LoadInfo) -> tuple[Ruleset, SourceMap]:
    """Parse, validate (merging a variant into its base) and cross-check one file."""
    data, smap = _parse(raw, filename)
    if "extends" in data:
        rs, smap, errors = _load_variant(data, smap, filename, stack, info)
    else:
        _holds(data)
        rs, errors = _checked(data, smap, {}, {}, info)
    if errors:
        errors.sort(key=lambda e: (e.file != filename, e.file, e.line or 0, e.column or 0))
        raise RulesetError(errors)
    info.warnings.sort(key=lambda e: (e.file != filename, e.file, e.line or 0, e.column or 0))
    return rs, smap


def load_ruleset_text(text: str | bytes, filename: str = "<text>") -> Ruleset:
    """Load a ruleset from `text`; `filename` names it in errors and anchors a relative `extends`."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return _load(raw, filename, ((os.path.realpath(filename), filename),), LoadInfo())[0]


def load_ruleset_info(path: str | os.PathLike[str]) -> tuple[Ruleset, LoadInfo]:
    """Load and check a ruleset file, with what loading it did (changes, pruning, warnings)."""
    filename = os.fspath(path)
    try:
        raw = _ruleset_bytes(filename)
    except OSError as e:
        raise _fail(filename, f"cannot read the file: {_reason(e)}") from None
    info = LoadInfo()
    return _load(raw, filename, ((os.path.realpath(filename), filename),), info)[0], info


def load_ruleset(path: str | os.PathLike[str]) -> Ruleset:
    """Load and check a ruleset file; raises RulesetError listing every problem found."""
    return load_ruleset_info(path)[0]
