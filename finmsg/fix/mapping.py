"""The FIX <-> trading-model mapping as data, shared by the reader and the writer.

Why data: one table per message type (tag -> attribute and value kind) read by
both directions guarantees that what the reader places, the writer puts back.
Repeating groups with a model home (parties, sides, allocations, MiFID II
groups) are listed in ``GROUP_ATTRS``; every other field or group becomes an
:class:`~finmsg.model.common.Extra`.
"""

from __future__ import annotations

from collections.abc import Mapping

from finmsg.model.trading import (
    AllocationInstruction,
    Confirmation,
    ExecutionReport,
    NewOrderSingle,
    OrderCancelReplaceRequest,
    OrderCancelRequest,
    TradeCaptureReport,
    TradingMessage,
)

__all__ = [
    "ALLOC_FIELDS",
    "COMMON_FIELDS",
    "GROUP_ATTRS",
    "INSTRUMENT_FIELDS",
    "MESSAGE_CLASSES",
    "MESSAGE_FIELDS",
    "NESTED_PARTY",
    "NESTED_PARTY2",
    "PARTY",
    "SIDE_FIELDS",
    "Kind",
]

Kind = str  # "s" text, "i" int, "d" Decimal, "t" UtcTimestamp
FieldMap = Mapping[int, tuple[str, Kind]]

COMMON_FIELDS: FieldMap = {
    49: ("sender_comp_id", "s"),
    56: ("target_comp_id", "s"),
    34: ("msg_seq_num", "i"),
    52: ("sending_time", "t"),
    1128: ("appl_ver_id", "s"),
    1: ("account", "s"),
    15: ("currency", "s"),
    60: ("transact_time", "t"),
    58: ("text", "s"),
}
INSTRUMENT_FIELDS: FieldMap = {
    55: ("symbol", "s"),
    48: ("security_id", "s"),
    22: ("security_id_source", "s"),
    461: ("cfi_code", "s"),
    167: ("security_type", "s"),
    200: ("maturity_month_year", "s"),
    207: ("security_exchange", "s"),
}
_ORDER: FieldMap = {
    11: ("cl_ord_id", "s"),
    54: ("side", "s"),
    38: ("order_qty", "d"),
    40: ("ord_type", "s"),
    44: ("price", "d"),
    99: ("stop_px", "d"),
    59: ("time_in_force", "s"),
    21: ("handl_inst", "s"),
    18: ("exec_inst", "s"),
    100: ("ex_destination", "s"),
}
MESSAGE_FIELDS: Mapping[str, FieldMap] = {
    "D": _ORDER,
    "G": {**_ORDER, 41: ("orig_cl_ord_id", "s"), 37: ("order_id", "s")},
    "F": {
        41: ("orig_cl_ord_id", "s"),
        11: ("cl_ord_id", "s"),
        37: ("order_id", "s"),
        54: ("side", "s"),
        38: ("order_qty", "d"),
    },
    "8": {
        37: ("order_id", "s"),
        17: ("exec_id", "s"),
        150: ("exec_type", "s"),
        39: ("ord_status", "s"),
        11: ("cl_ord_id", "s"),
        54: ("side", "s"),
        38: ("order_qty", "d"),
        44: ("price", "d"),
        32: ("last_qty", "d"),
        31: ("last_px", "d"),
        151: ("leaves_qty", "d"),
        14: ("cum_qty", "d"),
        6: ("avg_px", "d"),
        30: ("last_mkt", "s"),
        75: ("trade_date", "s"),
    },
    "AE": {
        571: ("trade_report_id", "s"),
        17: ("exec_id", "s"),
        828: ("trd_type", "s"),
        32: ("last_qty", "d"),
        31: ("last_px", "d"),
        75: ("trade_date", "s"),
    },
    "J": {
        70: ("alloc_id", "s"),
        71: ("alloc_trans_type", "s"),
        626: ("alloc_type", "s"),
        54: ("side", "s"),
        53: ("quantity", "d"),
        6: ("avg_px", "d"),
        75: ("trade_date", "s"),
    },
    "AK": {
        664: ("confirm_id", "s"),
        666: ("confirm_trans_type", "s"),
        773: ("confirm_type", "s"),
        665: ("confirm_status", "s"),
        70: ("alloc_id", "s"),
        54: ("side", "s"),
        79: ("alloc_account", "s"),
        80: ("alloc_qty", "d"),
        6: ("avg_px", "d"),
        381: ("gross_trade_amt", "d"),
        118: ("net_money", "d"),
        75: ("trade_date", "s"),
    },
}
MESSAGE_CLASSES: Mapping[str, type[TradingMessage]] = {
    "D": NewOrderSingle,
    "G": OrderCancelReplaceRequest,
    "F": OrderCancelRequest,
    "8": ExecutionReport,
    "AE": TradeCaptureReport,
    "J": AllocationInstruction,
    "AK": Confirmation,
}
#: Groups with a model home, per message type: NumInGroup tag -> attribute.
_COMMON_GROUPS = {
    453: "parties",
    454: "instrument",
    1907: "regulatory_trade_ids",
    2593: "order_attributes",
    2668: "trade_publications",
    1838: "trade_price_conditions",
}
GROUP_ATTRS: Mapping[str, Mapping[int, str]] = {
    "D": {**_COMMON_GROUPS, 78: "allocations"},
    "G": {**_COMMON_GROUPS, 78: "allocations"},
    "F": _COMMON_GROUPS,
    "8": _COMMON_GROUPS,
    "AE": {**_COMMON_GROUPS, 552: "sides"},
    "J": {**_COMMON_GROUPS, 78: "allocations"},
    "AK": _COMMON_GROUPS,
}
#: Party group layouts: (NumInGroup, id, source, role, qualifier, NumSubIDs, sub id, sub type).
PARTY = (453, 448, 447, 452, 2376, 802, 523, 803)
NESTED_PARTY = (539, 524, 525, 538, 2384, 804, 545, 805)
#: NestedParties2, used by allocations inside TradeCaptureReport sides (no role qualifier tag: 0).
NESTED_PARTY2 = (756, 757, 758, 759, 0, 806, 760, 807)
SIDE_FIELDS: FieldMap = {
    54: ("side", "s"),
    37: ("order_id", "s"),
    11: ("cl_ord_id", "s"),
    1: ("account", "s"),
}
ALLOC_FIELDS: FieldMap = {
    79: ("account", "s"),
    80: ("qty", "d"),
    366: ("price", "d"),
    467: ("individual_alloc_id", "s"),
}
