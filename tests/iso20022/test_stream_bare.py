"""The bare run lane (entries parsed without their default namespace) changes nothing.

A run of entries is parsed with its default namespace left undeclared and mapped on plain
local names (:func:`~finmsg.iso20022.entries_fast.map_bare_entry`); from the first entry
that lane cannot map with certainty the run is parsed again as it is. Two independent
oracles check the result: the in-memory reader (``read_iso``) for the entries, and the
pull-parser walk (forced by a comment right after the XML declaration, which stops all
byte cutting) for everything a streamed entry carries: entry, path, index, diagnostics.
Each mutation sits in the middle of a statement, so entries before it go through the bare
lane and the ones from it on through the namespaced fallback.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from finmsg.iso20022.document import read_iso
from finmsg.iso20022.entries_fast import map_bare_entry, map_entry
from finmsg.iso20022.reading import ReadContext
from finmsg.iso20022.stream_runs import RUN, scan
from finmsg.iso20022.streaming import StreamedEntry, iter_entries
from finmsg.model.statements import Entry, Statement
from tests.corpus import CORPUS
from tests.iso20022.test_statements_support import CASES, FIXTURES, ensure_xsd_package

ensure_xsd_package()

_NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
_CORPUS = CORPUS

_HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{_NS}" xmlns:c="{_NS}" xmlns:x="urn:example:foreign"><BkToCstmrStmt>
<GrpHdr><MsgId>BARE-1</MsgId><CreDtTm>2026-12-31T23:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>BARE-STMT-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
"""
#: Entry ``{n}``; ``{extra}`` lands among the transaction's members, ``{info}`` is AddtlNtryInf.
_ENTRY = """<Ntry>
  <NtryRef>{n}</NtryRef>
  <Amt Ccy="EUR">{n}.25</Amt>
  <CdtDbtInd>CRDT</CdtDbtInd>
  <Sts><Cd>BOOK</Cd></Sts>
  <BookgDt><Dt>2026-12-31</Dt></BookgDt>
  <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
  <NtryDtls><TxDtls>
    <Refs><EndToEndId>E2E-{n}</EndToEndId></Refs>
    <RltdPties><Dbtr><Pty><Nm>Debtor {n}</Nm>
      <PstlAdr><TwnNm>Wien</TwnNm><Ctry>AT</Ctry></PstlAdr></Pty></Dbtr>
    <DbtrAcct><Id><IBAN>AT611904300234573201</IBAN></Id></DbtrAcct></RltdPties>
    <RmtInf><Ustrd>Invoice {n}</Ustrd></RmtInf>
  </TxDtls></NtryDtls>
  <AddtlNtryInf>Entry {n}</AddtlNtryInf>
</Ntry>
"""
_TAIL = "</Stmt></BkToCstmrStmt></Document>\n"
_COUNT = 12
_ODD = 7  # the entry that gets the mutation


def _document(mutate: tuple[str, str] | None = None) -> bytes:
    """``_COUNT`` entries; in entry ``_ODD`` the first ``old`` becomes ``new``."""
    entries = []
    for n in range(1, _COUNT + 1):
        text = _ENTRY.format(n=n)
        if mutate is not None and n == _ODD:
            old, new = mutate
            assert old in text
            text = text.replace(old, new, 1)
        entries.append(text)
    return (_HEAD + "".join(entries) + _TAIL).encode()


