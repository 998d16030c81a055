"""MX → MT of multi-item messages: one MT per item (finmsg.convert_all, finmsg.translate.split).

Every expected value below is read from the input files by hand (amounts, references, dates),
not from the code's output.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finmsg import ConversionError, convert, convert_all, parse
from finmsg.diagnostics import Result
from finmsg.model.common import Amount
from finmsg.model.exceptions import PaymentReturn
from finmsg.model.initiation import PaymentInitiation
from finmsg.model.payments import CreditTransfer
from finmsg.model.statements import Statement
from finmsg.translate.split import split_for_mt, split_if_needed
from tests.corpus import CORPUS as SHARED_CORPUS

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "iso20022"
ROUTING: dict[str, Any] = {"sender": "ESSEFIHXXXX", "receiver": "DEUTDEFFXXX"}


def _fixture(name: str) -> bytes:
    return (FIXTURES / name / "input.xml").read_bytes()


def _fields(out: Result[bytes], tag: str) -> list[str]:
    """Every value of field ``tag`` in block 4 (first line of a multi-line value)."""
    text = out.value.decode("ascii")
    return re.findall(rf"\r\n:{tag}:([^\r]*)", text)


def _block2_type(out: Result[bytes]) -> str:
    match = re.search(r"\{2:I(\d{3})", out.value.decode("ascii"))
    assert match is not None
    return match.group(1)


def _item_drops(outs: list[Result[bytes]], item: str) -> list[str]:
    """Paths of lossy.dropped findings that drop a whole item (``.../CdtTrfTxInf[2]``)."""
    pattern = re.compile(rf"/{item}\[\d+\]\Z")
    paths = [d.path or "" for out in outs for d in out.diagnostics if d.code == "lossy.dropped"]
    return [path for path in paths if pattern.search(path)]


def test_pacs008_two_transactions_give_two_mt103() -> None:
    outs = convert_all(_fixture("pacs008-multi-bare"), "mt103", receiver="DEUTDEFFXXX")
    assert len(outs) == 2
    # IntrBkSttlmDt 2026-11-30 is given once in GrpHdr: it is each transaction's date
    assert [_fields(o, "32A") for o in outs] == [["261130EUR1000,00"], ["261130EUR750,25"]]
    assert [_fields(o, "59")[0] for o in outs] == ["/DE89370400440532013000", "/FR7630006000011234567890189"]
    assert _fields(outs[1], "57A") == ["BNPAFRPPXXX"]
    assert _item_drops(outs, "CdtTrfTxInf") == []


def test_parts_recompute_the_group_counts() -> None:
    message = parse(_fixture("pacs008-multi-bare")).value
    parts = split_for_mt(message)
    groups = [p.message.group_header for p in parts if isinstance(p.message, CreditTransfer)]
    assert [(g.number_of_transactions, g.control_sum) for g in groups] == [
        ("1", Decimal("1000.00")),
        ("1", Decimal("750.25")),
    ]
    assert [g.total_settlement_amount.value if g.total_settlement_amount else None for g in groups] == [
        Decimal("1000.00"),
        Decimal("750.25"),
    ]
    assert [
        p.message.transactions[0].ids.end_to_end_id for p in parts if isinstance(p.message, CreditTransfer)
    ] == [
        "SEPA-E2E-1",
        "SEPA-E2E-2",
    ]


def test_diagnostics_of_a_part_name_the_item_in_the_input() -> None:
    outs = convert_all(_fixture("pacs008-multi-bare"), "mt103", receiver="DEUTDEFFXXX")
    second = [d.path for d in outs[1].diagnostics if d.path and "CdtTrfTxInf" in d.path]
    assert second and all("CdtTrfTxInf[2]" in path for path in second)


def test_one_item_message_gives_the_same_output_as_convert() -> None:
    data = _fixture("pacs008-cbpr-structured")
    outs = convert_all(data, "mt103")
    assert len(outs) == 1
    assert outs[0].value == convert(data, "mt103").value


def test_convert_names_convert_all_in_its_drop_warning() -> None:
    result = convert(_fixture("camt056-group-multi"), "mt")
    warning = next(d for d in result.diagnostics if d.path == "/Document/FIToFIPmtCxlReq/Undrlyg[1]/TxInf[2]")
    assert "convert_all" in warning.message
    assert "split the camt.056" in warning.message  # the mapping's own text is kept


def test_camt056_two_cancellations_give_two_mt192() -> None:
    outs = convert_all(_fixture("camt056-group-multi"), "mt")
    assert [_block2_type(o) for o in outs] == ["192", "192"]
    assert [_fields(o, "32A") for o in outs] == [["261201EUR1000,00"], ["261201EUR340,25"]]
    assert [_fields(o, "21") for o in outs] == [["FACT-2026-0815"], ["NOTPROVIDED"]]
    assert _item_drops(outs, "TxInf") == []


def test_camt029_two_answers_give_two_mt196() -> None:
    outs = convert_all(_fixture("camt029-group-multi"), "mt")
    assert [_block2_type(o) for o in outs] == ["196", "196"]
    assert _item_drops(outs, "TxInfAndSts") == []
    # the second answer's own findings name CxlDtls[1]/TxInfAndSts[2]
    assert any("TxInfAndSts[2]" in (d.path or "") for d in outs[1].diagnostics)


def test_pacs002_statuses_each_get_their_mt() -> None:
    outs = convert_all(_fixture("pacs002-group-multi"), "mt", **ROUTING)
    # TxInfAndSts[1] ACSC → MT199; TxInfAndSts[2] RJCT with the original transfer → MT103 /REJT/;
    # the group status PART (OrgnlGrpInfAndSts) → its own MT199
    assert [_block2_type(o) for o in outs] == ["199", "103", "199"]
    assert _fields(outs[0], "20") == ["STS-77-0001"]
    assert _fields(outs[0], "79") == ["/STATUS/ACSC"]
    assert _fields(outs[1], "32A") == ["261201EUR340,25"]
    assert _fields(outs[1], "72") == ["/REJT/59"]
    assert _fields(outs[2], "79") == ["/STATUS/PART"]
    assert _fields(outs[2], "21") == ["SCT20261201BNP17"]
    assert _item_drops(outs, "TxInfAndSts") == _item_drops(outs, "OrgnlGrpInfAndSts") == []


def test_admi024_two_notifications_give_two_mtn99() -> None:
    outs = convert_all(_fixture("admi024-multi-notification"), "mt", **ROUTING)
    assert [_fields(o, "20") for o in outs] == [["CORR-7781-A"], ["CORR-7781-B"]]
    assert _fields(outs[1], "21") == ["CORR-7781-A"]
    assert _item_drops(outs, "NtfctnData") == []


def test_a_part_that_cannot_be_an_mt_fails_naming_its_item() -> None:
    # Stmt[2] has only a proprietary OPENING balance: no 60a for an MT940; Stmt[1] is still written
    outs = convert_all(_fixture("camt053-multi-stmt"), "mt", **ROUTING)
    assert [o.ok for o in outs] == [True, False] and outs[1].value == b""
    assert [d.path for d in outs[1].errors] == ["/Document/BkToCstmrStmt/Stmt[2]/Bal"]
    # camt.052 Rpt[2]: the entry has neither value nor booking date (line 61 needs one)
    outs = convert_all(_fixture("camt052-multi-rpt"), "mt", **ROUTING)
    assert [o.ok for o in outs] == [True, False]
    assert [d.path for d in outs[1].errors] == ["/Document/BkToCstmrAcctRpt/Rpt[2]/Ntry[1]"]


def test_camt053_split_gives_one_statement_per_part() -> None:
    message = parse(_fixture("camt053-multi-stmt")).value
    parts = split_for_mt(message)
    reports = [p.message.reports for p in parts if isinstance(p.message, Statement)]
    assert [[r.id for r in rs] for rs in reports] == [["STMT-CH93-1127"], ["STMT-GB29-1127"]]
    assert parts[1].dropped == ("/Document/BkToCstmrStmt/Stmt[2]",)


def test_camt054_batch_booked_entry_stays_one_mt900() -> None:
    # one booked entry (3650.00, a batch of 3): the account saw one debit, so one MT900; the
    # batch's transactions have no MT900 field and stay reported (TN014)
    outs = convert_all(_fixture("camt054-debit-batch"), "mt", **ROUTING)
    assert len(outs) == 1
    assert _fields(outs[0], "32A") == ["261205EUR3650,00"]


def test_strict_refuses_a_lossy_part() -> None:
    with pytest.raises(ConversionError) as caught:
        convert_all(_fixture("camt056-group-multi"), "mt", strict=True)
    assert caught.value.code == "conversion.lossy"


CORPUS = SHARED_CORPUS / "iso20022" / "moov"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="third-party corpus not present")


@needs_corpus
def test_pain001_five_blocks_give_five_mt101() -> None:
    data = (CORPUS / "musterfile_pain.001_Nov2020.xml").read_bytes()
    outs = convert_all(data, "mt", sender="ESSEFIHXXXX")
    # five separate requests, not a 28D chain: a chain repeats sequence A identically, and these
    # differ in field 30 (and block 5 in the ordering customer)
    assert [_fields(o, "28D") for o in outs] == [["1/1"]] * 5
    assert [_fields(o, "21R") for o in outs] == [[f"PmtInfId-0{n}"] for n in range(1, 6)]
    assert [_fields(o, "30") for o in outs] == [["200728"], ["200722"], ["200724"], ["200705"], ["200617"]]
    # CdtTrfTxInf per block: 1, 2, 2, 1, 2 (block 4 is a TRA transfer, still an MT101 request)
    assert [len(_fields(o, "21")) for o in outs] == [1, 2, 2, 1, 2]
    assert _fields(outs[1], "32B") == ["CHF1,80", "CHF12,00"]
    assert [d for o in outs for d in o.diagnostics if d.rule == "TA018"] == []


@needs_corpus
def test_pain001_part_group_header_counts_its_own_transactions() -> None:
    message = parse((CORPUS / "musterfile_pain.001_Nov2020.xml").read_bytes()).value
    parts = [p.message for p in split_for_mt(message)]
    assert all(isinstance(p, PaymentInitiation) for p in parts)
    counts = [p.group_header.number_of_transactions for p in parts if isinstance(p, PaymentInitiation)]
    assert counts == ["1", "2", "2", "1", "2"]
    second = parts[1]
    assert isinstance(second, PaymentInitiation)
    assert second.group_header.control_sum == Decimal("13.80")  # CHF 1.80 + 12.00 (GrpHdr has CtrlSum)


@needs_corpus
def test_camt054_six_entries_give_six_confirmations() -> None:
    data = (CORPUS / "FI_camt_054_sample.xml.xml").read_bytes()
    outs = convert_all(data, "mt", **ROUTING)
    # Ntry 1-3 CRDT, 4-5 DBIT, all booked; 6 CRDT is a reversal with status INFO: not booked,
    # so no MT910 confirms it (its part is an error result)
    booked = outs[:5]
    assert [_block2_type(o) for o in booked] == ["910", "910", "910", "900", "900"]
    assert [_fields(o, "32A") for o in booked] == [
        ["091029EUR2000,00"],
        ["091029EUR500,00"],
        ["091029EUR3000,00"],
        ["091029EUR4230,05"],
        ["091030EUR1000,00"],
    ]
    assert [d.code for d in outs[5].errors] == ["translate.not_booked"]
    assert _item_drops(outs, "Ntry") == _item_drops(outs, "Ntfctn") == []
    assert all(_fields(o, "25") == ["FI7433010001222090"] for o in booked)


def _two(model: Any, first: Any, second: Any) -> Any:
    return replace(model, transactions=(first, second))


def test_pacs009_two_transactions_give_two_mt202() -> None:
    model = parse(_fixture("pacs009-core")).value
    assert isinstance(model, CreditTransfer)
    tx = model.transactions[0]
    other = replace(
        tx,
        ids=replace(tx.ids, instruction_id="FI-TRF-7782", uetr="3f2b1c0d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        settlement_amount=Amount(Decimal("2500000"), "JPY"),
    )
    two = replace(model, group_header=replace(model.group_header, number_of_transactions="2"))
    outs = convert_all(_two(two, tx, other), "mt")
    assert [_block2_type(o) for o in outs] == ["202", "202"]
    assert [_fields(o, "20") for o in outs] == [["FI-TRF-7781"], ["FI-TRF-7782"]]
    assert [_fields(o, "32A") for o in outs] == [["261201JPY150000000,"], ["261201JPY2500000,"]]
    assert [b"{121:3f2b1c0d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}" in o.value for o in outs] == [False, True]
    assert _item_drops(outs, "CdtTrfTxInf") == []
    # convert keeps its one-MT answer and points at convert_all
    warning = next(
        d
        for d in convert(_two(two, tx, other), "mt").diagnostics
        if (d.path or "").endswith("CdtTrfTxInf[2]")
    )
    assert "convert_all" in warning.message


def test_pacs004_two_returns_give_two_mt103() -> None:
    model = parse(_fixture("pacs004-cbpr-envelope")).value
    assert isinstance(model, PaymentReturn)
    tx = model.transactions[0]
    other = replace(tx, return_id="RTR-TX-0008", returned_amount=Amount(Decimal("100.00"), "EUR"))
    two = replace(model, group_header=replace(model.group_header, number_of_transactions="2"))
    parts = split_for_mt(_two(two, tx, other))
    groups = [
        p.message.group_header.number_of_transactions for p in parts if isinstance(p.message, PaymentReturn)
    ]
    assert groups == ["1", "1"]
    outs = convert_all(_two(two, tx, other), "mt")
    assert [_fields(o, "20") for o in outs] == [["RTR-TX-0007"], ["RTR-TX-0008"]]
    assert [_fields(o, "32A") for o in outs] == [["261202EUR12475,50"], ["261202EUR100,00"]]


def test_one_item_messages_are_not_split() -> None:
    model = parse(_fixture("pacs009-core")).value
    assert split_if_needed(model) is None
    assert [p.message for p in split_for_mt(model)] == [model]


@needs_corpus
def test_camt054_entry_parts_carry_their_own_summary() -> None:
    message = parse((CORPUS / "FI_camt_054_sample.xml.xml").read_bytes()).value
    parts = [p.message for p in split_for_mt(message)]
    summaries = [p.reports[0].summary for p in parts if isinstance(p, Statement)]
    # the input's TxsSummry: 6 entries, Sum 10830.05, net 169.95 CRDT; entry 4 is DBIT 4230.05
    fourth = summaries[3]
    assert fourth is not None
    assert (fourth.number_of_entries, fourth.sum) == ("1", Decimal("4230.05"))
    # camt.054.001.02 TtlNetNtryAmt 169.95 CRDT (kept as extras) is the whole notification's net
    assert not [e for s in summaries if s is not None for e in s.extras if "169.95" in e.content]
    assert [s.sum for s in summaries if s is not None] == [
        Decimal("2000.00"),
        Decimal("500.00"),
        Decimal("3000.00"),
        Decimal("4230.05"),
        Decimal("1000.00"),
        Decimal("100.00"),
    ]


@needs_corpus
def test_convert_points_every_dropped_block_of_a_pain001_at_convert_all() -> None:
    data = (CORPUS / "musterfile_pain.001_Nov2020.xml").read_bytes()
    result = convert(data, "mt", sender="ESSEFIHXXXX")
    ta018 = [d for d in result.diagnostics if d.rule == "TA018"]
    assert len(ta018) == 7  # PmtInf 2-5 hold 2 + 2 + 1 + 2 transactions with other dates
    assert all("convert_all writes one MT per item (5 here)" in d.message for d in ta018)
    assert _fields(result, "28D") == ["1/1"]  # one MT101 alone is complete
