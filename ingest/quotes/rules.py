"""How an extractor reads as an ordered list of named rules.

A rule is a function of one context that returns ``None`` when the shape it recognises is
not there (the next rule is tried) and a ``Found`` when it decides, with or without a
result (``Found(None)``: the shape is there and names nobody, so no later rule is tried).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

C = TypeVar("C")
T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A rule's decision: ``value`` is its result, or ``None`` for "nobody"."""

    value: T | None


def first_found(rules: Sequence[Callable[[C], Found[T] | None]], ctx: C) -> T | None:
    """The result of the first rule of ``rules`` that decides on ``ctx`` (``None`` if none)."""
    for rule in rules:
        found = rule(ctx)
        if found is not None:
            return found.value
    return None
