"""Matching two item sets: by UETR, then end-to-end id, then references, then amount+currency+date.

Each pass only looks at items no earlier pass matched, and within a pass the
first unmatched candidate (in input order) wins, so the result is deterministic.
A pair matched on an identifier is still compared: a different amount, currency
or date is reported as a *mismatch* — the case an operator has to look at.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from finmsg.reconcile.items import Item

__all__ = ["Match", "Reconciliation", "reconcile"]

Key = Callable[[Item], Iterable[Hashable]]


@dataclass(frozen=True, slots=True)
class Match:
    a: Item
    b: Item
    on: str
    mismatches: tuple[str, ...]


@dataclass(slots=True)
class Reconciliation:
    matched: list[Match] = field(default_factory=list)
    unmatched_a: list[Item] = field(default_factory=list)
    unmatched_b: list[Item] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "a": len(self.matched) + len(self.unmatched_a),
            "b": len(self.matched) + len(self.unmatched_b),
            "matched": len(self.matched),
            "mismatched": sum(1 for m in self.matched if m.mismatches),
            "unmatched_a": len(self.unmatched_a),
            "unmatched_b": len(self.unmatched_b),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "matched": [
                {"on": m.on, "mismatches": list(m.mismatches), "a": m.a.to_dict(), "b": m.b.to_dict()}
                for m in self.matched
            ],
            "unmatched_a": [i.to_dict() for i in self.unmatched_a],
            "unmatched_b": [i.to_dict() for i in self.unmatched_b],
        }


def _uetr(item: Item) -> Iterable[Hashable]:
    return [item.uetr] if item.uetr else []


def _e2e(item: Item) -> Iterable[Hashable]:
    return [item.end_to_end_id] if item.end_to_end_id else []


def _refs(item: Item) -> Iterable[Hashable]:
    return sorted(item.references)


def _amount_date(item: Item) -> Iterable[Hashable]:
    if item.amount is None or item.currency is None or item.date is None:
        return []
    return [(item.amount.normalize(), item.currency, item.date)]


PASSES: tuple[tuple[str, Key], ...] = (
    ("uetr", _uetr),
    ("end_to_end_id", _e2e),
    ("reference", _refs),
    ("amount_currency_date", _amount_date),
)


def _differences(a: Item, b: Item) -> tuple[str, ...]:
    found = []
    if a.amount is not None and b.amount is not None and a.amount != b.amount:
        found.append("amount")
    if a.currency and b.currency and a.currency != b.currency:
        found.append("currency")
    if a.date and b.date and a.date != b.date:
        found.append("date")
    return tuple(found)


def reconcile(side_a: list[Item], side_b: list[Item]) -> Reconciliation:
    """Pair items of ``side_a`` with items of ``side_b``; everything else is unmatched."""
    result = Reconciliation()
    open_a = list(range(len(side_a)))
    taken_b: set[int] = set()
    for name, key in PASSES:
        index: dict[Hashable, list[int]] = defaultdict(list)
        for j, item in enumerate(side_b):
            if j not in taken_b:
                for k in key(item):
                    index[k].append(j)
        still_open = []
        for i in open_a:
            partner = None
            for k in key(side_a[i]):
                partner = next((j for j in index.get(k, ()) if j not in taken_b), None)
                if partner is not None:
                    break
            if partner is None:
                still_open.append(i)
                continue
            taken_b.add(partner)
            a, b = side_a[i], side_b[partner]
            result.matched.append(Match(a, b, name, _differences(a, b)))
        open_a = still_open
    result.unmatched_a = [side_a[i] for i in open_a]
    result.unmatched_b = [item for j, item in enumerate(side_b) if j not in taken_b]
    return result
