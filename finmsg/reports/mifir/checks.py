"""Checks beyond the XSD: what a regulator rejects although the auth.016 document is schema-valid.

Each check has an id; all run over a :class:`TxRecord`, so they apply to any
record however it was built (FIX mapping, a user's own code).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.reports.mifir.concat import CONCAT_SHAPE
from finmsg.reports.mifir.record import Decider, Person, ReportParty, TxRecord
from finmsg.standards import cfi, isin, lei, mic

__all__ = ["check_record"]

#: RTS 22 trading date time: UTC with ``Z``; fraction digits as precise as the source.
_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z")
_NO_PRICE_TYPES_FOR_UNITS = frozenset({"Pctg", "Yld"})


def _error(code: str, path: str, message: str, original: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, path=path, rule=code, original=original)


def _leis(record: TxRecord) -> Iterator[tuple[str, str]]:
    yield "ExctgPty", record.executing_lei
    yield "SubmitgPty", record.submitting_lei
    for name, party in (("Buyr", record.buyer), ("Sellr", record.seller)):
        if party is None:
            continue
        if party.lei:
            yield f"{name}/AcctOwnr/Id/LEI", party.lei
        if party.decision_maker_lei:
            yield f"{name}/DcsnMakr/LEI", party.decision_maker_lei


def _persons(record: TxRecord) -> Iterator[tuple[str, Person]]:
    parties: tuple[tuple[str, ReportParty | None], ...] = (("Buyr", record.buyer), ("Sellr", record.seller))
    for name, party in parties:
        if party is not None and party.person is not None:
            yield f"{name}/AcctOwnr/Id/Prsn", party.person
        if party is not None and party.decision_maker is not None:
            yield f"{name}/DcsnMakr/Prsn", party.decision_maker
    deciders: tuple[tuple[str, Decider | None], ...] = (
        ("InvstmtDcsnPrsn", record.investment_decision),
        ("ExctgPrsn", record.execution),
    )
    for name, decider in deciders:
        if decider is not None and decider.person is not None:
            yield f"{name}/Prsn", decider.person


def check_record(record: TxRecord) -> list[Diagnostic]:
    """Every check finding of ``record`` (empty when it may be reported)."""
    out: list[Diagnostic] = []
    for path, value in _leis(record):
        if not lei.is_valid(value):
            out.append(
                _error("MIFIR-LEI", path, f"{value!r} is not a valid LEI (ISO 17442 check digits)", value)
            )
    if record.cancel:
        return out
    if record.isin is not None and not isin.is_valid(record.isin):
        out.append(
            _error(
                "MIFIR-ISIN",
                "FinInstrm/Id",
                f"{record.isin!r} fails the ISIN (ISO 6166) check digit",
                record.isin,
            )
        )
    if record.cfi is not None and not cfi.is_valid(record.cfi):
        out.append(
            _error(
                "MIFIR-CFI", "FinInstrm", f"{record.cfi!r} is not a valid CFI code (ISO 10962)", record.cfi
            )
        )
    if record.venue is not None and not (
        mic.is_valid(record.venue) or record.venue in ("XOFF", "XXXX", "SINT")
    ):
        out.append(
            _error(
                "MIFIR-MIC",
                "Tx/TradVn",
                f"{record.venue!r} is not a MIC (ISO 10383), XOFF, XXXX or SINT",
                record.venue,
            )
        )
    for path, person in _persons(record):
        if person.scheme == "CONC" and not CONCAT_SHAPE.fullmatch(person.id):
            out.append(
                _error(
                    "MIFIR-CONCAT",
                    f"{path}/Othr/Id",
                    f"{person.id!r} is not a CONCAT id built per "
                    "RTS 22 (country, YYYYMMDD, 5 + 5 name characters padded with #)",
                    person.id,
                )
            )
    if record.trade_time is not None:
        match = _UTC.fullmatch(record.trade_time)
        digits = len(match.group(1)) - 1 if match and match.group(1) else 0
        if match is None:
            out.append(
                _error(
                    "MIFIR-TIME",
                    "Tx/TradDt",
                    "trading date time must be UTC ending in 'Z'",
                    record.trade_time,
                )
            )
        elif record.trade_time_precision is not None and digits != record.trade_time_precision:
            out.append(
                _error(
                    "MIFIR-TIME",
                    "Tx/TradDt",
                    f"trading date time has {digits} fraction digits but "
                    f"the source had {record.trade_time_precision}",
                    record.trade_time,
                )
            )
    if record.price is not None and record.quantity is not None:
        if record.price.kind in _NO_PRICE_TYPES_FOR_UNITS and record.quantity.kind == "Unit":
            out.append(
                _error(
                    "MIFIR-PRICE-QTY",
                    "Tx/Pric",
                    f"a {record.price.kind} price needs a nominal or monetary quantity, not units",
                )
            )
        if record.price.kind == "MntryVal" and record.quantity.kind == "NmnlVal":
            out.append(
                _error(
                    "MIFIR-PRICE-QTY",
                    "Tx/Pric",
                    "a monetary price per unit needs a unit quantity, not a nominal value",
                )
            )
    if record.quantity is not None and record.quantity.value <= 0:
        out.append(
            _error(
                "MIFIR-QTY",
                "Tx/Qty",
                f"quantity must be greater than zero, got {record.quantity.value}",
                str(record.quantity.value),
            )
        )
    return out
