"""Rule ids of the trade-to-settlement mappings (``SE001``...).

Every diagnostic raised by :mod:`finmsg.settlement` names one of these, so a user
can look up why a value was placed, defaulted, or dropped.
"""

from __future__ import annotations

__all__ = ["RULES", "describe"]

RULES: dict[str, str] = {
    "SE001": "Trade date: FIX TradeDate (75) <-> :98A::TRAD <-> TradDtls/TradDt",
    "SE002": "Settlement date: FIX SettlDate (64) <-> :98A::SETT <-> TradDtls/SttlmDt (mandatory)",
    "SE003": "Instrument: FIX SecurityID (48) with IDSource (22)=4 <-> :35B:ISIN <-> FinInstrmId/ISIN",
    "SE004": "Quantity: :36B::SETT//UNIT, or FAMT (face amount) for debt instruments",
    "SE005": "Deal price: LastPx/AvgPx with PriceType (423) <-> :90A/B::DEAL <-> DealPric (type kept)",
    "SE006": "Amounts: GrossTradeAmt (381) DEAL, NetMoney (118) SETT, Commission (12) EXEC, "
    "AccruedInterestAmt (159) ACRU",
    "SE007": "Side (54) <-> :22H::BUSE//BUYI|SELL; buy receives (RECE), sell delivers (DELI)",
    "SE008": "Payment: SettlDeliveryType (172) 0=APMT 1=FREE <-> :22H::PAYM, MT54x type, Pmt",
    "SE009": "Settlement parties from Parties (453), NestedParties (539) or SettlInstructions (85/781)",
    "SE010": "Standing settlement instructions (SSI file) fill the parties a message lacks",
    "SE011": "A settlement instruction needs PSET and the counterparty's agent (DEAG or REAG)",
    "SE012": "Partial fills grouped by order or allocation id: summed quantity, exact average price",
    "SE013": "A missing gross or settlement amount is computed from quantity, price, commission, accrued",
    "SE014": "Safekeeping account: Account (1) or AllocAccount (79), else the SSI",
    "SE015": "References: ExecID/AllocID/ConfirmID -> :20C::SEME / TxId; OrderID -> LINK :20C::RELA",
    "SE016": "Data the target cannot carry is reported, never silently dropped",
    "SE017": "Settlement party chain: DEAG/DECU/DEI1/DEI2/SELL <-> Pty1..Pty5 (PSET <-> Dpstry)",
    "SE018": "Settlement instruction -> FIX AllocationInstruction with SettlInstructions",
    "SE019": "Routing: sender/receiver BICs from the SSI, the options or the source header",
}


def describe(rule_id: str) -> str:
    """The text of a rule id (``SE004``); unknown ids raise ``KeyError``."""
    return RULES[rule_id]
