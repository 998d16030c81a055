"""Rule ids TF001... of the free-format pairs (MT199 / MT299 ↔ admi.024), registered on import."""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["FREEFORMAT_RULES"]

FREEFORMAT_RULES = {
    "TF001": "field 20 <-> NtfctnData/SndrNtfctnId (and GrpHdr/MsgId, BAH BizMsgIdr)",
    "TF002": "field 21 <-> NtfctnData/RltdNtfctnData/NtfctnId (one related id travels)",
    "TF003": "79 (35 lines x 50 characters) <-> NtfctnNrrtv, one element per line; "
    "MX narratives are cut into 50-character lines, at most 35",
    "TF004": "MT199 or MT299: the target, else the NtfctnTp/NtfctnSubTp proprietary MT199/MT299, "
    "else the BAH related message (pacs.009 -> MT299), else MT199",
    "TF005": "NtfctnTp <-> the MT type (Prtry MT199/MT299); any other notification type is reported",
    "TF006": "admi.024 or MT content with no place in the other message is dropped and reported",
    "TF007": "GrpHdr Sndr/Rcvr <-> block 1/2 BICs (after the BAH, TR001)",
    "TF008": "block 2 priority U <-> BAH Prty HIGH (N <-> no Prty, the CBPR+ default NORM)",
}
register_rules(FREEFORMAT_RULES)