# Each mutation: (what entry 7 holds, and what the bare lane must do with it).
MUTATIONS: dict[str, tuple[str, str]] = {
    # a member under a prefix bound to the document's own namespace: a real member
    "prefix-bound-to-default": ("<NtryRef>7</NtryRef>", "<c:NtryRef>7</c:NtryRef>"),
    # a member of another namespace declared on the Document (no xmlns inside the run)
    "foreign-prefix": ("<AddtlNtryInf>", "<x:Note>foreign</x:Note><AddtlNtryInf>"),
    # an element in no namespace at all, and the default namespace declared again
    "no-namespace-element": ("<AddtlNtryInf>", '<Note xmlns="">none</Note><AddtlNtryInf>'),
    "member-in-no-namespace": ("<AddtlNtryInf>", '<AddtlNtryInf xmlns="">'),
    "code-in-no-namespace": ("<Sts><Cd>", '<Sts><Cd xmlns="">'),
    "default-redeclared": ("<AddtlNtryInf>", f'<AddtlNtryInf xmlns="{_NS}">'),
    # subtrees the fast lane hands to a general reader
    "structured-remittance": (
        "<Ustrd>Invoice 7</Ustrd>",
        "<Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd>",
    ),
    "party-with-unknown-member": ("<Nm>Debtor 7</Nm>", "<Nm>Debtor 7</Nm><Foo>bar</Foo>"),
    # things the general reader reports or keeps
    "unknown-entry-member": ("<AddtlNtryInf>", "<Foo><Bar>kept</Bar></Foo><AddtlNtryInf>"),
    "unreadable-amount": ('<Amt Ccy="EUR">7.25</Amt>', '<Amt Ccy="EUR">7,25</Amt>'),
    "missing-status": ("<Sts><Cd>BOOK</Cd></Sts>", ""),
    "odd-attribute": ("<NtryRef>", '<NtryRef kind="x">'),
    # values: whitespace-only leaves, references, comments and CDATA
    "blank-leaves": ("<AddtlNtryInf>Entry 7</AddtlNtryInf>", "<AddtlNtryInf>   </AddtlNtryInf>"),
    "blank-name": ("<Nm>Debtor 7</Nm>", "<Nm> \n </Nm>"),
    "references": ("<Ustrd>Invoice 7</Ustrd>", "<Ustrd>A&amp;B &#x41;&#66; &lt;7&gt;</Ustrd>"),
    "comment": ("<Ustrd>Invoice 7</Ustrd>", "<Ustrd>Invoice<!-- c --> 7</Ustrd>"),
    "cdata": ("<Ustrd>Invoice 7</Ustrd>", "<Ustrd><![CDATA[<Ntry> & 7]]></Ustrd>"),
}

#: Default runs, one entry per run, and entries without details.
OPTIONS: dict[str, dict[str, object]] = {
    "default": {},
    "tiny": {"block_bytes": 97, "run_bytes": 1},
    "lean": {"include_details": False},
}


def _streamed(data: bytes, options: Mapping[str, object] | None = None) -> list[StreamedEntry]:
    return list(iter_entries(io.BytesIO(data), options))


def _pull_parser_walk(data: bytes, options: Mapping[str, object] | None = None) -> list[StreamedEntry]:
    """The same input with byte cutting off: every entry goes through the pull-parser walk."""
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml"):
        commented = re.sub(rb"(\?>)", rb"\1<!-- no cut -->", data, count=1)
    else:
        commented = b"<!-- no cut -->" + data
    return _streamed(commented, options)


def _in_memory(data: bytes) -> list[Entry]:
    message = read_iso(data, {}).value
    assert isinstance(message, Statement)
    return [e for r in message.reports for e in r.entries]


def _runs(data: bytes) -> list[bytes]:
    return [piece for kind, piece, _ in scan(io.BytesIO(data), run_bytes=1 << 20) if kind == RUN]


@pytest.mark.parametrize("option", sorted(OPTIONS))
@pytest.mark.parametrize("mutation", [None, *sorted(MUTATIONS)])
def test_streamed_entries_equal_the_pull_parser_walk_and_the_in_memory_reader(
    mutation: str | None, option: str
) -> None:
    data = _document(MUTATIONS[mutation] if mutation else None)
    options = OPTIONS[option]
    streamed = _streamed(data, options)
    assert [i.index for i in streamed] == list(range(1, _COUNT + 1))
    assert [i.path for i in streamed] == [f"/Document/BkToCstmrStmt/Stmt[1]/Ntry[{n}]" for n in range(1, 13)]
    assert streamed == _pull_parser_walk(data, options)
    if option != "lean":
        # The in-memory reader leaves out an entry it cannot build (its diagnostic says so).
        assert [i.entry for i in streamed if i.entry is not None] == _in_memory(data)


