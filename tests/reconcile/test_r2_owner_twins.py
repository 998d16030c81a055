"""An MT940 entry booked twice under one owner reference is a duplicate (review R2).

Banks reuse field 61 subfield 7 across different entries, so sharing it alone is no
duplicate; but two entries of one account that agree on it *and* on amount, currency,
date and direction are one entry booked twice. Left unreported, the second booking was
paired on amount, currency and date with an unrelated payment, hiding both the double
booking and the payment that was never booked.
"""

from __future__ import annotations

from pathlib import Path

from finmsg.reconcile import load_items, reconcile

ACCOUNT = "CH9300762011623852957"


def _mt940(*lines: str) -> bytes:
    body = "\r\n".join(
        [
            ":20:STMT-1",
            f":25:{ACCOUNT}",
            ":28C:1/1",
            ":60F:C240130EUR1000,00",
            *lines,
            ":62F:C240131EUR800,00",
        ]
    )
    return ("{1:F01BANKCHZZAXXX0000000000}{2:I940BANKCHZZXXXXN}{4:\r\n" + body + "\r\n-}").encode()


def _ntry(e2e: str) -> str:
    return (
        '<Ntry><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>'
        "<BookgDt><Dt>2024-01-31</Dt></BookgDt><ValDt><Dt>2024-01-31</Dt></ValDt>"
        f"<NtryDtls><TxDtls><Refs><EndToEndId>{e2e}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>"
    )


def _camt053(*entries: str) -> bytes:
    return f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>S-1</MsgId><CreDtTm>2024-01-31T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-1-1</Id><CreDtTm>2024-01-31T18:00:00</CreDtTm><Acct><Id><IBAN>{ACCOUNT}</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">800.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Dt><Dt>2024-01-31</Dt></Dt></Bal>{"".join(entries)}</Stmt></BkToCstmrStmt></Document>""".encode()


def _side(tmp_path: Path, name: str, data: bytes, suffix: str) -> str:
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"1.{suffix}").write_bytes(data)
    return str(folder)


TWICE = _mt940(":61:2401310131D100,00NTRFINV-1//BANKREF1", ":61:2401310131D100,00NTRFINV-1//BANKREF2")


def test_one_owner_reference_booked_twice_with_the_same_money_is_a_duplicate(tmp_path: Path) -> None:
    side = load_items([_side(tmp_path, "b", TWICE, "sta")])
    assert [(p["code"], p["key"], p["value"]) for p in side.problems] == [
        ("reconcile.duplicate", "end_to_end_id", "INV-1")
    ]


def test_the_second_booking_is_not_paired_with_an_unrelated_payment(tmp_path: Path) -> None:
    # side A: INV-1 and INV-2, both 100.00 out on 2024-01-31; side B booked INV-1 twice, INV-2 never
    a = load_items([_side(tmp_path, "a", _camt053(_ntry("INV-1"), _ntry("INV-2")), "xml")])
    b = load_items([_side(tmp_path, "b", TWICE, "sta")])
    result = reconcile(a.items, b.items)
    assert [(m.on, m.key, m.b.record_index) for m in result.matched] == [("end_to_end_id", "INV-1", 1)]
    assert [i.end_to_end_id for i in result.unmatched_a] == ["INV-2"]
    assert [i.record_index for i in result.unmatched_b] == [2]


def test_one_owner_reference_on_entries_of_different_amounts_is_still_no_duplicate(tmp_path: Path) -> None:
    reused = _mt940(":61:2401310131D100,00NTRFINV-1//BANKREF1", ":61:2401310131D100,01NTRFINV-1//BANKREF2")
    assert load_items([_side(tmp_path, "b", reused, "sta")]).problems == []
