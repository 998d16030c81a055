"""Rule ids of the MT101 ↔ pain.001 pair (``TAnnn``), registered into the shared rule table.

The texts describe both directions. Facts come from the MT101 field
definitions (sequence A once, sequence B per transaction) and the pain.001
schema (GrpHdr, PmtInf batches, CdtTrfTxInf); the wording is ours.
"""

from __future__ import annotations

from finmsg.translate.rules import register_rules

__all__ = ["MT101_RULES"]

MT101_RULES: dict[str, str] = {
    "TA001": "20 <-> GrpHdr/MsgId and BAH BizMsgIdr; 21R <-> PmtInfId (20 when 21R is absent)",
    "TA002": "28D index/total: each MT101 of a multi-message set becomes its own pain.001 (reported); "
    "MX -> MT writes 1/1",
    "TA003": "50C/50L instructing party <-> GrpHdr/InitgPty (AnyBIC / Othr/Id); absent: the debtor",
    "TA004": "50F/50G/50H ordering customer <-> PmtInf/Dbtr + DbtrAcct (G = account + BIC, H = account + "
    "name and address)",
    "TA005": "52A/52C account servicing institution <-> PmtInf/DbtrAgt; absent 52a = the receiver",
    "TA006": "30 <-> PmtInf/ReqdExctnDt/Dt (one date for the whole MT101)",
    "TA007": "25 authorisation <-> GrpHdr/Authstn/Prtry",
    "TA008": "one sequence B per CdtTrfTxInf; consecutive B with the same ordering customer, account "
    "servicer and charges account share one PmtInf",
    "TA009": "21 <-> PmtId/InstrId; EndToEndId from 70 /ROC/ or NOTPROVIDED",
    "TA010": "32B <-> Amt/InstdAmt; 32B with amount zero plus 33B <-> Amt/EqvtAmt (Amt = 33B, CcyOfTrf "
    "= 32B currency)",
    "TA011": "36 <-> XchgRateInf/XchgRate; 21F <-> XchgRateInf/CtrctId",
    "TA012": "23E: URGP <-> PmtTpInf/InstrPrty HIGH; CORT/INTC <-> CtgyPurp; CHQB <-> InstrForCdtrAgt; "
    "other codes <-> CdtTrfTxInf/InstrForDbtrAgt as /CODE/text",
    "TA013": "56a <-> IntrmyAgt1, 57a <-> CdtrAgt, 59a <-> Cdtr + CdtrAcct, 70 <-> RmtInf, 77B <-> "
    "RgltryRptg (payment rules TR013/TR015/TR017/TR021 apply)",
    "TA014": "25A charges account <-> PmtInf/ChrgsAcct",
    "TA015": "71A OUR/BEN/SHA <-> CdtTrfTxInf/ChrgBr DEBT/CRED/SHAR (SLEV is written as SHA, reported)",
    "TA016": "data that has no place in the target (51A, block 3 tags, pain.001 elements without an MT101 "
    "field) is dropped and reported",
    "TA017": "block 3 tag 121 <-> PmtId/UETR when the MT101 carries one transaction",
    "TA018": "a pain.001 batch that cannot join the MT101 (another execution date, cheque method) is "
    "dropped and reported; translate it separately",
    "TA019": "a mandatory pain.001 value missing in the MT101 is defaulted (NOTPROVIDED) and reported",
}

register_rules(MT101_RULES)
