"""Streaming by byte runs: every way of cutting the input gives the in-memory reader's entries.

The streamer cuts runs of ``<Ntry>`` out of the bytes and parses each run at once; it must
hand comments, CDATA, processing instructions, prefixed tags and non-UTF-8 encodings over to
the plain pull-parser walk, and a worker pool must give back the same entries in order.
Expected entries come from the in-memory reader (``read_iso``), a separate code path.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.errors import ParseError
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.stream_pool import map_run_pickled, unpickle_run
from finmsg.iso20022.stream_runs import RAW, RUN, SKELETON, RunError, map_run, scan
from finmsg.iso20022.streaming import StreamedEntry, iter_entries
from finmsg.model.statements import Entry, Statement
from tests.iso20022.test_statements_support import CASES, FIXTURES, ensure_xsd_package
from tests.iso20022.test_streaming import _ENTRY, _HEAD, _TAIL

ensure_xsd_package()

#: Tiny blocks and one-entry runs: every entry and tag boundary falls across a block edge.
TINY: dict[str, object] = {"block_bytes": 61, "run_bytes": 1}


def _expected(data: bytes) -> list[tuple[str, Entry]]:
    message = read_iso(data, {}).value
    assert isinstance(message, Statement)
    return [(r.id, e) for r in message.reports for e in r.entries]


def _streamed(data: bytes, options: Mapping[str, object] | None = None) -> list[StreamedEntry]:
    return list(iter_entries(io.BytesIO(data), options))


def _summary(items: list[StreamedEntry]) -> list[tuple[str, Entry | None]]:
    return [(i.report.id if i.report else "", i.entry) for i in items]


def _generated(count: int) -> bytes:
    return (_HEAD + "".join(_ENTRY.format(n=n) for n in range(1, count + 1)) + _TAIL).encode()


@pytest.mark.parametrize("case", CASES)
def test_tiny_blocks_and_fallbacks_give_the_in_memory_entries(case: str) -> None:
    data = (FIXTURES / case / "input.xml").read_bytes()
    expected = _expected(data)
    plain = _streamed(data)
    assert _summary(plain) == expected
    assert _streamed(data, TINY) == plain
    # A comment right after the XML declaration: nothing may be cut, the pull parser does it all.
    commented = re.sub(rb"(\?>)", rb"\1<!-- <Ntry> in a comment is not an entry -->", data, count=1)
    assert _streamed(commented) == plain


def test_scan_pieces_rebuild_the_input_and_stop_cutting_at_cdata() -> None:
    data = _generated(40).replace(b"Invoice 30 ", b"<![CDATA[<Ntry>]]> Invoice 30 ")
    pieces = list(scan(io.BytesIO(data), run_bytes=2000, size=500))
    assert b"".join(p[1] for p in pieces) == data
    kinds = [p[0] for p in pieces]
    assert kinds[0] == SKELETON and RUN in kinds and kinds[-1] == RAW
    cut = sum(p[2] for p in pieces if p[0] == RUN)
    assert cut == 29  # entries 1..29 precede the CDATA section; 30..40 go through the pull parser
    items = _streamed(data, {"block_bytes": 500, "run_bytes": 2000})
    assert [i.index for i in items] == list(range(1, 41))
    rmt = items[29].entry.details[0].transactions[0].remittance if items[29].entry else None
    assert rmt is not None and rmt.unstructured[0].startswith("<Ntry> Invoice 30 ")


def test_prefixed_tags_are_left_to_the_pull_parser() -> None:
    data = (FIXTURES / "camt053-multi-stmt" / "input.xml").read_bytes()
    prefixed = re.sub(rb"<(/?)([A-Za-z]+)([ >/])", rb"<\1c:\2\3", data)
    prefixed = prefixed.replace(b'xmlns="urn:iso', b'xmlns:c="urn:iso')
    assert b"<c:Ntry>" in prefixed and b"<Ntry>" not in prefixed
    items = _streamed(prefixed)
    # Extras keep their source prefix, so compare what the prefix cannot change.
    assert [(i.path, i.entry.amount, i.entry.account_servicer_ref) for i in items if i.entry] == [
        (i.path, i.entry.amount, i.entry.account_servicer_ref) for i in _streamed(data) if i.entry
    ]
    assert len(items) == len(_expected(data)) == 3


def test_latin1_document_is_read_through_the_pull_parser() -> None:
    text = _HEAD.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"') + _ENTRY.format(n=7) + _TAIL
    (item,) = _streamed(text.encode("latin-1"))
    assert item.entry is not None
    party = item.entry.details[0].transactions[0].debtor
    assert party is not None and party.name == "Debtor number 7 Straße"


def test_worker_pool_keeps_order_paths_and_context(tmp_path: Path) -> None:
    path = tmp_path / "camt053-300.xml"
    path.write_bytes(_generated(300))
    items = list(iter_entries(path, {"workers": 2, "run_bytes": 4000}))
    assert [i.path for i in items] == [f"/Document/BkToCstmrStmt/Stmt[1]/Ntry[{n}]" for n in range(1, 301)]
    assert [i.entry.amount.value for i in items if i.entry] == [Decimal(f"{n}.01") for n in range(1, 301)]
    assert {i.report.id for i in items if i.report} == {"BIG-STMT-1"}
    assert all(i.group_header and i.group_header.message_id == "BIG-1" for i in items)
    multi = FIXTURES / "camt053-multi-stmt" / "input.xml"
    assert list(iter_entries(multi, {"workers": 2})) == list(iter_entries(multi))


def test_leaving_a_pooled_stream_early_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "camt053-200.xml"
    path.write_bytes(_generated(200))
    stream = iter_entries(path, {"workers": 2, "run_bytes": 2000})
    first = next(stream)
    stream.close()
    assert first.index == 1


@pytest.mark.parametrize("options", [{}, TINY, {"workers": 2, "run_bytes": 3000}])
def test_header_findings_travel_with_the_first_entry(options: dict[str, object]) -> None:
    data = _generated(3).replace(b"<Id>BIG-STMT-1</Id>", b"")
    items = _streamed(data, options)
    assert [i.report for i in items] == [None, None, None]
    assert [(d.code, d.path) for d in items[0].diagnostics] == [
        ("iso.structure.incomplete", "/Document/BkToCstmrStmt/Stmt[1]")
    ]
    assert items[1].diagnostics == () and items[1].entry is not None


@pytest.mark.parametrize("options", [{}, {"workers": 2, "run_bytes": 1 << 16}])
def test_malformed_entry_raises_after_the_good_ones(options: dict[str, object]) -> None:
    data = _generated(50).replace(b"<NtryRef>30</NtryRef>", b"<NtryRef>30</NtryRefX>")
    bad_line = data[: data.index(b"</NtryRefX>")].count(b"\n") + 1
    seen: list[int] = []
    with pytest.raises(ParseError) as info:
        for item in iter_entries(io.BytesIO(data), options):
            seen.append(item.index)
    assert seen == list(range(1, 30))
    assert info.value.code == "xml.syntax" and info.value.path == f"line {bad_line}"


def test_pool_transport_rebuilds_equal_entries() -> None:
    data = _generated(5)
    (run,) = [p[1] for p in scan(io.BytesIO(data), run_bytes=1 << 20) if p[0] == RUN]
    nsmap: dict[str | None, str] = {None: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"}
    direct = map_run(run, nsmap, "/D/S[1]/Ntry", 1, True)
    assert len(direct) == 5 and direct[4][0] is not None
    assert direct[4][0].amount.value == Decimal("5.01")
    assert unpickle_run(map_run_pickled(run, nsmap, "/D/S[1]/Ntry", 1, True)) == direct
    broken = run.replace(b"</NtryRef>", b"</NtryRefX>", 1)
    with pytest.raises(RunError) as info:
        unpickle_run(map_run_pickled(broken, nsmap, "/D/S[1]/Ntry", 1, True))
    assert info.value.mapped == [] and info.value.line == 1


def _variant(name: str) -> bytes:
    """Twelve entries with entry 6 (and its neighbourhood) changed as ``name`` says."""
    data = _generated(12).decode()
    six = _ENTRY.format(n=6)
    changed = {
        "plain": six,
        "closing with a blank": six.replace("</Ntry>", "</Ntry >"),
        "attribute on the start tag": six.replace("<Ntry>", '<Ntry a="1">', 1),
        "Ntry words in text": six.replace("Invoice 6", "Ntry> and Ntry / Ntry\tNtry"),
        "nested empty entry": six.replace("<NtryRef>", "<Ntry/><NtryRef>"),
        "unknown Ntry member": six.replace("<NtryRef>", "<NtryX>1</NtryX><NtryRef>"),
        "no blank before": six.rstrip("\n"),
        "indented": "    " + six,
        "tab before": "\t" + six,
    }[name]
    data = data.replace(six, changed)
    return data.encode()


_VARIANTS = [
    "plain",
    "closing with a blank",
    "attribute on the start tag",
    "Ntry words in text",
    "nested empty entry",
    "unknown Ntry member",
    "no blank before",
    "indented",
    "tab before",
]


@pytest.mark.parametrize("name", _VARIANTS)
@pytest.mark.parametrize("crlf", [False, True])
def test_one_pass_entry_step_cuts_exactly_like_the_general_step(
    name: str, crlf: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``FAST_STEP`` only saves searches: every block and run size gives the same pieces."""
    from finmsg.iso20022 import stream_runs

    data = _variant(name)
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    for size, run_bytes in ((61, 1), (500, 900), (700, 2000), (1 << 15, 1 << 14)):
        monkeypatch.setattr(stream_runs, "FAST_STEP", True)
        fast = list(scan(io.BytesIO(data), run_bytes, size))
        monkeypatch.setattr(stream_runs, "FAST_STEP", False)
        general = list(scan(io.BytesIO(data), run_bytes, size))
        assert fast == general, (size, run_bytes)
        assert b"".join(piece[1] for piece in fast) == data
    # Whatever the cut, the streamed entries are the in-memory reader's.
    monkeypatch.setattr(stream_runs, "FAST_STEP", True)
    assert _summary(_streamed(data)) == _expected(data)
