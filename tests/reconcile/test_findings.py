"""Reconciliation findings of the new-user review: direction, duplicates, empty sides.

Inputs are written by hand below (a camt.054 notification, an MT940) or are the repository's
MT103 fixture; every expected pairing is read off those inputs: which account each statement is
for, which UETR and references each item carries, which direction each entry books.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finmsg.reconcile import load_items, reconcile
from tests.conftest import FIXTURES
from tests.corpus import CORPUS

MT103 = FIXTURES / "mt" / "mt103_basic" / "input.fin"
UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"  # block 3, field 121 of MT103
DEBTOR = "DE89370400440532013000"  # 50K of MT103: the account the payment leaves
CREDITOR = "FR1420041010050500013M02606"  # 59 of MT103: the account it reaches


def _entry(direction: str, amount: str = "1234.56", uetr: str | None = None, servicer_ref: str = "") -> str:
    refs = f"<NtryDtls><TxDtls><Refs><UETR>{uetr}</UETR></Refs></TxDtls></NtryDtls>" if uetr else ""
    ref = f"<AcctSvcrRef>{servicer_ref}</AcctSvcrRef>" if servicer_ref else ""
    return f"""<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2024-01-31</Dt></BookgDt><ValDt><Dt>2024-01-31</Dt></ValDt>{ref}{refs}</Ntry>"""


def camt054(account: str, *entries: str) -> bytes:
    return f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>N-1</MsgId><CreDtTm>2024-01-31T18:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>N-1-1</Id><Acct><Id><IBAN>{account}</IBAN></Id></Acct>{"".join(entries)}</Ntfctn>
</BkToCstmrDbtCdtNtfctn></Document>""".encode()


def mt940(*lines: str) -> bytes:
    body = "\r\n".join(
        [
            ":20:STMT-1",
            ":25:NL91ABNA0417164300",
            ":28C:1/1",
            ":60F:C240130EUR1000,00",
            *lines,
            ":62F:C240131EUR1000,00",
        ]
    )
    return ("{1:F01BANKNL2AAXXX0000000000}{2:I940BANKNL2AXXXXN}{4:\r\n" + body + "\r\n-}").encode()


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


# 1. credit / debit


def test_a_sent_payment_booked_as_a_credit_on_the_debtor_account_is_a_credit_debit_mismatch(
    tmp_path: Path,
) -> None:
    booked = _write(tmp_path / "n.xml", camt054(DEBTOR, _entry("CRDT", uetr=UETR)))
    result = reconcile(load_items([str(MT103)]).items, load_items([booked]).items)
    assert [(m.on, m.mismatches) for m in result.matched] == [("uetr", ("credit_debit",))]


def test_a_sent_payment_booked_as_a_debit_on_the_debtor_account_is_clean(tmp_path: Path) -> None:
    booked = _write(tmp_path / "n.xml", camt054(DEBTOR, _entry("DBIT", uetr=UETR)))
    result = reconcile(load_items([str(MT103)]).items, load_items([booked]).items)
    assert [(m.on, m.mismatches) for m in result.matched] == [("uetr", ())]


def test_on_the_creditor_s_statement_the_payment_is_a_credit(tmp_path: Path) -> None:
    credit = _write(tmp_path / "c.xml", camt054(CREDITOR, _entry("CRDT", uetr=UETR)))
    debit = _write(tmp_path / "d.xml", camt054(CREDITOR, _entry("DBIT", uetr=UETR)))
    sent = load_items([str(MT103)]).items
    assert [m.mismatches for m in reconcile(sent, load_items([credit]).items).matched] == [()]
    assert [m.mismatches for m in reconcile(sent, load_items([debit]).items).matched] == [("credit_debit",)]


def test_without_an_account_to_compare_a_payment_is_taken_as_sent(tmp_path: Path) -> None:
    # the statement is for an account the payment does not name (a bank's own account, say)
    booked = _write(tmp_path / "n.xml", camt054("GB33BUKB20201555555555", _entry("CRDT", uetr=UETR)))
    result = reconcile(load_items([str(MT103)]).items, load_items([booked]).items)
    assert [m.mismatches for m in result.matched] == [("credit_debit",)]


def test_the_amount_fallback_never_pairs_opposite_directions(tmp_path: Path) -> None:
    # no identifier at all: only amount, currency and date could pair these two entries
    a = _write(tmp_path / "a.sta", mt940(":61:2401310131D9,00NTRFNONREF"))
    b = _write(tmp_path / "b.sta", mt940(":61:2401310131C9,00NTRFNONREF"))
    same = _write(tmp_path / "same.sta", mt940(":61:2401310131D9,00NTRFNONREF"))
    result = reconcile(load_items([a]).items, load_items([b]).items)
    assert (result.matched, len(result.unmatched_a), len(result.unmatched_b)) == ([], 1, 1)
    result = reconcile(load_items([a]).items, load_items([same]).items)
    assert [(m.on, m.mismatches) for m in result.matched] == [("amount_currency_date", ())]


