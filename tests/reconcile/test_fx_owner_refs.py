"""Which shared references are duplicates: MT940 owner references, reversals, two accounts.

MT940 field 61 subfield 7 (reference for the account owner) becomes the entry's end-to-end
id, but banks repeat it (PostFinance writes one code per counterparty, German banks one
``TFNr ... MSGID`` per file): sharing it is no duplicate, and matching on it must not take
whichever sharer comes first. A reversal (``RC``/``RD``, camt ``RvslInd``) carries the
identifiers of the booking it undoes. One bank reference on the statements of two accounts
is one transfer seen from both. Every input below is hand-written; each expected pairing is
read off the amounts, directions and references written in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.reconcile import load_items, reconcile
from tests.corpus import CORPUS

ACCOUNT = "CH9300762011623852957"
OTHER = "CH5604835012345678009"
UETR = "7a562c67-ca16-48ba-b074-65581be6f001"


def mt940(account: str, *lines: str) -> bytes:
    body = "\r\n".join(
        [
            ":20:STMT-1",
            f":25:{account}",
            ":28C:1/1",
            ":60F:C240130EUR1000,00",
            *lines,
            ":62F:C240131EUR1000,00",
        ]
    )
    return ("{1:F01BANKCHZZAXXX0000000000}{2:I940BANKCHZZXXXXN}{4:\r\n" + body + "\r\n-}").encode()


def ntry(amount: str, direction: str, *, e2e: str = "", uetr: str = "", reversal: bool = False) -> str:
    refs = (f"<EndToEndId>{e2e}</EndToEndId>" if e2e else "") + (f"<UETR>{uetr}</UETR>" if uetr else "")
    details = f"<NtryDtls><TxDtls><Refs>{refs}</Refs></TxDtls></NtryDtls>" if refs else ""
    flag = "<RvslInd>true</RvslInd>" if reversal else ""
    return (
        f'<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd>{flag}<Sts><Cd>BOOK</Cd></Sts>'
        f"<BookgDt><Dt>2024-01-31</Dt></BookgDt><ValDt><Dt>2024-01-31</Dt></ValDt>{details}</Ntry>"
    )


def camt053(account: str, *entries: str) -> bytes:
    return f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>S-1</MsgId><CreDtTm>2024-01-31T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-1-1</Id><CreDtTm>2024-01-31T18:00:00</CreDtTm><Acct><Id><IBAN>{account}</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Dt><Dt>2024-01-31</Dt></Dt></Bal>{"".join(entries)}</Stmt></BkToCstmrStmt></Document>""".encode()


def _side(tmp_path: Path, name: str, *files: bytes) -> str:
    folder = tmp_path / name
    folder.mkdir()
    for n, data in enumerate(files, 1):
        (folder / f"{n}.{'xml' if data.startswith(b'<') else 'sta'}").write_bytes(data)
    return str(folder)


#: Three PostFinance-style entries sharing subfield 7 ``01916``: 79.70 and 149.50 credits, a 79.90 debit.
SHARED = mt940(
    ACCOUNT,
    ":61:2401310131C79,70NMSC01916//NONREF",
    ":61:2401310131C149,50NMSC01916//NONREF",
    ":61:2401310131D79,90NMSC01916//NONREF",
)


def test_a_shared_owner_reference_is_no_duplicate(tmp_path: Path) -> None:
    side = load_items([_side(tmp_path, "b", SHARED)])
    assert [(i.end_to_end_id, i.owner_reference) for i in side.items] == [("01916", True)] * 3
    assert side.problems == []


def test_a_shared_owner_reference_pairs_the_sharer_with_the_same_amount(tmp_path: Path) -> None:
    # the camt.053 books 149.50 with end-to-end id 01916: the second MT940 entry, not the first
    a = load_items([_side(tmp_path, "a", camt053(ACCOUNT, ntry("149.50", "CRDT", e2e="01916")))])
    b = load_items([_side(tmp_path, "b", SHARED)])
    result = reconcile(a.items, b.items)
    assert [(m.on, m.key, m.mismatches, m.b.record_index) for m in result.matched] == [
        ("end_to_end_id", "01916", (), 2)
    ]
    assert [i.record_index for i in result.unmatched_b] == [1, 3]


def test_no_sharer_agrees_so_the_reference_pairs_nothing(tmp_path: Path) -> None:
    # 50.00 is none of the sharers' amounts; the entry without reference of 50.00 is the partner
    statement = mt940(ACCOUNT, *SHARED.decode().split("\r\n")[5:8], ":61:2401310131C50,00NMSCNONREF")
    a = load_items([_side(tmp_path, "a", camt053(ACCOUNT, ntry("50.00", "CRDT", e2e="01916")))])
    b = load_items([_side(tmp_path, "b", statement)])
    assert [str(i.amount) for i in b.items] == ["79.70", "149.50", "79.90", "50.00"]
    result = reconcile(a.items, b.items)
    assert [(m.on, m.b.record_index) for m in result.matched] == [("amount_currency_date", 4)]


def test_an_owner_reference_carried_once_still_matches_and_differences_show(tmp_path: Path) -> None:
    a = load_items([_side(tmp_path, "a", camt053(ACCOUNT, ntry("10.00", "CRDT", e2e="INV-77")))])
    b = load_items([_side(tmp_path, "b", mt940(ACCOUNT, ":61:2401310131C12,00NTRFINV-77//NONREF"))])
    result = reconcile(a.items, b.items)
    assert [(m.on, m.key, m.mismatches) for m in result.matched] == [("end_to_end_id", "INV-77", ("amount",))]


