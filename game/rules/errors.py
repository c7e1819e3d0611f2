"""Errors found while loading a ruleset, each located at file:line:column, and their wording."""
from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from inspect import isclass
from typing import Annotated, Any, Union

from pydantic import BaseModel

PathT = tuple[str | int, ...]


def format_path(path: PathT, names: "typing.Callable[[PathT], str | None] | None" = None) -> str:
    """A YAML path as a reader writes it: `cards[0].effects[1].delta`; with `names` (the id of the
    list entry at a path, or None), entries with an id are named by it: `cards[summit].effects[1]`."""
    out = ""
    for n, seg in enumerate(path):
        if isinstance(seg, int):
            name = names(path[:n + 1]) if names is not None else None
            out += f"[{name if name is not None else seg}]"
        else:
            out += f".{seg}" if out else str(seg)
    return out


@dataclass(frozen=True)
class LoadError:
    """One problem in a ruleset file. `line` and `column` are 1-based; None when the whole file is meant."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def format(self) -> str:
        """`bad.yaml:13:19: cards[0].cost: expected a whole number, got 'two'`."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.path:
            return f"{where}: {self.path}: {self.message}"
        return f"{where}: {self.message}"


class RulesetError(Exception):
    """A ruleset could not be loaded; `errors` lists every problem found."""

    def __init__(self, errors: list[LoadError]) -> None:
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(e.format() for e in self.errors)


@dataclass(frozen=True)
class Loc:
    """Where a value (or key) was written: the file, its path inside that file, 1-based line and column."""

    file: str
    path: PathT
    line: int
    column: int


def _under(path: PathT, prefix: PathT) -> bool:
    return path[: len(prefix)] == prefix


