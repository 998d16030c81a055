"""The entry lane's one-loop ``Refs`` texts and its single-``NtryDtls`` step change nothing.

``Refs`` members are read by slot and text in one loop (no list of elements first), and an
entry's usual lone ``NtryDtls`` is mapped without the loop over blocks. Each case below is
checked against two independent oracles (see ``test_stream_bare``): the pull-parser walk,
which maps every entry one by one, and the in-memory reader. Entry 7 of 12 holds the change,
so entries before it take the bare run lane and the ones from it on the namespaced one.
"""

from __future__ import annotations

import pytest

from tests.iso20022.test_stream_bare import _COUNT, _document, _in_memory, _pull_parser_walk, _streamed

REFS = "<Refs><EndToEndId>E2E-7</EndToEndId></Refs>"
DETAILS_END = "</TxDtls></NtryDtls>"

#: (what entry 7 holds, text replaced, replacement)
CASES = [
    (
        "every reference",
        REFS,
        "<Refs><MsgId>M</MsgId><AcctSvcrRef>A</AcctSvcrRef><PmtInfId>P</PmtInfId>"
        "<InstrId>I</InstrId><EndToEndId>E</EndToEndId><UETR>U</UETR><TxId>T</TxId>"
        "<MndtId>D</MndtId><ChqNb>C</ChqNb><ClrSysRef>S</ClrSysRef><AcctOwnrTxId>O</AcctOwnrTxId>"
        "<AcctSvcrTxId>V</AcctSvcrTxId><MktInfrstrctrTxId>K</MktInfrstrctrTxId>"
        "<PrcgId>G</PrcgId></Refs>",
    ),
    ("an empty reference", REFS, "<Refs><EndToEndId></EndToEndId><TxId>T</TxId></Refs>"),
    ("a repeated reference", REFS, "<Refs><TxId>T1</TxId><TxId>T2</TxId></Refs>"),
    ("an empty reference repeated", REFS, "<Refs><TxId/><TxId>T2</TxId></Refs>"),
    ("an unknown reference", REFS, "<Refs><EndToEndId>E</EndToEndId><Foo>x</Foo></Refs>"),
    ("a reference with children", REFS, "<Refs><EndToEndId><X>E</X></EndToEndId></Refs>"),
    ("a reference with an attribute", REFS, '<Refs><EndToEndId a="1">E</EndToEndId></Refs>'),
    ("attributes on Refs", REFS, '<Refs a="1"><EndToEndId>E</EndToEndId></Refs>'),
    ("no references at all", REFS, "<Refs/>"),
    (
        "two detail blocks",
        DETAILS_END,
        DETAILS_END + "<NtryDtls><TxDtls><Refs><TxId>SECOND</TxId></Refs></TxDtls></NtryDtls>",
    ),
    ("a second block that declines", DETAILS_END, DETAILS_END + "<NtryDtls><Foo/></NtryDtls>"),
    ("no detail block", "<NtryDtls><TxDtls>", "<Skip><TxDtls>"),
    ("an account member no lane maps", "<DbtrAcct><Id>", "<DbtrAcct><Foo>x</Foo><Id>"),
    ("a party the lane hands off", "<Pty><Nm>", "<Pty><Foo>y</Foo><Nm>"),
]


def _case(old: str, new: str) -> bytes:
    if old == "<NtryDtls><TxDtls>":  # drop the whole block of entry 7
        data = _document((old, "<DROP>")).decode()
        start = data.index("<DROP>")
        return (data[:start] + data[data.index(DETAILS_END, start) + len(DETAILS_END) :]).encode()
    return _document((old, new))


@pytest.mark.parametrize("option", [{}, {"include_details": False}, {"block_bytes": 97, "run_bytes": 1}])
@pytest.mark.parametrize(("why", "old", "new"), CASES, ids=[case[0] for case in CASES])
def test_streamed_entries_equal_both_oracles(why: str, old: str, new: str, option: dict[str, object]) -> None:
    data = _case(old, new)
    streamed = _streamed(data, option)
    assert [i.index for i in streamed] == list(range(1, _COUNT + 1)), why
    assert streamed == _pull_parser_walk(data, option), why
    if option.get("include_details", True):
        assert [i.entry for i in streamed if i.entry is not None] == _in_memory(data), why


