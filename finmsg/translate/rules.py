"""The translation rules, by id: what each ``TRnnn`` named in a diagnostic means.

Every diagnostic emitted by :mod:`finmsg.translate` carries one of these ids in
its ``rule`` member, so that a user reading a report can look the rule up here
(or in the README table generated from :data:`RULES`). Pair modules added later
(statements, investigations) register their own ids with :func:`register_rules`
instead of editing this table.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["RULES", "describe", "register_rules"]

RULES: dict[str, str] = {
    "TR001": "BAH From/To BICs <-> block 1 (sender) and block 2 (receiver) BICs; the BAH is translated first",
    "TR002": "UETR <-> block 3 tag 121; never derived from field 20 (reported when absent)",
    "TR003": "field 20 <-> InstrId (and MsgId/BizMsgIdr/TxId); EndToEndId from 70 /ROC/ or NOTPROVIDED",
    "TR004": "an identifier longer than a 16x field keeps 15 characters plus '+' (the kept part loses "
    "trailing spaces and '+' first: one mark, never after a space)",
    "TR005": "an identifier that starts or ends with '/' or contains '//' becomes NOTPROVIDED",
    "TR006": "settlement method INDA/INGA/COVE <-> 53a/54a/55a and the sender/receiver BICs",
    "TR007": "32A <-> IntrBkSttlmDt + IntrBkSttlmAmt (exact decimal, currency)",
    "TR008": "33B/36 <-> InstdAmt/XchgRate",
    "TR009": "71A OUR/BEN/SHA <-> ChrgBr DEBT/CRED/SHAR",
    "TR010": "71F <-> ChrgsInf taken by a previous agent; 71G <-> ChrgsInf taken by the receiver",
    "TR011": "the 71G currency must equal the 32A currency",
    "TR012": "50A/F/K <-> Dbtr + DbtrAcct",
    "TR013": "59/59A/59F <-> Cdtr + CdtrAcct",
    "TR014": "option F numbered lines <-> name, structured address, birth data and identifiers",
    "TR015": "52a/56a/57a <-> DbtrAgt/IntrmyAgt1/CdtrAgt; absent 52a/57a = sender/receiver",
    "TR016": "53a/54a/55a <-> instructing/instructed/third reimbursement agents",
    "TR017": "70 <-> RmtInf/Ustrd, every line, codes /ROC/ /INV/ /RFB/ /IPI/ kept; text beyond the 4 lines "
    "is cut and the last line kept ends with the cut mark '+' (as TR004)",
    "TR018": "72 codewords (/INS/ /ACC/ /REC/ /INT/ /INTA/ /SVCLVL/ ...) <-> agents and instructions; a text "
    "longer than one InstrInf continues in further occurrences (CBPR+: 2 InstrForCdtrAgt, 6 InstrForNxtAgt)",
    "TR019": "23E <-> InstrForCdtrAgt/InstrForNxtAgt/SvcLvl/CtgyPurp",
    "TR020": "26T <-> Purp/Prtry; Purp/Cd -> 72 /PURP/",
    "TR021": "77B <-> RgltryRptg (/ORDERRES/ /BENEFRES/ -> DbtCdtRptgInd, Authrty/Ctry, Dtls/Inf); the "
    "code line needs both the indicator and the country, and every other member (authority name, details "
    "type, date, country, code, amount) is reported as dropped",
    "TR022": "13C /CLSTIME/ /TILTIME/ /FROTIME/ /REJTIME/ <-> SttlmTmReq",
    "TR023": "UTF-8 text becomes the MT X character set, transliterated (one diagnostic lists every change)",
    "TR024": "SR2026: free-text address lines become a structured or hybrid PstlAdr (TwnNm + Ctry)",
    "TR025": "MX name/address/text longer than the MT field is truncated to the MT lines; each cut text's "
    "last line kept ends with the cut mark '+' (as TR004), and each cut is reported against its element",
    "TR026": "MT103 variant: STP when every agent is a BIC and no STP-excluded field is needed",
    "TR027": "line breaks of 70/72 are not carried by the single MX text element",
    "TR028": "a mandatory target value missing in the source becomes NOTPROVIDED (or is reported)",
    "TR029": "23B CRED <-> no service level; SPRI/SSTD/SPAY <-> SvcLvl/Prtry",
    "TR030": "GrpHdr/CreDtTm and BAH CreDt are the translation time (UTC)",
    "TR031": "source data that has no place in the target is dropped and reported",
    "TR032": "LEI <-> 50F line 6/CC/LEI/<lei> (an LEI never disappears silently)",
    "TR033": "envelope values one header holds and the other replaces (BAH BizMsgIdr, MsgDefIdr, BizSvc, "
    "CreDt, Prty, Rltd, Sgntr; GrpHdr/Assgnmt MsgId, CreDtTm, NbOfTxs, CtrlSum, TtlIntrBkSttlmAmt; FIN "
    "session/sequence, output MIR and times, delivery monitoring, trailers) are reported one by one as "
    "envelope.replaced (info, not lossy); a value the other direction derives back equal is not reported",
    "TR034": "BAH PssblDplct <-> block 5 PDE (PDM read as PssblDplct too); CpyDplct has no FIN "
    "equivalent and is reported as lossy",
    "TR040": "pacs.009 <-> MT202/MT205: 21 <-> EndToEndId, 58a <-> Cdtr, 52a <-> Dbtr",
    "TR041": "pacs.009 COV <-> MT202COV/MT205COV: sequence B <-> UndrlygCstmrCdtTrf",
    "TR042": "pacs.009 -> MT202 by default, MT205 when asked for (both carry the same data)",
    "TR050": "72 /RETN/ or /REJT/ <-> reason code, /MREF/ <-> OrgnlInstrId, /TREF/ <-> OrgnlEndToEndId, "
    "/TEXT/ and /CHGS/ <-> AddtlInf; block 3 UETR <-> OrgnlUETR",
    "TR051": "MT103 fields a return (pacs.004) or a status report (pacs.002) has no element for are reported",
    "TR052": "MT103 /RETN/ <-> pacs.004 (50a/59a <-> RtrChain Dbtr/Cdtr); /REJT/ <-> pacs.002 RJCT",
}


def register_rules(rules: Mapping[str, str]) -> None:
    """Add the rule ids of another pair module; an id is never redefined with another text."""
    for rule_id, text in rules.items():
        if RULES.get(rule_id, text) != text:
            raise ValueError(f"translation rule {rule_id} is already defined differently")
        RULES[rule_id] = text


def describe(rule_id: str) -> str:
    """The short description of a rule id, or ``"unknown rule"``."""
    return RULES.get(rule_id, "unknown rule")