class SourceMap:
    """Maps paths in a ruleset's data to where they were written (possibly in several files)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[PathT, Loc] = {}
        self.keys: dict[PathT, Loc] = {}
        # (file, path of a list entry in that file) -> the entry's id, when unique in its list
        self.names: dict[tuple[str, PathT], str] = {}

    def copy(self, file: str | None = None) -> "SourceMap":
        out = SourceMap(file or self.file)
        out.values = dict(self.values)
        out.keys = dict(self.keys)
        out.names = self.names
        return out

    def name_entries(self, data: object, path: PathT = ()) -> None:
        """Record the id of every list entry of `data` (as read from this map's file) whose id is unique in its list."""
        if isinstance(data, dict):
            for k, v in data.items():
                self.name_entries(v, (*path, k))
        elif isinstance(data, list):
            ids = [e.get("id") if isinstance(e, dict) else None for e in data]
            for i, e in enumerate(data):
                if isinstance(ids[i], str) and ids[i] and ids.count(ids[i]) == 1 and "[" not in ids[i]:
                    self.names[(self.file, (*path, i))] = ids[i]
                self.name_entries(e, (*path, i))

    def formatted(self, file: str, path: PathT) -> str:
        """`path` (written in `file`) with list entries named by id."""
        return format_path(path, lambda p: self.names.get((file, p)))

    def locate(self, path: PathT, key: bool = False) -> tuple[Loc | None, PathT]:
        """The mark for `path` (the key's with `key`), else its nearest written ancestor, and the rest of the path."""
        if key and path in self.keys:
            return self.keys[path], ()
        for n in range(len(path), -1, -1):
            loc = self.values.get(path[:n])
            if loc is not None:
                return loc, path[n:]
        return None, path

    def error(self, path: PathT, message: str, key: bool = False) -> LoadError:
        """A LoadError for `path`, located where it (or its nearest ancestor) was written."""
        loc, rest = self.locate(path, key)
        if loc is None:
            return LoadError(self.file, None, None, self.formatted(self.file, path), message)
        return LoadError(loc.file, loc.line, loc.column, self.formatted(loc.file, (*loc.path, *rest)), message)

    def drop(self, prefix: PathT) -> None:
        """Forget everything written at or under `prefix`."""
        for table in (self.values, self.keys):
            for p in [p for p in table if _under(p, prefix)]:
                del table[p]

    def graft(self, other: "SourceMap", src: PathT, dst: PathT) -> None:
        """Copy `other`'s marks under `src` to this map under `dst`."""
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for p, loc in theirs.items():
                if _under(p, src):
                    mine[(*dst, *p[len(src):])] = loc
        if other.names is not self.names:
            self.names.update(other.names)

    def move_list(self, prefix: PathT, sources: list[PathT]) -> None:
        """The list at `prefix` is rebuilt: its entry k now holds what was written at `sources[k]`."""
        n = len(prefix)
        new_index = {src: k for k, src in enumerate(sources)}
        for table in (self.values, self.keys):
            under = [p for p in table if len(p) > n and p[:n] == prefix]
            moved = {}
            for p in under:
                for m in range(n + 1, len(p) + 1):  # the source this path lies under, if any
                    k = new_index.get(p[:m])
                    if k is not None:
                        moved[(*prefix, k, *p[m:])] = table[p]
                        break
            for p in under:
                del table[p]
            table.update(moved)

    def reindex(self, prefix: PathT, moves: dict[int, int]) -> None:
        """Renumber the list at `prefix`: index old -> moves[old]; entries not in `moves` are dropped."""
        n = len(prefix)
        for table in (self.values, self.keys):
            moved = {}
            for p in [p for p in table if len(p) > n and _under(p, prefix)]:
                loc = table.pop(p)
                old = p[n]
                if isinstance(old, int) and old in moves:
                    moved[(*prefix, moves[old], *p[n + 1:])] = loc
            table.update(moved)


# ---------------------------------------------------------------- pydantic errors in plain words

ID_RULE = "an id: lower-case letters, digits and _, starting with a letter"


def got(value: object) -> str:
    """A value as the error text shows it: 'two', 3, true, a list, a mapping."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _tags(ctx_list: str) -> list[str]:
    return [t.strip().strip("'") for t in ctx_list.split(",") if t.strip()]


def _entries(n: object) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


def plain_message(err: dict, allowed: list[str] | None = None, tags: list[str] | None = None) -> str:
    """One pydantic error in plain words. `allowed`: the keys the mapping takes; `tags`: a union's ops/tests."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = err.get("loc") or ()
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        close = difflib.get_close_matches(key, allowed or [], n=1, cutoff=0.6)
        if close:
            return f"unknown key '{key}' (did you mean '{close[0]}'?)"
        return f"unknown key '{key}'" + (f"; expected one of: {', '.join(allowed)}" if allowed else "")
    if kind == "union_tag_invalid":
        what = "effect op" if "op" in ctx.get("discriminator", "") else "condition test"
        expected = _tags(ctx.get("expected_tags", ""))
        close = difflib.get_close_matches(str(ctx.get("tag")), expected, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown {what} '{ctx.get('tag')}'{hint}; expected one of: {', '.join(expected)}"
    if kind == "union_tag_not_found":
        if "op" in ctx.get("discriminator", ""):
            return f"an effect needs 'op:' (one of: {', '.join(tags or [])})"
        return f"a condition needs 'test:' (one of: {', '.join(tags or [])})"
    if kind == "string_type":
        if isinstance(value, bool):
            return (f"expected text, got {got(value)} (YAML reads unquoted yes, no, on, off, true and false "
                    "as true/false: put the word in quotes)")
        if isinstance(value, (int, float)):
            return f"expected text, got {got(value)} (put it in quotes: '{value}')"
        return f"expected text, got {got(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {got(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {got(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {got(value)}"
    if kind == "list_type":
        return f"expected a list, got {got(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), got {got(value)}"
    if kind == "too_short":
        return f"needs at least {_entries(ctx.get('min_length'))}, got {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {_entries(ctx.get('max_length'))}, got {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else f"needs at least {ctx.get('min_length')} characters"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[a-z]"):
            return f"expected {ID_RULE}; got {got(value)}"
        if pattern.startswith("^#"):
            return f"expected a colour like '#3366cc', got {got(value)}"
        return f"does not match the pattern {pattern}: got {got(value)}"
    bounds = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
              "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx.get(key)}, got {got(value)}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, got {got(value)}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"{err['msg']} (got {got(value)})"


# ---------------------------------------------------------------- pydantic errors -> located errors


def _strip(tp: Any) -> Any:
    """`tp` without Annotated[...] and without `| None`."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
                continue
        return tp


def _union_tags(tp: Any) -> dict[str, type[BaseModel]]:
    """For a discriminated union of models: tag -> model; else {}."""
    if typing.get_origin(tp) not in (Union, types.UnionType):
        return {}
    out = {}
    for member in typing.get_args(tp):
        if not (isclass(member) and issubclass(member, BaseModel)):
            return {}
        for name in ("op", "test"):
            field = member.model_fields.get(name)
            if field is not None:
                out[typing.get_args(field.annotation)[0]] = member
    return out


def _type_at(root: type[BaseModel], loc: tuple) -> Any:
    """The schema type found at a pydantic error location (tag segments pick union members), or None."""
    tp: Any = root
    for seg in loc:
        tp = _strip(tp)
        tags = _union_tags(tp)
        if tags:
            tp = tags.get(seg)
        elif isclass(tp) and issubclass(tp, BaseModel):
            tp = next((f.annotation for n, f in tp.model_fields.items() if seg in (n, f.alias)), None)
        elif typing.get_origin(tp) is list:
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
        if tp is None:
            return None
    return _strip(tp)


def _is_label(seg: object) -> bool:
    """A union member's name in a pydantic loc, e.g. 'str' or 'dict[str,str]'."""
    return isinstance(seg, str) and (seg in ("str", "int", "float", "bool") or "[" in seg)


def data_path(data: Any, loc: tuple) -> tuple[PathT, PathT | None]:
    """The YAML path a pydantic loc points at (tag and union-member segments removed), and the union's path."""
    path: list[str | int] = []
    label: PathT | None = None
    cur, tag_used = data, False
    for seg in loc:
        if isinstance(cur, dict):
            tag = cur.get("op", cur.get("test"))
            if not tag_used and isinstance(tag, str) and seg == tag:
                tag_used = True
                continue
            if seg in cur:
                path.append(seg)
                cur, tag_used = cur[seg], False
                continue
        elif isinstance(cur, list) and isinstance(seg, int) and 0 <= seg < len(cur):
            path.append(seg)
            cur, tag_used = cur[seg], False
            continue
        if _is_label(seg):
            label = tuple(path)
            continue
        break
    return tuple(path), label


def _one(err: dict, path: PathT, smap: SourceMap, root: type[BaseModel]) -> LoadError:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        model = _type_at(root, loc[:-1])
        allowed = ([f.alias or n for n, f in model.model_fields.items()]
                   if isclass(model) and issubclass(model, BaseModel) else None)
        return smap.error(path, plain_message(err, allowed), key=True)
    if kind == "union_tag_invalid":
        key = "op" if "op" in (err.get("ctx") or {}).get("discriminator", "") else "test"
        return smap.error((*path, key), plain_message(err))
    if kind == "union_tag_not_found":
        return smap.error(path, plain_message(err, tags=list(_union_tags(_type_at(root, loc)))))
    return smap.error(path, plain_message(err))


def pydantic_errors(errors: list[dict], data: Any, smap: SourceMap, root: type[BaseModel]) -> list[LoadError]:
    """Every pydantic error, located; a union's alternatives (text: string or mapping) become one error."""
    out: list[LoadError] = []
    groups: dict[PathT, list[tuple[PathT, dict]]] = {}
    for err in errors:
        path, label = data_path(data, tuple(err["loc"]))
        if label is None:
            out.append(_one(err, path, smap, root))
        else:
            groups.setdefault(label, []).append((path, err))
    for items in groups.values():
        deepest = max(len(p) for p, _ in items)
        by_path: dict[PathT, list[dict]] = {}
        for p, e in items:
            if len(p) == deepest:
                by_path.setdefault(p, []).append(e)
        for path, errs in by_path.items():
            if len(errs) == 1:
                out.append(_one(errs[0], path, smap, root))
            elif {e["type"] for e in errs} <= {"string_type", "dict_type"}:
                out.append(smap.error(path, "expected text (a string, or a mapping of language code to string), "
                                            f"got {got(errs[0].get('input'))}"))
            else:
                out.append(smap.error(path, " or ".join(dict.fromkeys(plain_message(e) for e in errs))))
    return out
