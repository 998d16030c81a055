"""Hand-checked values of the MT200 ↔ pacs.009 and pacs.002 → MT199 pairs, and their pair choice.

Expected values are written from the MT200 and MT199 field rules, not taken
from the code's output.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from finmsg.errors import ConversionError
from finmsg.model.common import Agent
from finmsg.model.payments import CreditTransfer
from finmsg.mt.api import read_one
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import check_mx, mt_to_mx, mx_to_mt
from finmsg.translate import translate
from finmsg.translate.rules import RULES

MT200 = b"""{1:F01BANKBEBBAXXX0000000000}{2:I200CHASUS33XXXXN}\
{3:{121:11111111-2222-4333-8444-555555555555}}{4:
:20:OWN-1
:32A:261207USD1500,25
:53B:/998877
:57A:CITIUS33
-}"""

_PACS009_TX = """<PmtId><InstrId>P9</InstrId><EndToEndId>P9</EndToEndId>
<UETR>11111111-2222-4333-8444-555555555555</UETR></PmtId>
<IntrBkSttlmAmt Ccy="USD">10.00</IntrBkSttlmAmt><IntrBkSttlmDt>2026-12-14</IntrBkSttlmDt>
<InstgAgt><FinInstnId><BICFI>ABNANL2AXXX</BICFI></FinInstnId></InstgAgt>
<InstdAgt><FinInstnId><BICFI>CHASUS33XXX</BICFI></FinInstnId></InstdAgt>
<Dbtr><FinInstnId><BICFI>ABNANL2AXXX</BICFI></FinInstnId></Dbtr>
<CdtrAgt><FinInstnId><BICFI>CITIUS33</BICFI></FinInstnId></CdtrAgt>
<Cdtr><FinInstnId><BICFI>ABNANL2AXXX</BICFI></FinInstnId></Cdtr>{extra}"""


def _pacs009(extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"><FICdtTrf>
<GrpHdr><MsgId>P9</MsgId><CreDtTm>2026-11-29T08:00:00+00:00</CreDtTm><NbOfTxs>1</NbOfTxs>
<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
<CdtTrfTxInf>{_PACS009_TX.format(extra=extra)}</CdtTrfTxInf></FICdtTrf></Document>""".encode()


