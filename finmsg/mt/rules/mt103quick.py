"""A quick stand-in for the MT103 network rules of :mod:`~finmsg.mt.rules.mt103` and
:mod:`~finmsg.mt.rules.codes`: ``True`` only when none of them would report.

Why: the six rule functions cost more than the rest of the validation of a clean
MT103 together (a context, an index, one call and a list each). Most traffic uses
23B ``CRED`` or ``CRTS`` without 23E, where almost every rule is silent by
construction; this predicate recognises that case with a handful of dict lookups and
returns ``False`` (run the rules) for anything else. It is only called for
messages whose structure fits the spec, so each non-repeated tag occurs at most
once and ``tags.index`` finds the field the rules would read.
``tests/mt/test_msgcheck.py`` checks that it never says ``True`` where a rule reports.
"""

from __future__ import annotations

from operator import itemgetter

from finmsg.mt.message import MtMessage
from finmsg.mt.rules import quick_rules
from finmsg.mt.rules.codes import instruction_codes, operation_code
from finmsg.mt.rules.mt103 import EU_33B_COUNTRIES, bank_operation_codes, charges, currency_and_rate, eu_33b

__all__ = ["mt103_silent"]

_TAG = itemgetter(0)
#: The tags of a field number in MT103 (``first(number)`` of the rules finds any of them).
_F53 = frozenset({"53", "53A", "53B", "53D"})
_F54 = frozenset({"54", "54A", "54B", "54D"})
_F55 = frozenset({"55", "55A", "55B", "55D"})
_F56 = frozenset({"56", "56A", "56C", "56D"})
_F57 = frozenset({"57", "57A", "57B", "57C", "57D"})


@quick_rules(
    "103",
    "103STP",
    "103REMIT",
    covers=(currency_and_rate, eu_33b, bank_operation_codes, charges, operation_code, instruction_codes),
)
def mt103_silent(msg: MtMessage) -> bool:
    """``True`` when 23B is CRED or CRTS, there is no 23E and C1, C2, C7, C13, C14, the
    71G currency rule and (STP) 56A-needs-57A hold; ``False`` means "run the rules"."""
    fields = msg.fields
    tags = list(map(_TAG, fields))  # cheaper than a dict for a dozen fields, read a few times
    if "23E" in tags or "23B" not in tags:
        return False  # every 23E rule: let the rules decide
    code = fields[tags.index("23B")][1]
    if code != "CRED" and code != "CRTS":
        return False  # T36 and the special codes (C3-C12): let the rules decide
    f32 = fields[tags.index("32A")][1] if "32A" in tags else None
    f33 = fields[tags.index("33B")][1] if "33B" in tags else None
    has_36 = "36" in tags
    differs = f33 is not None and f32 is not None and f33[:3] != f32[6:9]
    if f32 is not None and (f33 is not None or has_36) and differs != has_36:
        return False  # C1 (D75)
    if f33 is None:
        b1, b2 = msg.basic_header, msg.application_header
        if b1 is not None and b2 is not None:
            sender = b2.sender if b2.direction == "O" else b1.lt_address
            receiver = b2.receiver if b2.direction == "I" else b1.lt_address
            if sender and receiver and sender[4:6] in EU_33B_COUNTRIES and receiver[4:6] in EU_33B_COUNTRIES:
                return False  # C2 (D49)
    if not _F55.isdisjoint(tags) and (_F53.isdisjoint(tags) or _F54.isdisjoint(tags)):
        return False  # C7 (E06)
    if msg.message_type == "103STP" and not _F56.isdisjoint(tags) and _F57.isdisjoint(tags):
        return False  # C81
    charge = fields[tags.index("71A")][1] if "71A" in tags else None
    has_f = "71F" in tags
    f71g = fields[tags.index("71G")][1] if "71G" in tags else None
    if charge == "OUR":
        if has_f:
            return False  # E13
    elif charge == "SHA":
        if f71g is not None:
            return False  # D50
    elif charge == "BEN" and (not has_f or f71g is not None):
        return False  # E15
    if (has_f or f71g is not None) and f33 is None:
        return False  # C14 (D51)
    return not (f71g is not None and f32 is not None and f71g[:3] != f32[6:9])  # C02
