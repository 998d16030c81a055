"""Rule ids of MT196 / MT296 ↔ camt.029 (resolution of investigation), ``TI030`` onwards.

Part 5 reserved TI020–TI022 for this pair but its TI022 text says 11R/11S and
77A have no camt.029 element; this mapping does place them, so it gets its own
ids instead of redefining those. Facts come from the MT n96 field definitions
(field 76 line formats) and the camt.029 schema; the texts are ours.
"""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["RESOLUTION_RULES"]

RESOLUTION_RULES: dict[str, str] = {
    "TI030": "n96 20 <-> Assgnmt/Id; block 1/2 BICs <-> BAH Fr/To and Assgnmt/Assgnr, Assgnmt/Assgne",
    "TI031": "n96 21 (the 20 of the request answered) <-> RslvdCase/Id; RslvdCase/Cretr is the receiver "
    "of the n96 (who sent the request)",
    "TI032": "76 line 1 answer /CNCL/, /PDCR/, /RJCR/ <-> Sts/Conf, and TxCxlSts ACCR, PDCR, RJCR",
    "TI033": "76 supplement 1 reason code (AC04, LEGL, NOAS...) <-> CxlStsRsnInf[1]/Rsn/Cd; supplement 2 "
    "and every further 76 line (without its // prefix) <-> one CxlStsRsnInf[1]/AddtlInf each",
    "TI034": "77A narrative <-> CxlStsRsnInf[2] (a first /CODE/ <-> Rsn, each line <-> AddtlInf)",
    "TI035": "11R/11S MT number <-> OrgnlGrpInf/OrgnlMsgNmId (MTnnn), date <-> OrgnlCreDtTm (00:00 UTC); "
    "camt.029 does not say sent or received: 11R is written back",
    "TI036": "block 3 tag 121 <-> TxInfAndSts/OrgnlUETR (the UETR of the payment investigated)",
    "TI037": "copy of the original: 20 <-> OrgnlInstrId and OrgnlGrpInf/OrgnlMsgId, 32A <-> "
    "OrgnlIntrBkSttlmAmt and OrgnlIntrBkSttlmDt",
    "TI038": "MT196 when the original is a customer transfer, else MT296 (the TI008 choice)",
    "TI039": "source data that has no place in the target is dropped and reported",
    "TI040": "a mandatory target value missing in the source is defaulted and reported",
}

register_rules(RESOLUTION_RULES)