def test_the_values_land_in_their_fields() -> None:
    every = next(case for case in CASES if case[0] == "every reference")
    refs = _streamed(_case(every[1], every[2]))[6].entry.details[0].transactions[0].refs  # type: ignore[union-attr]
    assert refs is not None
    assert (refs.message_id, refs.account_servicer_ref, refs.end_to_end_id, refs.uetr) == ("M", "A", "E", "U")
    assert (refs.transaction_id, refs.cheque_number, refs.processing_id) == ("T", "C", "G")
    empty = _streamed(_case(REFS, "<Refs><EndToEndId></EndToEndId><TxId>T</TxId></Refs>"))[6].entry
    assert empty is not None
    assert empty.details[0].transactions[0].refs.end_to_end_id == ""  # type: ignore[union-attr]
    two = _streamed(_case(DETAILS_END, CASES[9][2]))[6].entry
    assert two is not None and len(two.details) == 2
    assert two.details[1].transactions[0].refs.transaction_id == "SECOND"  # type: ignore[union-attr]
    none = _streamed(_case("<NtryDtls><TxDtls>", ""))[6].entry
    assert none is not None and none.details == ()


#: Entry 7's tags and text changed where the one-search entry step looks: (old, new).
STEP_CASES = {
    "closing tag over two lines": ("</Ntry>", "</Ntry\n>"),
    "start tag over two lines": ("<Ntry>", "<Ntry\n>"),
    "name-ending Ntry in text": ("Invoice 7", "xNtry>y Ntry/z Ntry\ry"),
    "Ntry inside longer names": ("Invoice 7", "NtryNtry NtryRef NtryDtls"),
    "self-closing nested entry": ("<Sts>", "<Ntry/><Sts>"),
    "closing-like text": ("Invoice 7", "&lt;/Ntry&gt;"),
}


@pytest.mark.parametrize("name", sorted(STEP_CASES))
def test_the_one_search_entry_step_cuts_like_the_general_step(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from finmsg.iso20022 import stream_runs

    data = _document(STEP_CASES[name])
    for size, run_bytes in ((37, 1), (61, 1), (500, 900), (1 << 15, 1 << 14)):
        monkeypatch.setattr(stream_runs, "FAST_STEP", True)
        fast = list(stream_runs.scan(io.BytesIO(data), run_bytes, size))
        monkeypatch.setattr(stream_runs, "FAST_STEP", False)
        assert fast == list(stream_runs.scan(io.BytesIO(data), run_bytes, size)), (size, run_bytes)
        assert b"".join(piece[1] for piece in fast) == data
    monkeypatch.setattr(stream_runs, "FAST_STEP", True)
    assert _streamed(data) == _pull_parser_walk(data)


def test_handed_off_subtrees_keep_their_paths() -> None:
    """The bare lane builds no paths: an entry whose party or account needs the general
    reader is mapped again on the namespaced tree, where the paths are the reader's."""
    tx = "/Document/BkToCstmrStmt/Stmt[1]/Ntry[7]/NtryDtls[1]/TxDtls[1]/RltdPties"
    account = _streamed(_case("<DbtrAcct><Id>", "<DbtrAcct><Foo>x</Foo><Id>"))[6].entry
    assert account is not None
    kept = account.details[0].transactions[0].debtor_account
    assert kept is not None and [x.path for x in kept.extras] == [f"{tx}/DbtrAcct/Foo[1]"]
    party = _streamed(_case("<Pty><Nm>", "<Pty><Foo>y</Foo><Nm>"))[6].entry
    assert party is not None
    debtor = party.details[0].transactions[0].debtor
    assert debtor is not None and [x.path for x in debtor.extras] == [f"{tx}/Dbtr/Pty/Foo[1]"]
