"""Rule ids TF020... of the pacs.002 → MT199 pair, registered on import."""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["STATUS_RULES"]

STATUS_RULES = {
    "TF020": "pacs.002 -> MT103 /REJT/ only for the RJCT of one customer transfer (OrgnlTxRef with the "
    "amount, original message MT103/pacs.008 or unnamed); any other status report -> MT199",
    "TF021": "pacs.002 -> MT199: 20 <- StsId (else GrpHdr/MsgId); 21 <- OrgnlInstrId, else "
    "OrgnlEndToEndId, else OrgnlMsgId, else NONREF; block 3 tag 121 <- OrgnlUETR",
    "TF022": "pacs.002 -> MT199 79: /REJT/ (RJCT) or /STATUS/<code>, /<reason>/<text>, /PRTRY/, /TEXT/, "
    "/ORGTR/, /MREF/, /TREF/, /TXID/, /OMSG/<name>/<id>, /OAMT/<32A>, /ACCPT/, /STLD/, /ASREF/, "
    "/CLREF/; 50 characters a line, longer items go on in // lines",
    "TF023": "pacs.002 -> MT199: 79 holds 35 lines; further lines are cut and reported",
    "TF024": "pacs.002 content an MT199 cannot carry (further transactions or groups, OrgnlTxRef "
    "parties, charges, supplementary data) is dropped and reported",
}
register_rules(STATUS_RULES)