def test_an_iso_end_to_end_id_shared_by_two_bookings_is_still_a_duplicate(tmp_path: Path) -> None:
    side = load_items(
        [
            _side(
                tmp_path,
                "a",
                camt053(ACCOUNT, ntry("5.00", "DBIT", e2e="E2E-1"), ntry("5.00", "DBIT", e2e="E2E-1")),
            )
        ]
    )
    assert [(p["code"], p["key"], p["value"]) for p in side.problems] == [
        ("reconcile.duplicate", "end_to_end_id", "E2E-1")
    ]


@pytest.mark.parametrize("reversal_first", [False, True])
def test_a_camt053_booking_and_its_reversal_share_a_uetr_without_a_duplicate(
    tmp_path: Path, reversal_first: bool
) -> None:
    entries = [ntry("100.00", "CRDT", uetr=UETR), ntry("100.00", "DBIT", uetr=UETR, reversal=True)]
    side = load_items(
        [_side(tmp_path, "a", camt053(ACCOUNT, *(reversed(entries) if reversal_first else entries)))]
    )
    assert sorted((i.credit_debit, i.reversal) for i in side.items) == [("CRDT", False), ("DBIT", True)]
    assert side.problems == []


def test_a_booking_twice_with_one_uetr_and_no_reversal_is_a_duplicate(tmp_path: Path) -> None:
    entries = [ntry("100.00", "CRDT", uetr=UETR), ntry("100.00", "CRDT", uetr=UETR)]
    side = load_items([_side(tmp_path, "a", camt053(ACCOUNT, *entries))])
    assert [(p["key"], p["value"]) for p in side.problems] == [("uetr", UETR)]


def test_booked_reversed_and_booked_again_is_no_duplicate_but_two_reversals_are(tmp_path: Path) -> None:
    again = [ntry("100.00", "CRDT", uetr=UETR), ntry("100.00", "DBIT", uetr=UETR, reversal=True)]
    again.append(ntry("100.00", "CRDT", uetr=UETR))
    assert load_items([_side(tmp_path, "a", camt053(ACCOUNT, *again))]).problems == []
    twice = [ntry("100.00", "CRDT", uetr=UETR)] + [ntry("100.00", "DBIT", uetr=UETR, reversal=True)] * 2
    problems = load_items([_side(tmp_path, "b", camt053(ACCOUNT, *twice))]).problems
    assert [(p["key"], p["value"]) for p in problems] == [("uetr", UETR)]


def test_an_mt940_booking_and_its_rc_reversal_share_the_bank_reference(tmp_path: Path) -> None:
    booked = ":61:2401310131C149,50NTRFNONREF//BANKREF1"
    reversed_ = ":61:2401310131RC149,50NTRFNONREF//BANKREF1"  # reversal of a credit: money out
    side = load_items([_side(tmp_path, "a", mt940(ACCOUNT, booked, reversed_))])
    assert [(i.credit_debit, i.reversal, sorted(i.references)) for i in side.items] == [
        ("CRDT", False, ["BANKREF1"]),
        ("DBIT", True, ["BANKREF1"]),
    ]
    assert side.problems == []
    problems = load_items([_side(tmp_path, "b", mt940(ACCOUNT, booked, booked))]).problems
    assert [(p["key"], p["value"]) for p in problems] == [("reference", "BANKREF1")]


def test_one_bank_reference_on_two_accounts_statements_is_one_transfer(tmp_path: Path) -> None:
    out = mt940(ACCOUNT, ":61:2401310131D50,00NTRFNONREF//BANKREF7")
    into = mt940(OTHER, ":61:2401310131C50,00NTRFNONREF//BANKREF7")
    assert load_items([_side(tmp_path, "a", out, into)]).problems == []
    # the same account's statement twice is a duplicate (field 25 written as BIC/IBAN the second time)
    again = mt940(f"BANKCHZZ/{ACCOUNT}", ":61:2401310131D50,00NTRFNONREF//BANKREF7")
    problems = load_items([_side(tmp_path, "b", out, again)]).problems
    assert [(p["key"], p["value"]) for p in problems] == [("reference", "BANKREF7")]


WOLPH = CORPUS / "mt940" / "wolph"


@pytest.mark.corpus
@pytest.mark.skipif(not WOLPH.is_dir(), reason="third-party corpus not present")
@pytest.mark.parametrize(
    "name",
    ["betterplace/sepa_mt9401.sta", "betterplace/sepa_snippet.sta", "jejik/postfinance.sta", "jejik/sns.sta"],
)
def test_corpus_statements_with_reused_references_report_no_duplicate(name: str) -> None:
    """These files repeat subfield-7 references (``TFNr 40005 MSGID``, ``01916``, ``0987654321``),
    and sepa_mt9401 books internal transfers with one bank reference on two accounts."""
    side = load_items([str(WOLPH / name)])
    assert side.items and [p for p in side.problems if p["code"] == "reconcile.duplicate"] == []
    result = reconcile(side.items, load_items([str(WOLPH / name)]).items)
    assert (len(result.unmatched_a), len(result.unmatched_b)) == (0, 0)
    assert [
        m
        for m in result.matched
        if m.mismatches or m.a.record_index != m.b.record_index or m.a.message_index != m.b.message_index
    ] == []
