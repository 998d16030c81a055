"""Rule ids of the statement and notification pairs (MT94x/MT950/MT90x ↔ camt.052/053/054).

Registered into the shared table of :mod:`finmsg.translate.rules` when the
statement modules load, so a ``TSnnn`` id in a diagnostic can be looked up
like the payment ``TRnnn`` ids. The texts state what each rule does in both
directions; the facts come from the MT field definitions and the camt schemas.
"""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["STATEMENT_RULES"]

STATEMENT_RULES: dict[str, str] = {
    "TS001": "block 1 (account servicer) / block 2 (receiver) BICs <-> BAH Fr/To; 20 <-> BizMsgIdr, "
    "GrpHdr/MsgId and Stmt/Id (Rpt/Id, Ntfctn/Id)",
    "TS002": "21 <-> GrpHdr/OrgnlBizQry/MsgId (the request the statement answers)",
    "TS003": "25 <-> Acct/Id (IBAN when it is a valid IBAN, else Othr/Id); 25P BIC <-> Acct/Ownr AnyBIC",
    "TS004": "28C statement number <-> ElctrncSeqNb; sequence number <-> Pgntn/PgNb, "
    "LastPgInd true with a final closing balance (62F), false with 62M",
    "TS005": "60F <-> OPBD (PRCD read as 60F too), 60M <-> ITBD as the first balance",
    "TS006": "62F <-> CLBD, 62M <-> ITBD after the opening balance",
    "TS007": "64 <-> CLAV; 65 (each) <-> FWAV; the balance date <-> Bal/Dt/Dt",
    "TS008": "61 value date <-> Ntry/ValDt; 61 entry date MMDD <-> Ntry/BookgDt, the year being "
    "the one that puts the entry date nearest the value date",
    "TS009": "61 mark C/D <-> CdtDbtInd BOOK; RC/RD (reversals) <-> DBIT/CRDT with RvslInd; "
    "EC/ED (expected) <-> CRDT/DBIT with Sts PDNG",
    "TS010": "61 amount <-> Ntry/Amt (exact decimal) in the currency of the balances",
    "TS011": "61 transaction type + identification code <-> BkTxCd/Prtry/Cd issued by SWIFT; "
    "without one, NMSC (miscellaneous) is written",
    "TS012": "61 reference for the account owner <-> TxDtls/Refs/EndToEndId; NONREF <-> absent",
    "TS013": "61 reference of the account servicing institution (//) <-> Ntry/AcctSvcrRef",
    "TS014": "61 supplementary details (second line) <-> TxDtls/AddtlTxInf",
    "TS015": "61 funds code (third letter of the currency) has no camt element: dropped and reported",
    "TS016": "86 after a 61 <-> Ntry/AddtlNtryInf; MT -> MX joins the lines into one text (a full "
    "65-character line continues its word) and reports line breaks MX -> MT would not rewrite",
    "TS017": "86 at the end of the message <-> AddtlStmtInf / AddtlRptInf; MT -> MX joins its lines "
    "as TS016 joins an entry's 86",
    "TS018": "camt.053 -> MT950 when the account owner is the receiving financial institution and no "
    "text needs an 86, else MT940",
    "TS019": "camt data that has no place in the MT is dropped and reported",
    "TS020": "28C statement number: leading zeros are not kept by ElctrncSeqNb; more than 5 digits "
    "keep the last 5",
    "TS021": "a camt message with several Stmt/Rpt/Ntfctn: the first is translated, the others reported",
    "TS022": "an entry in another currency than the account has no MT statement line: reported",
    "TS023": "a mandatory MT value missing in the camt is defaulted and reported",
    "TS024": "13D <-> Rpt/CreDtTm (date, time and UTC offset)",
    "TS025": "34F floor limits (MT942) have no camt.052 element: kept as Rpt/AddtlRptInf "
    "/FLOOR/ text and reported",
    "TS026": "90D/90C <-> TxsSummry/TtlDbtNtries and TtlCdtNtries (count and sum)",
    "TS027": "camt.052 -> MT941 when it has balances and no entries, else MT942",
    "TS028": "86 after a 61 (MT940/MT942) also carries each transaction's remittance (/REMI/) and "
    "the counterparty name (/ORDP/ payer, /BENM/ payee), as room allows; what does not fit is reported",
}

register_rules(STATEMENT_RULES)
