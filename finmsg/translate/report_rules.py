"""Rule ids of the camt.052 → MT942 / MT941 writer (``TN1nn``).

Registered into the shared table of :mod:`finmsg.translate.rules` when the
report writer loads. The reverse direction (MT941/MT942 → camt.052) is part of
the statement pair and uses its ``TSnnn`` ids; these ids name what the report
writer does on top of the shared statement helpers.
"""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["REPORT_RULES"]

REPORT_RULES: dict[str, str] = {
    "TN100": "camt.052 -> MT941 when the report has no entries, no /FLOOR/ limit and a booked closing "
    "balance; else MT942",
    "TN101": "13D <-> Rpt/CreDtTm (date, time, UTC offset); without one GrpHdr/CreDtTm is used",
    "TN102": "34F floor limits <-> the /FLOOR/ lines of Rpt/AddtlRptInf; MT942 without one gets a "
    "zero floor limit in the account currency",
    "TN103": "90D/90C <-> TxsSummry/TtlDbtNtries and TtlCdtNtries (count and sum); the other summary "
    "members have no MT field",
    "TN104": "MT942 has no balance fields: every camt.052 balance is reported",
    "TN105": "MT941 balances: OPBD/PRCD -> 60F, CLBD/ITBD -> 62F, CLAV/ITAV -> 64, FWAV -> 65; "
    "other types are reported",
    "TN106": "Rpt/AddtlRptInf without its /FLOOR/ lines <-> the closing 86",
    "TN107": "25P <-> Acct/Id with Acct/Ownr AnyBIC",
    "TN108": "MT941 field 28 keeps a sequence number of at most 2 digits",
    "TN110": "20 <-> Rpt/Id; a different GrpHdr/MsgId has no MT field and is reported",
    "TN109": "RptPgntn/LastPgInd false has no MT942/MT941 field (the report reads back as the last page)",
}

register_rules(REPORT_RULES)
