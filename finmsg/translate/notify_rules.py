"""Rule ids of the notification and report pairs (MT900/MT910 ↔ camt.054, MT941/MT942 ↔ camt.052).

Registered into the shared table of :mod:`finmsg.translate.rules` when a
notification module loads, so a ``TNnnn`` id named in a diagnostic can be
looked up like the payment ``TRnnn`` and statement ``TSnnn`` ids. The texts
describe both directions; the facts come from the MT900/MT910 field
definitions and the camt.054 schema.
"""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["NOTIFICATION_RULES"]

NOTIFICATION_RULES: dict[str, str] = {
    "TN001": "block 1 (account servicer) / block 2 (account owner) BICs <-> BAH Fr/To; 20 <-> BizMsgIdr, "
    "GrpHdr/MsgId and Ntfctn/Id",
    "TN002": "21 <-> Ntry/NtryDtls/TxDtls/Refs/InstrId; MX -> MT falls back to EndToEndId, then NONREF",
    "TN003": "25 <-> Ntfctn/Acct/Id (IBAN when it is a valid IBAN, else Othr/Id); "
    "25P BIC <-> Acct/Ownr/Id/OrgId/AnyBIC",
    "TN004": "13D <-> Ntry/BookgDt/DtTm (date, time and UTC offset of the booking)",
    "TN005": "32A <-> Ntry/ValDt/Dt, Ntry/Amt and its currency (exact decimal)",
    "TN006": "MT900 <-> CdtDbtInd DBIT, MT910 <-> CdtDbtInd CRDT, status BOOK; camt.054 -> MT900 or "
    "MT910 by the CdtDbtInd of the first entry",
    "TN007": "Ntry/BkTxCd is mandatory in camt.054 and has no MT900/910 field: PMNT/ICDT (debit) or "
    "PMNT/RCDT (credit) with sub-family OTHR is written, and a BkTxCd is not carried back",
    "TN008": "50a (MT910) <-> TxDtls/RltdPties/Dbtr and DbtrAcct",
    "TN009": "52a <-> TxDtls/RltdAgts/DbtrAgt (the ordering institution)",
    "TN010": "56a (MT910) <-> TxDtls/RltdAgts/IntrmyAgt1",
    "TN011": "72 <-> Ntry/AddtlNtryInf, every line, line breaks kept; MX -> MT wraps to 6 lines of 35",
    "TN012": "block 3 tag 121 <-> TxDtls/Refs/UETR (never derived from a reference)",
    "TN013": "camt.054 data that has no place in MT900/MT910 is dropped and reported",
    "TN014": "a camt.054 with several Ntfctn, Ntry or TxDtls: the first is translated, the others reported",
    "TN015": "a mandatory MT value missing in the camt.054 is defaulted (NONREF, NOTPROVIDED) and reported",
    "TN016": "an entry that is not booked (status other than BOOK) has no MT900/MT910 form and is "
    "refused; a booked reversal is written, its RvslInd reported",
    "TN017": "MT data that has no place in camt.054 (block 3 tags, account lines of 52a/56a) is reported",
}

register_rules(NOTIFICATION_RULES)