def test_the_plain_document_maps_every_entry_without_diagnostics() -> None:
    items = _streamed(_document())
    assert all(i.diagnostics == () and i.entry is not None for i in items)
    seventh = items[6].entry
    assert seventh is not None and seventh.amount.value == Decimal("7.25") and seventh.reference == "7"
    tx = seventh.details[0].transactions[0]
    assert tx.debtor is not None and tx.debtor.name == "Debtor 7"
    assert tx.debtor.address is not None and tx.debtor.address.town_name == "Wien"


def test_mutations_that_need_the_general_reader_show_in_the_stream() -> None:
    """The fallback really runs: what only the general reader reports is there, at its path."""
    items = _streamed(_document(MUTATIONS["unreadable-amount"]))
    assert items[6].entry is None
    assert ("iso.structure.incomplete", "/Document/BkToCstmrStmt/Stmt[1]/Ntry[7]") in [
        (d.code, d.path) for d in items[6].diagnostics
    ]
    assert all(i.diagnostics == () for n, i in enumerate(items) if n != 6)
    kept = _streamed(_document(MUTATIONS["unknown-entry-member"]))[6].entry
    assert kept is not None and [x.path for x in kept.extras] == [
        "/Document/BkToCstmrStmt/Stmt[1]/Ntry[7]/Foo[1]"
    ]
    assert "<Bar>kept</Bar>" in kept.extras[0].content
    blank = _streamed(_document(MUTATIONS["blank-leaves"]))[6].entry
    assert blank is not None and blank.additional_info == "   "


def _trees(run: bytes, bare: bool) -> list[etree._Element]:
    """The run's entries as the bare lane parses them (no default namespace, no blank text
    between elements), or as the namespaced lane does."""
    declaration = "" if bare else f' xmlns="{_NS}"'
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=bare)
    head = f'<R{declaration} xmlns:c="{_NS}" xmlns:x="urn:example:foreign">'.encode()
    return list(etree.fromstring(head + run + b"</R>", parser))


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_bare_lane_maps_plain_entries_and_declines_on_what_it_cannot_be_sure_of(mutation: str) -> None:
    """Entry by entry: the bare lane's entry is the namespaced lane's, or it declines."""
    data = _document(MUTATIONS[mutation])
    runs = _runs(data)
    if len(runs) != 1:
        pytest.skip("comment or CDATA: the run lane is not used at all")
    if b"xmlns" in runs[0]:
        pytest.skip("a namespace declared inside the run: it is parsed as it is (checked above)")
    bare, full = _trees(runs[0], bare=True), _trees(runs[0], bare=False)
    for n, (b, f) in enumerate(zip(bare, full, strict=True), 1):
        mapped = map_bare_entry(b)
        expected = map_entry(f, f"/Ntry[{n}]", ReadContext())
        if n == _ODD and mutation not in _BARE_MAPS:
            assert mapped is None, mutation
        else:
            assert mapped is not None and mapped == expected
        assert map_bare_entry(b, False) in (None, map_entry(f, f"/Ntry[{n}]", ReadContext(), False))


#: Mutations the bare lane maps itself (a plain value change; everything else needs names
#: it cannot vouch for, a general reader, or a diagnostic).
_BARE_MAPS = frozenset({"blank-leaves", "blank-name", "references"})


def _corpus_statements() -> list[Path]:
    if not _CORPUS.is_dir():
        return []
    found = []
    for path in sorted(_CORPUS.rglob("*.xml")):
        head = path.read_bytes()[:4000]
        if re.search(rb"xmlns(:\w+)?=\"urn:iso:std:iso:20022:tech:xsd:camt\.05[234]", head):
            found.append(path)
    return found


@pytest.mark.skipif(not _corpus_statements(), reason="third-party corpus not present")
@pytest.mark.parametrize("path", _corpus_statements(), ids=lambda p: p.name[:40])
def test_corpus_statements_stream_like_the_pull_parser_walk(path: Path) -> None:
    data = path.read_bytes()
    for options in OPTIONS.values():
        assert _streamed(data, options) == _pull_parser_walk(data, options)


@pytest.mark.parametrize("case", CASES)
def test_fixtures_stream_like_the_pull_parser_walk(case: str) -> None:
    data = (FIXTURES / case / "input.xml").read_bytes()
    for options in OPTIONS.values():
        assert _streamed(data, options) == _pull_parser_walk(data, options)