def _pacs002(status: str, name: str, orgnl_tx_ref: str, reasons: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.12"><FIToFIPmtStsRpt>
<GrpHdr><MsgId>ST-1</MsgId><CreDtTm>2026-11-29T08:00:00+00:00</CreDtTm></GrpHdr>
<TxInfAndSts><StsId>ST-1</StsId>
<OrgnlGrpInf><OrgnlMsgId>ORIG-1</OrgnlMsgId><OrgnlMsgNmId>{name}</OrgnlMsgNmId></OrgnlGrpInf>
<OrgnlInstrId>ORIG-1</OrgnlInstrId><OrgnlUETR>11111111-2222-4333-8444-555555555555</OrgnlUETR>
<TxSts>{status}</TxSts>{reasons}
<InstgAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstgAgt>
<InstdAgt><FinInstnId><BICFI>BANKBEBBXXX</BICFI></FinInstnId></InstdAgt>{orgnl_tx_ref}
</TxInfAndSts></FIToFIPmtStsRpt></Document>""".encode()


_REF = """<OrgnlTxRef><IntrBkSttlmAmt Ccy="GBP">250.00</IntrBkSttlmAmt>
<IntrBkSttlmDt>2026-12-06</IntrBkSttlmDt>
<Dbtr><Pty><Nm>JOHN SMITH</Nm></Pty></Dbtr><Cdtr><Pty><Nm>JANE SMITH</Nm></Pty></Cdtr></OrgnlTxRef>"""
_AC01 = "<StsRsnInf><Rsn><Cd>AC01</Cd></Rsn><AddtlInf>WRONG ACCOUNT</AddtlInf></StsRsnInf>"


def test_mt200_becomes_an_own_account_pacs009() -> None:
    xml, model, diagnostics = mt_to_mx(MT200, "iso20022")
    assert [d for d in check_mx(xml) if d.is_error and d.code.startswith("xsd")] == []
    assert isinstance(model, CreditTransfer) and model.message_type == "pacs.009.001.08"
    tx = model.transactions[0]
    assert tx.settlement_amount is not None and tx.settlement_amount.value == Decimal("1500.25")
    assert tx.settlement_amount.currency == "USD"
    assert tx.ids.instruction_id == "OWN-1" and tx.ids.end_to_end_id == "OWN-1"
    assert tx.debtor == Agent(bic="BANKBEBBXXX") and tx.creditor == Agent(bic="BANKBEBBXXX")
    assert tx.creditor_agent == Agent(bic="CITIUS33")
    assert model.group_header.settlement is not None
    account = model.group_header.settlement.account
    assert account is not None and account.identifier == "998877"
    assert {d.rule for d in diagnostics} == {"TF010"}


def test_pacs009_goes_to_mt202_unless_mt200_is_asked() -> None:
    _, auto, _ = mx_to_mt(_pacs009(), "mt")
    assert auto.message_type == "202"
    fin, asked, diagnostics = mx_to_mt(_pacs009(), "mt200")
    assert asked.message_type == "200"
    assert [(f.tag, f.value) for f in asked.fields] == [
        ("20", "P9"),
        ("32A", "261214USD10,00"),
        ("57A", "CITIUS33"),
    ]
    assert [str(d) for d in validate_message(read_one(fin).value) if d.is_error] == []
    # GrpHdr/CreDtTm (08:00) is not the translation time: named as replaced by the FIN header (TR033)
    assert [(d.code, d.path) for d in diagnostics] == [
        ("mapping.implicit", diagnostics[0].path),
        ("envelope.replaced", "/Document/FICdtTrf/GrpHdr/CreDtTm"),
    ]


def test_pacs009_cov_cannot_become_mt200() -> None:
    from finmsg.iso20022.document import read_iso

    message = read_iso(_pacs009(), {}).value
    assert isinstance(message, CreditTransfer)
    first = message.transactions[0]
    cov = replace(message, transactions=(replace(first, underlying=first),))
    with pytest.raises(ConversionError) as raised:
        translate(cov, "mt200")
    assert raised.value.code == "translate.unsupported"


def test_customer_reject_still_goes_to_mt103_rejt() -> None:
    _, message, _ = mx_to_mt(_pacs002("RJCT", "pacs.008.001.08", _REF, _AC01), "mt")
    assert message.message_type == "103"
    f72 = message.get("72")
    assert f72 is not None and f72.value.startswith("/REJT/")


@pytest.mark.parametrize(
    ("status", "name", "ref"),
    [
        ("ACSP", "pacs.008.001.08", _REF),  # not a rejection
        ("RJCT", "pacs.009.001.08", _REF),  # a rejected FI transfer
        ("RJCT", "pacs.008.001.08", ""),  # the amount is unknown
    ],
)
def test_other_statuses_go_to_mt199(status: str, name: str, ref: str) -> None:
    fin, message, diagnostics = mx_to_mt(_pacs002(status, name, ref, _AC01), "mt")
    assert message.message_type == "199"
    assert [str(d) for d in validate_message(read_one(fin).value) if d.is_error] == []
    head = "/REJT/" if status == "RJCT" else f"/STATUS/{status}"
    f79 = message.get("79")
    assert f79 is not None
    lines = f79.value.split("\n")
    assert lines[:3] == [head, "/AC01/WRONG ACCOUNT", "/MREF/ORIG-1"]
    assert f"/OMSG/{name}/ORIG-1" in lines
    assert ("/OAMT/261206GBP250,00" in lines) == bool(ref)
    assert message.get("20") is not None and message.get("20").value == "ST-1"  # type: ignore[union-attr]
    assert message.uetr == "11111111-2222-4333-8444-555555555555"
    assert all(d.rule for d in diagnostics)


def test_field_79_is_cut_at_35_lines_and_reported() -> None:
    many = "".join(f"<AddtlInf>NOTE {n}</AddtlInf>" for n in range(1, 41))
    reasons = f"<StsRsnInf><Rsn><Cd>NARR</Cd></Rsn>{many}</StsRsnInf>"
    _, message, diagnostics = mx_to_mt(_pacs002("PDNG", "pacs.008.001.08", "", reasons), "mt")
    f79 = message.get("79")
    assert f79 is not None
    lines = f79.value.split("\n")
    # /STATUS/PDNG, /NARR/NOTE 1, then /TEXT/NOTE 2 ... : 35 lines end with NOTE 34
    assert len(lines) == 35 and lines[1] == "/NARR/NOTE 1" and lines[-1] == "/TEXT/NOTE 34"
    cut = [d for d in diagnostics if d.rule == "TF023"]
    assert len(cut) == 1 and cut[0].original is not None and cut[0].original.startswith("/TEXT/NOTE 35")


def test_rules_are_registered() -> None:
    import finmsg.translate.mt200_rules
    import finmsg.translate.status_rules  # noqa: F401

    assert {"TF010", "TF011", "TF012", "TF013", "TF020", "TF021", "TF022", "TF023", "TF024"} <= set(RULES)
