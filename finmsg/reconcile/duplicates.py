"""Identifiers that several items of one side share: problems, and no ground for a fallback match.

A UETR, an end-to-end id or a reference is meant to name one payment. When two
items of the same side carry it (the same MT103 sent twice, a statement booking
one transfer twice), only one of them can match the other side's item, and the
other must not be paired with whatever unrelated entry happens to have the same
amount, currency and date: that would hide the duplicate behind a clean match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finmsg.reconcile.items import Item

__all__ = ["STRONG_KEYS", "duplicate_problems", "duplicated"]

#: (key name, label in messages, the item's values of that key): the identifiers matching trusts.
STRONG_KEYS: tuple[tuple[str, str, Callable[[Item], Iterable[str]]], ...] = (
    ("uetr", "UETR", lambda item: [item.uetr] if item.uetr else []),
    ("end_to_end_id", "end-to-end id", lambda item: [item.end_to_end_id] if item.end_to_end_id else []),
    ("reference", "reference", lambda item: sorted(item.references)),
)

_SHOWN = 5  # occurrences named in a problem's message; the rest are counted


def duplicated(items: Sequence[Item]) -> dict[tuple[str, str], list[int]]:
    """(key name, value) → positions in ``items`` of every item carrying it, for values carried by
    more than one item (an item that carries a value under two reference kinds counts once)."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        for name, _, values in STRONG_KEYS:
            for value in dict.fromkeys(values(item)):
                seen[(name, value)].append(position)
    return {key: positions for key, positions in seen.items() if len(positions) > 1}


def duplicate_problems(items: Sequence[Item]) -> list[dict[str, Any]]:
    """One problem per shared identifier, named after its first item, listing where it occurs."""
    labels = {name: label for name, label, _ in STRONG_KEYS}
    problems = []
    for (name, value), positions in duplicated(items).items():
        where = [_where(items[p]) for p in positions[:_SHOWN]]
        if len(positions) > _SHOWN:
            where.append(f"{len(positions) - _SHOWN} more")
        first = items[positions[0]]
        problems.append(
            {
                "source": first.source,
                "message_index": first.message_index,
                "record_index": first.record_index,
                "code": "reconcile.duplicate",
                "key": name,
                "value": value,
                "message": (
                    f"{labels[name]} {value} is carried by {len(positions)} items ({', '.join(where)}): "
                    "only one of them can match, and none is matched on amount, currency and date"
                ),
            }
        )
    return problems


def _where(item: Item) -> str:
    return f"{item.source}#{item.message_index} {item.record_type} {item.record_index}"
