"""Identifiers that several items of one side share: problems, and no ground for a fallback match.

A UETR, an end-to-end id or a reference is meant to name one payment. When two
items of the same side carry it (the same MT103 sent twice, a statement booking
one transfer twice), only one of them can match the other side's item, and the
other must not be paired with whatever unrelated entry happens to have the same
amount, currency and date: that would hide the duplicate behind a clean match.

Sharing is only a duplicate where the identifier is meant to be unique:

* an MT statement's reference for the account owner (field 61 subfield 7) is the
  translation's end-to-end id, but banks repeat it (German SEPA references such as
  ``TFNr 40005 MSGID``, PostFinance codes such as ``01916``): it is no key here
  (matching still uses it, see :mod:`finmsg.reconcile.match`), except between entries that
  nothing else tells apart (same account, amount, currency, date and direction): that is
  one entry booked twice;
* a reversal (camt ``RvslInd``, MT940 ``RC``/``RD``) undoes one booking and carries its
  identifiers: a booking and its reversal (and a booking again after that) are one payment;
* entries are counted per account: a transfer between two accounts of the same bank shows
  the same UETR or bank reference on both statements, once on each;
* payments and entries are counted apart: a side holding a payment and its booking is not
  holding the payment twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from finmsg.reconcile.accounts import account_key

if TYPE_CHECKING:
    from finmsg.reconcile.items import Item

__all__ = ["STRONG_KEYS", "duplicate_problems", "duplicated"]

#: (key name, label in messages, the item's values of that key): the identifiers matching trusts.
STRONG_KEYS: tuple[tuple[str, str, Callable[[Item], Iterable[str]]], ...] = (
    ("uetr", "UETR", lambda item: [item.uetr] if item.uetr else []),
    (
        "end_to_end_id",
        "end-to-end id",
        lambda item: [item.end_to_end_id] if item.end_to_end_id and not item.owner_reference else [],
    ),
    ("reference", "reference", lambda item: sorted(item.references)),
)

_SHOWN = 5  # occurrences named in a problem's message; the rest are counted


def duplicated(items: Sequence[Item]) -> dict[tuple[str, str], list[int]]:
    """(key name, value) → positions in ``items`` of the items that carry it more often than one
    payment can (an item that carries a value under two reference kinds counts once): see the
    module's rules for what is not a duplicate."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        for name, _, values in STRONG_KEYS:
            for value in dict.fromkeys(values(item)):
                seen[(name, value)].append(position)
    found = {}
    for key, positions in seen.items():
        if len(positions) > 1:
            clashing = _clashing(items, positions)
            if clashing:
                found[key] = clashing
    for value, positions in _twin_owner_references(items).items():
        key = ("end_to_end_id", value)
        found[key] = sorted({*found.get(key, ()), *positions})
    return found


def _twin_owner_references(items: Sequence[Item]) -> dict[str, list[int]]:
    """MT statement owner references (no key above) carried by entries that nothing else tells
    apart: the same account, amount, currency, date, direction and reversal mark. Banks reuse the
    reference across *different* entries; the same one twice is the entry booked twice, and left
    out it would be paired on amount, currency and date with an unrelated payment, hiding both."""
    twins: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        if item.owner_reference and item.end_to_end_id and item.amount is not None and item.date:
            money = (item.amount, item.currency, item.date, item.credit_debit, item.reversal)
            twins[(item.end_to_end_id, account_key(item.account), *money)].append(position)
    found: dict[str, list[int]] = defaultdict(list)
    for key, positions in twins.items():
        if len(positions) > 1:
            found[key[0]].extend(positions)
    return {value: sorted(positions) for value, positions in found.items()}


def _clashing(items: Sequence[Item], positions: list[int]) -> list[int]:
    """The positions, among items sharing one value, of those that duplicate each other: per
    record type and (entries) account, more bookings than reversals can undo plus one, or more
    reversals than bookings. A reversal undoes a booking of the *other* direction (an MT940
    ``RC``, reversal of a credit, is money out; a camt ``RvslInd`` entry shows the direction it
    moves), so a credit next to a credit marked as a reversal (``RD``: of a debit) is money in
    twice, not a booking and its reversal."""
    scopes: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position in positions:
        item = items[position]
        scopes[(item.record_type, account_key(item.account) if item.record_type == "entry" else "")].append(
            position
        )
    out: list[int] = []
    for group in scopes.values():
        reversals = sum(1 for p in group if items[p].reversal)
        bookings = len(group) - reversals
        if bookings > reversals + 1 or reversals > bookings or _unmatched_reversal(items, group):
            out.extend(group)
    return sorted(out)


def _unmatched_reversal(items: Sequence[Item], group: list[int]) -> bool:
    """Some direction has more reversals than there are bookings of the other direction to undo."""
    count: dict[tuple[bool, str | None], int] = defaultdict(int)
    for p in group:
        count[(items[p].reversal, items[p].credit_debit)] += 1
    return any(count[(True, moved)] > count[(False, undone)] for moved, undone in _OPPOSITE)


_OPPOSITE = (("CRDT", "DBIT"), ("DBIT", "CRDT"))


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
    detail = f" detail {item.detail_index}" if item.detail_index is not None else ""
    return f"{item.source}#{item.message_index} {item.record_type} {item.record_index}{detail}"
