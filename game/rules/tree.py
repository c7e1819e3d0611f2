"""The one walk over rule trees: every effect, condition and option under a list of them.

The walk reads the models' fields, so it knows no primitive by name: a field holding a model
(a condition, `times`) or a list of models (`then`, `else`, `options`, `effects`, `of`) is a
child; a field marked with `schema.Ref` names something the ruleset defines (`refs`). A new
primitive whose fields say so is walked, cross-checked and pruned without a line here.
"""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from game.rules import schema as s
from game.rules.errors import PathT

# model class -> its fields as (attribute, key in the file); and its marked fields as (attribute, key, kind)
_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}
_REFS: dict[type, tuple[tuple[str, str, str], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, str], ...]:
    got = _FIELDS.get(cls)
    if got is None:
        got = _FIELDS[cls] = tuple((name, f.alias or name) for name, f in cls.model_fields.items())
        _REFS[cls] = tuple((name, f.alias or name, m.kind) for name, f in cls.model_fields.items()
                           for m in f.metadata if isinstance(m, s.Ref))
    return got


def walk(items, path: PathT = (), parents: tuple = ()) -> Iterator[tuple[BaseModel, PathT, tuple]]:
    """Every model under `items` (a list of effects, conditions or options, or one of them), parents
    before children and in file order, as (node, its path, its ancestors outermost first). Paths
    use the file's key names (`else`, `from`, `in`) after `path`."""
    if isinstance(items, BaseModel):
        yield from _node(items, path, parents)
        return
    for i, item in enumerate(items):
        if isinstance(item, BaseModel):
            yield from _node(item, (*path, i), parents)


def _node(node: BaseModel, path: PathT, parents: tuple) -> Iterator[tuple[BaseModel, PathT, tuple]]:
    yield node, path, parents
    inner = (*parents, node)
    for name, key in _fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, BaseModel):
            yield from _node(value, (*path, key), inner)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                yield from _node(item, (*path, key, i), inner)


def refs(node: BaseModel) -> Iterator[tuple[str, str, object]]:
    """What `node` names, from its `Ref`-marked fields: (key in the file, kind, value); unset
    (None) values are left out."""
    _fields(type(node))
    for name, key, kind in _REFS[type(node)]:
        value = getattr(node, name)
        if value is not None:
            yield key, kind, value


def is_effect(node: object) -> bool:
    """Whether a walked node is an effect (it has an `op`)."""
    return hasattr(node, "op")


def is_condition(node: object) -> bool:
    """Whether a walked node is a condition (it has a `test`)."""
    return hasattr(node, "test")
