"""Rule ids of the setr.027 and business-application-header mappings (``SE020``...).

They continue :mod:`finmsg.settlement.rules`; kept in their own table so the
trade-confirmation work does not edit the settlement helper's central list
(:func:`describe` looks in both).
"""

from __future__ import annotations

from finmsg.settlement.rules import RULES

__all__ = ["SETR_RULES", "describe"]

SETR_RULES: dict[str, str] = {
    "SE020": "Trade confirmation: FIX 8/AK or MT515/518 <-> setr.027; TradDt, SttlmDt, DealPric and Sd "
    "are mandatory, a missing side follows the direction (RECE buys)",
    "SE021": "Business application header: sender/receiver BICs <-> head.001 AppHdr Fr/To, "
    "BizMsgIdr = the transaction reference, MsgDefIdr = the message version",
    "SE022": "setr.027 parties: BUYR/SELL <-> ConfPties Buyr/Sellr; the investor's safekeeping account "
    "<-> OthrBizPties/Invstr/SfkpgAcct; a place of settlement is identified by BIC only",
    "SE023": "Place of trade: FIX LastMkt (30) <-> :94B::TRAD//EXCH/<MIC> <-> TradDtls/PlcOfTrad/Id/MktIdrCd",
}


def describe(rule_id: str) -> str:
    """The text of a rule id, old (``SE004``) or new (``SE021``); unknown ids raise ``KeyError``."""
    return SETR_RULES[rule_id] if rule_id in SETR_RULES else RULES[rule_id]
