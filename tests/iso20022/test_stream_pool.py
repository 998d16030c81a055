"""The worker pool's transport rebuilds exactly what the worker mapped.

:mod:`finmsg.iso20022.stream_pool` pickles model objects through its own per-class
reductions (``(cls, field values)``). Whatever the shape of the mapped values (enums,
decimals, dates, timestamps, extras, nested tuples, diagnostics), the parent must get back
objects equal to and of the very types of what was sent; classes the reduction does not
cover (keyword-only fields, a generated init) must still travel the default way.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ParseError
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.stream_pool import _ModelPickler, map_run_pickled, unpickle_run
from finmsg.iso20022.streaming import iter_entries
from finmsg.model.common import Amount, PartyKind
from tests.iso20022.test_statements_support import CASES, FIXTURES, ensure_xsd_package

ensure_xsd_package()


@dataclasses.dataclass(frozen=True, slots=True)
class _KeywordOnly:
    """Not rebuildable positionally: must travel through the default reduction."""

    a: int
    b: str = dataclasses.field(kw_only=True, default="x")


@dataclasses.dataclass(frozen=True, slots=True)
class _Single:
    value: Decimal


def _round_trip(value: object) -> Any:
    out = io.BytesIO()
    _ModelPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return pickle.loads(out.getvalue())


def _shape(value: object) -> object:
    """``value`` as nested (type name, parts): equal shapes mean equal values of equal types."""
    kind = type(value).__qualname__
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return kind, tuple(_shape(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list)):
        return kind, tuple(_shape(v) for v in value)
    if isinstance(value, dict):
        return kind, tuple((_shape(k), _shape(v)) for k, v in value.items())
    return kind, repr(value)


@pytest.mark.parametrize("case", CASES)
def test_statement_models_survive_the_transport(case: str) -> None:
    result = read_iso((FIXTURES / case / "input.xml").read_bytes(), {})
    sent = (result.value, tuple(result.diagnostics))
    back = _round_trip(sent)
    assert back == sent
    assert _shape(back) == _shape(sent)


def test_values_outside_the_model_keep_their_types() -> None:
    sent = [
        Amount(Decimal("12.50"), "EUR"),
        PartyKind.PERSON,
        date(2026, 11, 30),
        Decimal("-0.00"),
        _KeywordOnly(3, b="y"),
        _Single(Decimal("7")),
        Amount,
        Diagnostic("iso.x", Severity.WARNING, "m", path="/a"),
    ]
    back = _round_trip(sent)
    assert back == sent
    assert back[1] is PartyKind.PERSON and back[6] is Amount
    assert str(back[3]) == "-0.00" and back[4].b == "y"
    assert _shape(back) == _shape(sent)


def test_shared_values_stay_shared_within_a_run() -> None:
    """Two entries on the same booking date share one date object after the transport too."""
    run = b"".join(
        b'<Ntry><Amt Ccy="EUR">%d.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>'
        b"<BookgDt><Dt>2026-11-30</Dt></BookgDt></Ntry>" % n
        for n in (1, 2)
    )
    nsmap: dict[str | None, str] = {None: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"}
    (first, _), (second, _) = unpickle_run(map_run_pickled(run, nsmap, "/D/S[1]/Ntry", 1, True))
    assert first is not None and second is not None
    assert first.amount == Amount(Decimal("1.00"), "EUR") and second.amount.value == Decimal("2.00")
    assert first.booking_date is not None and first.booking_date.date == date(2026, 11, 30)
    assert first.booking_date is second.booking_date


def _statement(count: int, broken: int | None = None) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>'
        "<GrpHdr><MsgId>POOL</MsgId><CreDtTm>2026-11-30T01:00:00Z</CreDtTm></GrpHdr>"
        "<Stmt><Id>S-POOL</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n"
    )
    entries = []
    for n in range(1, count + 1):
        ref = f"<NtryRef>{n}</NtryRefX>" if n == broken else f"<NtryRef>{n}</NtryRef>"
        entries.append(
            f'<Ntry>{ref}<Amt Ccy="EUR">{n}.10</Amt><CdtDbtInd>DBIT</CdtDbtInd>'
            "<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-30</Dt></BookgDt>"
            f"<NtryDtls><TxDtls><Refs><EndToEndId>E-{n}</EndToEndId></Refs>"
            f"<RltdPties><Cdtr><Pty><Nm>Creditor {n}</Nm></Pty></Cdtr></RltdPties>"
            "</TxDtls></NtryDtls></Ntry>\n"
        )
    return (head + "".join(entries) + "</Stmt></BkToCstmrStmt></Document>\n").encode()


@pytest.mark.parametrize("workers", [2, 3])
def test_runs_shared_between_pool_and_parent_stay_in_order(workers: int) -> None:
    """Small runs outpace the pool, so some are mapped in the parent: order and paths hold."""
    data = _statement(120)
    alone = list(iter_entries(io.BytesIO(data)))
    shared = list(iter_entries(io.BytesIO(data), {"workers": workers, "run_bytes": 700}))
    assert [item.path for item in shared[:2]] == [
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]",
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]",
    ]
    assert len(shared) == 120 and shared == alone
    assert shared[119].entry is not None and shared[119].entry.amount.value == Decimal("120.10")


def test_a_malformed_run_fails_alike_with_a_shared_pool() -> None:
    data = _statement(60, broken=41)
    with pytest.raises(ParseError) as alone:
        for _ in iter_entries(io.BytesIO(data)):
            pass
    seen = []
    with pytest.raises(ParseError) as shared:
        for item in iter_entries(io.BytesIO(data), {"workers": 2, "run_bytes": 500}):
            seen.append(item)
    assert len(seen) == 40 and seen[-1].index == 40
    # Two header lines, then one line per entry: entry 41 is on line 43.
    expected = ("xml.syntax", "line 43")
    assert (alone.value.code, alone.value.path) == expected
    assert (shared.value.code, shared.value.path) == expected
