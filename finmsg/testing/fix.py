"""hypothesis strategies for FIX trading messages (D, 8, AE, J) that are valid FIX 4.4.

Why: property tests (``read(write(m)) == m``) and users' own tests need models
that a FIX 4.4 counterparty would accept: required tags present, enum values
from the dictionary, text without delimiters, decimals and timestamps in the
exact form the reader produces (so equality after a round trip is meaningful).

    from hypothesis import given
    from finmsg.testing.fix import new_order_singles

    @given(new_order_singles())
    def test_roundtrip(msg): ...
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from hypothesis import strategies as st

from finmsg.fix.values import timestamp_from_datetime
from finmsg.model.common import Extra
from finmsg.model.trading import (
    AllocationEntry,
    AllocationInstruction,
    ExecutionReport,
    Instrument,
    NewOrderSingle,
    PartySubId,
    TradeCaptureReport,
    TradeSide,
    TradingParty,
    UtcTimestamp,
)

__all__ = [
    "allocation_instructions",
    "execution_reports",
    "fix_text",
    "instruments",
    "parties",
    "quantities",
    "trade_capture_reports",
    "trading_messages",
    "utc_timestamps",
]

_SAFE = st.characters(min_codepoint=0x20, max_codepoint=0x7E, blacklist_characters="|")


def fix_text(max_size: int = 20) -> st.SearchStrategy[str]:
    """Non-empty printable ASCII without the SOH or ``|`` delimiters."""
    return st.text(_SAFE, min_size=1, max_size=max_size)


def _ids() -> st.SearchStrategy[str]:
    return st.text(st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-"), min_size=1, max_size=16)


@st.composite
def utc_timestamps(draw: st.DrawFn) -> UtcTimestamp:
    """UTC timestamps with 0, 3, 6 or 9 fractional digits (FIX UTCTimestamp)."""
    moment = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)))
    precision = draw(st.sampled_from((0, 3, 6, 9)))
    nanos = draw(st.integers(0, 999_999_999))
    return timestamp_from_datetime(moment.replace(tzinfo=timezone.utc), nanos, precision)


def quantities(places: int = 4, max_value: int = 10**9) -> st.SearchStrategy[Decimal]:
    """Non-negative decimals as FIX writes them (no exponent, no sign)."""
    return st.decimals(min_value=0, max_value=max_value, places=places, allow_nan=False, allow_infinity=False)


def _dates() -> st.SearchStrategy[str]:
    return st.dates(min_value=datetime(1990, 1, 1).date(), max_value=datetime(2099, 12, 31).date()).map(
        lambda d: d.strftime("%Y%m%d")
    )


@st.composite
def parties(draw: st.DrawFn, max_size: int = 3) -> tuple[TradingParty, ...]:
    """Parties with FIX 4.4 PartyIDSource/PartyRole codes and optional sub-ids."""
    out = []
    for _ in range(draw(st.integers(0, max_size))):
        subs = draw(
            st.lists(st.builds(PartySubId, _ids(), st.sampled_from(["1", "2", "4", "10"])), max_size=2)
        )
        out.append(
            TradingParty(
                id=draw(_ids()),
                source=draw(st.sampled_from(["B", "C", "D", "G", "H"])),
                role=draw(st.sampled_from(["1", "3", "11", "13", "17", "24"])),
                sub_ids=tuple(subs),
            )
        )
    return tuple(out)


@st.composite
def instruments(draw: st.DrawFn) -> Instrument:
    """Symbol plus an ISIN/CUSIP/SEDOL/RIC-style id with its SecurityIDSource, and a CFI code."""
    source = draw(st.sampled_from(["1", "2", "4", "5"]))
    return Instrument(
        symbol=draw(_ids()),
        security_id=draw(_ids()),
        security_id_source=source,
        cfi_code=draw(
            st.none() | st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=6, max_size=6)
        ),
    )


def _header() -> dict[str, st.SearchStrategy[object]]:
    return {
        "sender_comp_id": _ids(),
        "target_comp_id": _ids(),
        "msg_seq_num": st.integers(1, 10**7),
        "sending_time": utc_timestamps(),
    }


@st.composite
def _allocations(draw: st.DrawFn) -> tuple[AllocationEntry, ...]:
    entries = []
    for _ in range(draw(st.integers(0, 3))):
        nested = draw(parties(max_size=2))
        entries.append(
            AllocationEntry(account=draw(_ids()), qty=draw(st.none() | quantities()), parties=nested)
        )
    return tuple(entries)


def new_order_singles() -> st.SearchStrategy[NewOrderSingle]:
    """Valid FIX 4.4 NewOrderSingle (D) models."""
    return st.builds(
        NewOrderSingle,
        **_header(),
        cl_ord_id=_ids(),
        side=st.sampled_from(["1", "2", "5"]),
        transact_time=utc_timestamps(),
        ord_type=st.sampled_from(["1", "2"]),
        order_qty=quantities(),
        price=st.none() | quantities(),
        time_in_force=st.none() | st.sampled_from(["0", "1", "3"]),
        account=st.none() | _ids(),
        text=st.none() | fix_text(),
        instrument=instruments(),
        parties=parties(),
        allocations=_allocations(),
    )


def execution_reports() -> st.SearchStrategy[ExecutionReport]:
    """Valid FIX 4.4 ExecutionReport (8) models."""
    return st.builds(
        ExecutionReport,
        **_header(),
        order_id=_ids(),
        exec_id=_ids(),
        exec_type=st.sampled_from(["0", "4", "F"]),
        ord_status=st.sampled_from(["0", "1", "2", "4"]),
        side=st.sampled_from(["1", "2"]),
        leaves_qty=quantities(),
        cum_qty=quantities(),
        avg_px=quantities(),
        last_qty=st.none() | quantities(),
        last_px=st.none() | quantities(),
        cl_ord_id=st.none() | _ids(),
        transact_time=st.none() | utc_timestamps(),
        instrument=instruments(),
        parties=parties(),
    )


@st.composite
def _sides(draw: st.DrawFn) -> tuple[TradeSide, ...]:
    return tuple(
        TradeSide(
            side=draw(st.sampled_from(["1", "2"])),
            order_id=draw(_ids()),
            account=draw(st.none() | _ids()),
            parties=draw(parties(max_size=2)),
            allocations=draw(_allocations()),
        )
        for _ in range(draw(st.integers(1, 2)))
    )


def trade_capture_reports() -> st.SearchStrategy[TradeCaptureReport]:
    """Valid FIX 4.4 TradeCaptureReport (AE) models; PreviouslyReported (570) rides in extras."""
    return st.builds(
        TradeCaptureReport,
        **_header(),
        trade_report_id=_ids(),
        last_qty=quantities(),
        last_px=quantities(),
        trade_date=_dates(),
        transact_time=utc_timestamps(),
        instrument=instruments(),
        sides=_sides(),
        extras=st.sampled_from([(Extra("fix", "FIX:570", "N"),), (Extra("fix", "FIX:570", "Y"),)]),
    )


def allocation_instructions() -> st.SearchStrategy[AllocationInstruction]:
    """Valid FIX 4.4 AllocationInstruction (J) models; AllocNoOrdersType (857) rides in extras."""
    return st.builds(
        AllocationInstruction,
        **_header(),
        alloc_id=_ids(),
        alloc_trans_type=st.sampled_from(["0", "1", "2"]),
        alloc_type=st.sampled_from(["1", "2", "5"]),
        side=st.sampled_from(["1", "2"]),
        quantity=quantities(),
        avg_px=quantities(),
        trade_date=_dates(),
        instrument=instruments(),
        parties=parties(),
        allocations=_allocations(),
        extras=st.sampled_from([(Extra("fix", "FIX:857", "0"),), (Extra("fix", "FIX:857", "1"),)]),
    )


def trading_messages() -> st.SearchStrategy[
    NewOrderSingle | ExecutionReport | TradeCaptureReport | AllocationInstruction
]:
    """Any of D, 8, AE, J."""
    return st.one_of(
        new_order_singles(), execution_reports(), trade_capture_reports(), allocation_instructions()
    )
