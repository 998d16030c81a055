"""A payment row's settlement date may be stated once for the whole message (``GrpHdr/IntrBkSttlmDt``).

pacs.008 and pacs.009 give the interbank settlement date either in the group header, for every
transaction, or in each transaction; a row must carry it in both cases (docs/etl-schema.md:
``settlement_date`` is the payment's interbank settlement date). The inputs are written by hand
below and the expected dates read off them.
"""

from __future__ import annotations

import finmsg
from finmsg.etl import rows_for
from tests.conftest import FIXTURES


def _tx(n: int, date: str | None) -> str:
    own_date = f"<IntrBkSttlmDt>{date}</IntrBkSttlmDt>" if date else ""
    return f"""<CdtTrfTxInf><PmtId><EndToEndId>E2E-{n}</EndToEndId></PmtId>
<IntrBkSttlmAmt Ccy="EUR">{n}0.00</IntrBkSttlmAmt>{own_date}<ChrgBr>SLEV</ChrgBr>
<Dbtr><Nm>Payer {n}</Nm></Dbtr><DbtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></DbtrAgt>
<CdtrAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></CdtrAgt><Cdtr><Nm>Payee {n}</Nm></Cdtr>
</CdtTrfTxInf>"""


def _pacs008(group_date: str | None, *tx_dates: str | None) -> bytes:
    group = f"<IntrBkSttlmDt>{group_date}</IntrBkSttlmDt>" if group_date else ""
    txs = "".join(_tx(n, date) for n, date in enumerate(tx_dates, start=1))
    return f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>G-1</MsgId><CreDtTm>2026-03-01T09:00:00</CreDtTm><NbOfTxs>{len(tx_dates)}</NbOfTxs>
{group}<SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>{txs}</FIToFICstmrCdtTrf></Document>""".encode()


def _dates(data: bytes) -> list[object]:
    return [row["settlement_date"] for row in rows_for(finmsg.parse(data).value, "in.xml", 1)]


def test_the_group_settlement_date_is_every_transaction_s_date() -> None:
    assert _dates(_pacs008("2026-03-02", None, None)) == ["2026-03-02", "2026-03-02"]


def test_transactions_that_state_their_own_date_keep_it() -> None:
    assert _dates(_pacs008(None, "2026-03-03", "2026-03-04")) == ["2026-03-03", "2026-03-04"]


def test_no_date_anywhere_stays_empty() -> None:
    assert _dates(_pacs008(None, None)) == [None]


def test_the_multi_transaction_fixture_settles_on_its_group_date() -> None:
    data = (FIXTURES / "iso20022" / "pacs008-multi-bare" / "input.xml").read_bytes()
    assert _dates(data) == ["2026-11-30", "2026-11-30"]  # GrpHdr/IntrBkSttlmDt; no transaction has one
