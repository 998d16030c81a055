"""A reversal undoes a booking of the other direction only (review R2).

MT940 field 61 mark ``RD`` is the reversal of a *debit*: money comes back in, a credit.
Next to a credit booking with the same bank reference it undoes nothing: the account was
credited twice. Likewise a camt entry marked ``RvslInd`` moving the same way as the booking
it shares a UETR with. (``C`` then ``RC``, or CRDT then a DBIT reversal, stays one payment.)
"""

from __future__ import annotations

from pathlib import Path

from finmsg.reconcile import load_items

ACCOUNT = "CH9300762011623852957"
UETR = "7a562c67-ca16-48ba-b074-65581be6f001"


def _mt940(*lines: str) -> bytes:
    body = "\r\n".join(
        [
            ":20:STMT-1",
            f":25:{ACCOUNT}",
            ":28C:1/1",
            ":60F:C240130EUR1000,00",
            *lines,
            ":62F:C240131EUR1299,00",
        ]
    )
    return ("{1:F01BANKCHZZAXXX0000000000}{2:I940BANKCHZZXXXXN}{4:\r\n" + body + "\r\n-}").encode()


def _ntry(direction: str, reversal: bool) -> str:
    flag = "<RvslInd>true</RvslInd>" if reversal else ""
    return (
        f'<Ntry><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>{direction}</CdtDbtInd>{flag}<Sts><Cd>BOOK</Cd></Sts>'
        "<BookgDt><Dt>2024-01-31</Dt></BookgDt><ValDt><Dt>2024-01-31</Dt></ValDt>"
        f"<NtryDtls><TxDtls><Refs><UETR>{UETR}</UETR></Refs></TxDtls></NtryDtls></Ntry>"
    )


def _camt053(*entries: str) -> bytes:
    return f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>S-1</MsgId><CreDtTm>2024-01-31T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-1-1</Id><CreDtTm>2024-01-31T18:00:00</CreDtTm><Acct><Id><IBAN>{ACCOUNT}</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Dt><Dt>2024-01-31</Dt></Dt></Bal>{"".join(entries)}</Stmt></BkToCstmrStmt></Document>""".encode()


def _problems(tmp_path: Path, name: str, data: bytes) -> list[tuple[str, str]]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / ("1.xml" if data.startswith(b"<") else "1.sta")).write_bytes(data)
    return [(p["key"], p["value"]) for p in load_items([str(folder)]).problems]


def test_a_credit_and_an_rd_with_one_bank_reference_are_a_duplicate(tmp_path: Path) -> None:
    twice_in = _mt940(
        ":61:2401310131C149,50NTRFNONREF//BANKREF1", ":61:2401310131RD149,50NTRFNONREF//BANKREF1"
    )
    assert _problems(tmp_path, "a", twice_in) == [("reference", "BANKREF1")]


def test_a_credit_and_its_rc_reversal_stay_one_payment(tmp_path: Path) -> None:
    undone = _mt940(":61:2401310131C149,50NTRFNONREF//BANKREF1", ":61:2401310131RC149,50NTRFNONREF//BANKREF1")
    assert _problems(tmp_path, "a", undone) == []


def test_a_camt_credit_and_a_credit_reversal_with_one_uetr_are_a_duplicate(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a", _camt053(_ntry("CRDT", False), _ntry("CRDT", True))) == [("uetr", UETR)]
    assert _problems(tmp_path, "b", _camt053(_ntry("CRDT", False), _ntry("DBIT", True))) == []
