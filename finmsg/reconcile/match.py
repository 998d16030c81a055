"""Matching two item sets: by UETR, then end-to-end id, then references, then amount+currency+date.

Each pass only looks at items no earlier pass matched, and within a pass the
first unmatched candidate (in input order) wins, so the result is deterministic;
an identifier pass prefers a candidate that moves in the expected direction. An
MT statement's reference for the account owner that several items of a side share
pairs only items that also agree on amount, currency and date.
A pair matched on an identifier is still compared: a different amount, currency,
date or direction (credit/debit) is reported as a *mismatch* — the case an
operator has to look at. The last pass, which trusts no identifier, pairs
neither opposite directions nor an item whose identifier is duplicated on its
side (:mod:`finmsg.reconcile.duplicates`), nor items that contradict each other:
two entries on different IBANs, a payment and an entry on an IBAN that is neither
of the payment's, or two different end-to-end ids (one cut from the other, as a
16-character MT reference is, is no contradiction; an MT owner reference
contradicts only another one). A pair it makes while
another open item has the same amount, currency and date is marked ``ambiguous``
among its mismatches: which of them is the partner is a guess the operator checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from stdnum import iban

from finmsg.reconcile.accounts import account_forms, account_key
from finmsg.reconcile.duplicates import duplicated
from finmsg.reconcile.items import Item

__all__ = ["Match", "Reconciliation", "expected_direction", "reconcile"]

Key = Callable[[Item], Iterable[Hashable]]


@dataclass(frozen=True, slots=True)
class Match:
    a: Item
    b: Item
    on: str
    mismatches: tuple[str, ...]
    #: the UETR, end-to-end id or reference both items carry; ``None`` for ``amount_currency_date``
    key: str | None = None


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
                {
                    "on": m.on,
                    "key": m.key,
                    "mismatches": list(m.mismatches),
                    "a": m.a.to_dict(),
                    "b": m.b.to_dict(),
                }
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


_FALLBACK = "amount_currency_date"

PASSES: tuple[tuple[str, Key], ...] = (
    ("uetr", _uetr),
    ("end_to_end_id", _e2e),
    ("reference", _refs),
    (_FALLBACK, _amount_date),
)


def expected_direction(payment: Item, entry: Item) -> str:
    """The direction ``payment`` must have on the statement that holds ``entry``.

    A payment we sent leaves our account: ``DBIT``. Only a statement of the payment's creditor
    account (the statement's account is the payment's creditor account, not its debtor account)
    shows it as money in: ``CRDT``. Without accounts to compare, the payment is taken as sent,
    as ``finmsg reconcile`` documents for side A.
    """
    account = account_forms(entry.account)
    creditor, debtor = account_forms(payment.creditor_account), account_forms(payment.debtor_account)
    theirs = bool(account & creditor) and not account & debtor
    return "CRDT" if theirs else "DBIT"


def _opposite(a: Item, b: Item) -> bool:
    """True when ``a`` and ``b`` cannot be the same money because they move in opposite directions:
    two entries (statement against statement) must agree; a payment must take its expected
    direction on the other side's statement; two payments carry no direction to compare."""
    if a.record_type == "entry" and b.record_type == "entry":
        return bool(a.credit_debit and b.credit_debit and a.credit_debit != b.credit_debit)
    if a.record_type == "payment" and b.record_type == "entry" and b.credit_debit:
        return b.credit_debit != expected_direction(a, b)
    if a.record_type == "entry" and b.record_type == "payment" and a.credit_debit:
        return a.credit_debit != expected_direction(b, a)
    return False


def _differences(a: Item, b: Item) -> tuple[str, ...]:
    found = []
    if a.amount is not None and b.amount is not None and a.amount != b.amount:
        found.append("amount")
    if a.currency and b.currency and a.currency != b.currency:
        found.append("currency")
    if a.date and b.date and a.date != b.date:
        found.append("date")
    if _opposite(a, b):
        found.append("credit_debit")
    return tuple(found)


def _contradict(a: Item, b: Item) -> bool:
    """``a`` and ``b`` cannot be the same money, whatever their amounts say (see the module's
    docstring): used by the pass that trusts no identifier, where an equal amount is all they
    have in common."""
    if a.record_type == "entry" and b.record_type == "entry":
        if _other_iban(_ibans(a.account), _ibans(b.account)):
            return True
    elif {a.record_type, b.record_type} == {"payment", "entry"}:
        payment, entry = (a, b) if a.record_type == "payment" else (b, a)
        parties = _ibans(payment.debtor_account) | _ibans(payment.creditor_account)
        if _other_iban(_ibans(entry.account), parties):
            return True
    if a.owner_reference != b.owner_reference:
        # An MT statement's owner reference against another kind of id: a weak key (banks put
        # their own codes there, docs/reconcile.md), so a different value contradicts nothing.
        # Two statements' owner references (the same booking on both) must agree.
        return False
    x, y = (a.end_to_end_id or "").rstrip("+").upper(), (b.end_to_end_id or "").rstrip("+").upper()
    return bool(x and y) and not (x.startswith(y) or y.startswith(x))


