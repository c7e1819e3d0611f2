"""The one walk over rule trees: every effect, condition and option under a list of them.

The walk reads the models' fields, so it knows no primitive by name: a field holding a model
(a condition, `times`) or a list of models (`then`, `else`, `options`, `effects`, `of`) is a
child; a field marked with `schema.Ref` names something the ruleset defines (`refs`). A new
primitive whose fields say so is walked, cross-checked and pruned without a line here.
"""
from __future__ import annotations

import typing
from collections.abc import Iterator

from pydantic import BaseModel

from game.rules import schema as s
from game.rules.errors import PathT

# model class -> the fields that may hold models, as (attribute, key in the file); and its marked
# fields as (attribute, key, kind)
_CHILDREN: dict[type, tuple[tuple[str, str], ...]] = {}
_REFS: dict[type, tuple[tuple[str, str, str], ...]] = {}


def _holds_model(tp) -> bool:
    """Whether a field's type can hold a model (itself, in a list, a union or an optional)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return True
    return any(_holds_model(x) for x in typing.get_args(tp))


def _learn(cls: type) -> tuple[tuple[str, str], ...]:
    fields = cls.model_fields.items()
    _REFS[cls] = tuple((name, f.alias or name, m.kind) for name, f in fields for m in f.metadata
                       if isinstance(m, s.Ref))
    got = _CHILDREN[cls] = tuple((name, f.alias or name) for name, f in fields if _holds_model(f.annotation))
    return got


def walk(items, path: PathT = (), parents: tuple = ()) -> Iterator[tuple[BaseModel, PathT, tuple]]:
    """Every model under `items` (a list of effects, conditions or options, or one of them), parents
    before children and in file order, as (node, its path, its ancestors outermost first). Paths
    use the file's key names (`else`, `from`, `in`) after `path`."""
    if isinstance(items, BaseModel):
        stack = [(items, path, parents)]
    else:
        stack = [(x, (*path, i), parents) for i, x in enumerate(items) if isinstance(x, BaseModel)]
        stack.reverse()
    children = _CHILDREN
    while stack:
        node, p, up = stack.pop()
        yield node, p, up
        fields = children.get(type(node))
        if fields is None:
            fields = _learn(type(node))
        if not fields:
            continue
        inner = (*up, node)
        below = []
        for name, key in fields:
            value = getattr(node, name)
            if isinstance(value, BaseModel):
                below.append((value, (*p, key), inner))
            elif value:  # a list (of models, by the field's type)
                below.extend((x, (*p, key, i), inner) for i, x in enumerate(value) if isinstance(x, BaseModel))
        below.reverse()
        stack.extend(below)


def refs(node: BaseModel) -> Iterator[tuple[str, str, object]]:
    """What `node` names, from its `Ref`-marked fields: (key in the file, kind, value); unset
    (None) values are left out."""
    marked = _REFS.get(type(node))
    if marked is None:
        _learn(type(node))
        marked = _REFS[type(node)]
    for name, key, kind in marked:
        value = getattr(node, name)
        if value is not None:
            yield key, kind, value


def is_effect(node: object) -> bool:
    """Whether a walked node is an effect (it has an `op`)."""
    return hasattr(node, "op")


def is_condition(node: object) -> bool:
    """Whether a walked node is a condition (it has a `test`)."""
    return hasattr(node, "test")
