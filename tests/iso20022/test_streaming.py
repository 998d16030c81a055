"""Streaming camt entries: same mapping as the in-memory reader, bounded memory, hardened parsing."""

from __future__ import annotations

import io
import subprocess
import sys
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.errors import LimitExceededError, ParseError
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.streaming import iter_entries
from finmsg.model.statements import ReportKind, Statement
from tests.iso20022.test_statements_support import CASES, FIXTURES, ensure_xsd_package

ensure_xsd_package()

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>BIG-1</MsgId><CreDtTm>2026-12-31T23:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>BIG-STMT-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Dt><Dt>2026-12-31</Dt></Dt></Bal>
"""
_ENTRY = """<Ntry><NtryRef>{n}</NtryRef><Amt Ccy="EUR">{n}.01</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-31</Dt></BookgDt><ValDt><Dt>2026-12-31</Dt></ValDt>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E-{n}</EndToEndId></Refs><Amt Ccy="EUR">{n}.01</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>Debtor number {n} Straße</Nm></Pty></Dbtr>
<DbtrAcct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>Invoice {n} remittance text long enough to look real</Ustrd></RmtInf>
</TxDtls></NtryDtls>
</Ntry>
"""
#: A lean entry keeps the 20k-entry memory tests fast (mapping cost is per element, not per byte).
_LEAN_ENTRY = """<Ntry><NtryRef>{n}</NtryRef><Amt Ccy="EUR">{n}.01</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-31</Dt></BookgDt><AddtlNtryInf>Booking {n} of the year-end run
</AddtlNtryInf></Ntry>
"""
_TAIL = "</Stmt></BkToCstmrStmt></Document>\n"


def _generate(path: Path, count: int, entry: str = _ENTRY) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(_HEAD)
        for n in range(1, count + 1):
            out.write(entry.format(n=n))
        out.write(_TAIL)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stream") / "camt053-20k.xml"
    _generate(path, 20_000, _LEAN_ENTRY)
    return path


def test_generated_entries_map_fully(tmp_path: Path) -> None:
    path = tmp_path / "camt053-200.xml"
    _generate(path, 200)
    items = list(iter_entries(path))
    assert len(items) == 200 and all(i.diagnostics == () for i in items)
    last = items[-1].entry
    assert last is not None and last.details[0].transactions[0].refs is not None
    assert last.details[0].transactions[0].refs.end_to_end_id == "E2E-200"


@pytest.mark.parametrize("case", CASES)
def test_streamed_entries_equal_in_memory_entries(case: str) -> None:
    path = FIXTURES / case / "input.xml"
    message = read_iso(path.read_bytes(), {}).value
    assert isinstance(message, Statement)
    streamed = list(iter_entries(path))
    expected = [(r, e) for r in message.reports for e in r.entries]
    assert [s.entry for s in streamed] == [e for _, e in expected]
    for item, (report, _) in zip(streamed, expected, strict=True):
        assert item.message_type == message.message_type and item.kind is message.kind
        assert item.group_header == message.group_header
        assert item.header == message.header
        assert item.report is not None and item.report.id == report.id
        assert item.report.account == report.account and item.report.balances == report.balances
        assert item.report.entries == () and item.diagnostics == ()


def test_stream_context_and_paths() -> None:
    items = list(iter_entries(FIXTURES / "camt053-multi-stmt" / "input.xml"))
    assert [i.path for i in items] == [
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]",
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]",
        "/Document/BkToCstmrStmt/Stmt[2]/Ntry[1]",
    ]
    assert [i.report.id for i in items if i.report] == ["STMT-CH93-1127", "STMT-CH93-1127", "STMT-GB29-1127"]
    assert items[2].kind is ReportKind.STATEMENT and items[2].entry is not None
    assert items[2].entry.amount.value == Decimal("120.5")


def test_several_documents_in_one_file() -> None:
    one = (FIXTURES / "camt054-bah-credit" / "input.xml").read_text(encoding="utf-8").split("?>", 1)[1]
    two = (FIXTURES / "camt054-debit-batch" / "input.xml").read_text(encoding="utf-8").split("?>", 1)[1]
    data = f"<Batch>{one}{two}</Batch>".encode()
    items = list(iter_entries(io.BytesIO(data)))
    assert [i.group_header.message_id for i in items if i.group_header] == [
        "NTF-CR-20261204-77",
        "AT-DBIT-20261205-003",
    ]
    assert items[0].header is not None and items[0].header.from_bic == "BARCGB22XXX"
    assert items[1].header is None  # the second Document has no AppHdr


def test_skipping_details_is_explicit() -> None:
    items = list(iter_entries(FIXTURES / "camt054-debit-batch" / "input.xml", {"include_details": False}))
    assert items[0].entry is not None and items[0].entry.details == ()


def test_bad_entry_is_a_diagnostic() -> None:
    data = (FIXTURES / "camt053-v04-returns" / "input.xml").read_bytes().replace(b"<Sts>BOOK</Sts>", b"", 1)
    (item,) = iter_entries(io.BytesIO(data))
    assert item.entry is None
    assert [(d.code, d.path) for d in item.diagnostics] == [
        ("iso.structure.incomplete", "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]")
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            b'<!DOCTYPE d [<!ENTITY a "x">]>'
            b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"/>',
            "dtd",
        ),
        (b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>', "syntax"),
        (b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"/>', "unsupported"),
    ],
)
def test_bad_input_raises_typed_errors(data: bytes, error: str) -> None:
    expected = LimitExceededError if error == "dtd" else ParseError
    with pytest.raises(expected) as info:
        list(iter_entries(io.BytesIO(data)))
    assert error in info.value.code


@pytest.mark.slow
def test_20k_entries_stream_in_bounded_python_memory(big_file: Path) -> None:
    size = big_file.stat().st_size
    entries = iter_entries(big_file)
    first = next(entries)  # warm-up outside the measurement: lazy imports, regex and type caches
    assert first.entry is not None
    count, total = 1, first.entry.amount.value
    tracemalloc.start()
    try:
        for item in entries:
            assert item.entry is not None
            count += 1
            total += item.entry.amount.value
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert total == sum(Decimal(f"{n}.01") for n in range(1, 20_001))
    assert peak < size / 20, f"peak {peak} bytes for a {size}-byte file"


_RSS_PROBE = """
import resource, sys
from finmsg.iso20022.streaming import iter_entries
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
n = sum(1 for _ in iter_entries(sys.argv[1]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(n, (after - before) * 1024)
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB is Linux behaviour")
def test_20k_entries_stream_in_bounded_process_memory(big_file: Path) -> None:
    """tracemalloc cannot see libxml2's C heap: the process high-water mark covers the tree too."""
    out = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, str(big_file)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    count, growth = (int(v) for v in out.stdout.split())
    assert count == 20_000
    assert growth < big_file.stat().st_size / 4, (
        f"RSS grew {growth} bytes streaming {big_file.stat().st_size}"
    )