def _ibans(account: str | None) -> frozenset[str]:
    """The IBANs an account text holds (:func:`account_forms` keeps other spellings too)."""
    return frozenset(form for form in account_forms(account) if iban.is_valid(form))


def _other_iban(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Both sides name their account by IBAN, and by different ones. Any other spelling (a
    German ``BLZ/Konto``, a BBAN, a bank's own number) may be the same account as an IBAN, so
    it contradicts nothing: a review found MT940s of ``37040044/0532013000`` no longer pairing
    with the camt.053 of ``DE89370400440532013000``."""
    return bool(mine and theirs and not mine & theirs)


def _crowded(side: list[Item], positions: Iterable[int]) -> set[Hashable]:
    """The amount, currency and date keys that several of ``positions`` share while moving the
    same way on the same account: items the pass could not tell apart. (A booking and its
    reversal, or the two legs of an internal transfer, share the amount but not the rest.)"""
    seen: dict[Hashable, set[tuple[str | None, str]]] = defaultdict(set)
    counted: dict[Hashable, int] = defaultdict(int)
    for position in positions:
        item = side[position]
        for k in _amount_date(item):
            counted[(k, item.credit_debit, account_key(item.account))] += 1
            seen[k].add((item.credit_debit, account_key(item.account)))
    return {k for k, ways in seen.items() if any(counted[(k, *way)] > 1 for way in ways)}


def _loosely_shared(items: list[Item]) -> set[Hashable]:
    """End-to-end ids that several items of one side carry where one of them is an MT statement's
    reference for the account owner (:attr:`Item.owner_reference`): banks repeat such a reference,
    so it tells its items apart from nothing; the pass pairs on it only where amount, currency
    and date agree too, instead of taking whichever sharer comes first."""
    carriers: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.end_to_end_id:
            carriers[item.end_to_end_id].append(item)
    return {v for v, found in carriers.items() if len(found) > 1 and any(i.owner_reference for i in found)}


def _same_money(a: Item, b: Item) -> bool:
    """Same amount, currency and date (all known): what tells apart the items of a shared reference."""
    mine = _amount_date(a)
    return bool(mine) and mine == _amount_date(b)


def reconcile(side_a: list[Item], side_b: list[Item]) -> Reconciliation:
    """Pair items of ``side_a`` with items of ``side_b``; everything else is unmatched."""
    result = Reconciliation()
    open_a = list(range(len(side_a)))
    taken_b: set[int] = set()
    shared_a = {p for positions in duplicated(side_a).values() for p in positions}
    shared_b = {p for positions in duplicated(side_b).values() for p in positions}
    loose = _loosely_shared(side_a) | _loosely_shared(side_b)

    def _free(j: int, a: Item, same_direction: bool, fallback: bool) -> bool:
        """``side_b[j]`` is still open, (when asked) moves in ``a``'s direction, and (in the
        pass that trusts no identifier) does not contradict ``a``."""
        if j in taken_b or (same_direction and _opposite(a, side_b[j])):
            return False
        return not (fallback and _contradict(a, side_b[j]))

    for name, key in PASSES:
        fallback = name == _FALLBACK
        index: dict[Hashable, list[int]] = defaultdict(list)
        for j, item in enumerate(side_b):
            if j not in taken_b and not (fallback and j in shared_b):
                for k in key(item):
                    index[k].append(j)
        # An identifier pass first pairs items that move the same way, then the rest (reported as
        # credit_debit mismatches): a booking and its reversal share the payment's identifiers, and
        # the booking, not whichever of the two comes first, is the payment's partner.
        crowded: set[Hashable] = set()
        if fallback:
            open_b = [j for j in range(len(side_b)) if j not in taken_b and j not in shared_b]
            crowded = _crowded(side_a, [i for i in open_a if i not in shared_a]) | _crowded(side_b, open_b)
        for same_direction in (True,) if fallback else (True, False):
            still_open = []
            for i in open_a:
                a = side_a[i]
                partner, matched_key = None, None
                if not (fallback and i in shared_a):
                    for k in key(a):
                        sharers = index.get(k, ())
                        if name == "end_to_end_id" and k in loose:  # only the sharer of a's amount and date
                            sharers = [j for j in sharers if _same_money(a, side_b[j])]
                        partner = next((j for j in sharers if _free(j, a, same_direction, fallback)), None)
                        if partner is not None:
                            matched_key = None if fallback else str(k)
                            break
                if partner is None:
                    still_open.append(i)
                    continue
                taken_b.add(partner)
                b = side_b[partner]
                differences = _differences(a, b)
                if fallback and crowded.intersection(key(a)):
                    differences += ("ambiguous",)
                result.matched.append(Match(a, b, name, differences, matched_key))
            open_a = still_open
    result.unmatched_a = [side_a[i] for i in open_a]
    result.unmatched_b = [item for j, item in enumerate(side_b) if j not in taken_b]
    return result