def test_a_sent_payment_does_not_fall_back_onto_a_credit(tmp_path: Path) -> None:
    booked = _write(tmp_path / "n.xml", camt054(DEBTOR, _entry("CRDT"), _entry("DBIT")))
    result = reconcile(load_items([str(MT103)]).items, load_items([booked]).items)
    assert [(m.on, m.b.credit_debit) for m in result.matched] == [("amount_currency_date", "DBIT")]
    assert [i.credit_debit for i in result.unmatched_b] == ["CRDT"]


def test_statement_entries_with_one_uetr_and_opposite_directions_mismatch(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.xml", camt054(DEBTOR, _entry("DBIT", uetr=UETR)))
    b = _write(tmp_path / "b.xml", camt054(DEBTOR, _entry("CRDT", uetr=UETR)))
    result = reconcile(load_items([a]).items, load_items([b]).items)
    assert [(m.on, m.key, m.mismatches) for m in result.matched] == [("uetr", UETR, ("credit_debit",))]


@pytest.mark.skipif(not (CORPUS / "mt940").is_dir(), reason="third-party corpus not present")
def test_the_reviewer_s_abnamro_statement_with_one_debit_turned_into_a_credit(tmp_path: Path) -> None:
    original = CORPUS / "mt940" / "wolph" / "jejik" / "abnamro.sta"
    text = original.read_text(encoding="latin-1")
    line = ":61:1105240524D9,N192NONREF"  # a 9.00 debit without any reference
    assert text.count(line) == 1
    changed = _write(tmp_path / "c.sta", text.replace(line, line.replace("D9,", "C9,")).encode("latin-1"))
    result = reconcile(load_items([str(original)]).items, load_items([changed]).items)
    assert [(i.credit_debit, str(i.amount)) for i in result.unmatched_a] == [("DBIT", "9")]
    assert [(i.credit_debit, str(i.amount)) for i in result.unmatched_b] == [("CRDT", "9")]
    assert not any(m.mismatches for m in result.matched)


# 2. duplicates


def test_a_payment_sent_twice_matches_once_and_is_reported(tmp_path: Path) -> None:
    sent = tmp_path / "sent"
    sent.mkdir()
    shutil.copy(MT103, sent / "first.fin")
    shutil.copy(MT103, sent / "second.fin")
    # one entry for the payment, and an unrelated debit of the same amount on the same day
    booked = _write(tmp_path / "n.xml", camt054(DEBTOR, _entry("DBIT", uetr=UETR), _entry("DBIT")))
    side_a, side_b = load_items([str(sent)]), load_items([booked])
    result = reconcile(side_a.items, side_b.items)
    assert [(Path(m.a.source).name, m.on) for m in result.matched] == [("first.fin", "uetr")]
    assert [Path(i.source).name for i in result.unmatched_a] == ["second.fin"]
    assert [(i.uetr, i.credit_debit) for i in result.unmatched_b] == [(None, "DBIT")]
    # both copies share the UETR (121) and the sender's reference (20: REF12345)
    assert sorted((p["code"], p["key"], p["value"]) for p in side_a.problems) == [
        ("reconcile.duplicate", "reference", "REF12345"),
        ("reconcile.duplicate", "uetr", UETR),
    ]
    assert not side_b.problems


def test_entries_sharing_a_uetr_are_reported_and_not_paired_by_amount(tmp_path: Path) -> None:
    booked = _write(tmp_path / "n.xml", camt054(DEBTOR, _entry("DBIT", uetr=UETR), _entry("DBIT", uetr=UETR)))
    other = _write(tmp_path / "o.xml", camt054(DEBTOR, _entry("DBIT")))  # same amount and day, no id
    side = load_items([booked])
    assert [(p["code"], p["key"], p["record_index"]) for p in side.problems] == [
        ("reconcile.duplicate", "uetr", 1)
    ]
    result = reconcile(load_items([other]).items, side.items)
    assert (result.matched, len(result.unmatched_a), len(result.unmatched_b)) == ([], 1, 2)


# 4. an empty side


def test_an_empty_folder_or_a_pattern_matching_nothing_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for path in (tmp_path / "empty", tmp_path / "*.none"):
        problems = load_items([str(path)]).problems
        assert [(p["code"], p["source"]) for p in problems] == [("reconcile.no_input", str(path))]


def test_standard_input_is_not_read_and_says_so() -> None:
    (problem,) = load_items(["-"]).problems
    assert problem["code"] == "reconcile.no_input" and "not standard input" in problem["message"]
