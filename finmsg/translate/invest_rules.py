"""Rule ids of the investigation pairs: MT192/MT292 ↔ camt.056 and MT196/MT296 ↔ camt.029 (``TInnn``).

Registered into the shared table of :mod:`finmsg.translate.rules` when the
investigation modules load. Facts come from the MT n92/n96 field definitions
and the camt.056/camt.029 schemas; the texts are ours.
"""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["INVESTIGATION_RULES"]

INVESTIGATION_RULES: dict[str, str] = {
    "TI001": "block 1/2 BICs <-> BAH Fr/To and Assgnmt/Assgnr, Assgnmt/Assgne; the BAH is translated first",
    "TI002": "20 <-> Assgnmt/Id (and Case/Id of a camt.056)",
    "TI003": "n92 21 <-> OrgnlInstrId and OrgnlGrpInf/OrgnlMsgId (the original message's 20)",
    "TI004": "11S MT number <-> OrgnlGrpInf/OrgnlMsgNmId (MTnnn); 11S date <-> OrgnlCreDtTm (the time "
    "of day is not carried by MT)",
    "TI005": "block 3 tag 121 <-> OrgnlUETR (the UETR of the payment investigated)",
    "TI006": "79 line 1 /CODE/ <-> CxlRsnInf/Rsn/Cd (4 characters) or Rsn/Prtry; the rest of line 1 and "
    "every further line <-> one CxlRsnInf/AddtlInf each",
    "TI007": "copy of field 32A <-> OrgnlIntrBkSttlmAmt and OrgnlIntrBkSttlmDt",
    "TI008": "MT1xx (customer transfer: OrgnlMsgNmId MT1nn, pacs.008, pain.001) <-> MT192/MT196; "
    "else MT292/MT296",
    "TI009": "source data that has no place in the target is dropped and reported",
    "TI010": "a mandatory target value missing in the source is defaulted and reported",
    "TI011": "MX text longer than an MT line is wrapped; more lines than the field holds are cut",
    "TI020": "n96 21 <-> RslvdCase/Id (the reference of the request answered)",
    "TI021": "76 line 1 /CNCL/, /PDCR/, /RJCR/ <-> Sts/Conf and TxInfAndSts/TxCxlSts; a reason code "
    "after it <-> CxlStsRsnInf/Rsn/Cd; further lines <-> CxlStsRsnInf/AddtlInf",
    "TI022": "n96 11R/11S, 77A and 79 have no camt.029 element: reported",
}

register_rules(INVESTIGATION_RULES)
