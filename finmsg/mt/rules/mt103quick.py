"""A quick stand-in for the MT103 network rules of :mod:`~finmsg.mt.rules.mt103` and
:mod:`~finmsg.mt.rules.codes`: ``True`` only when none of them would report.

Why: the six rule functions cost more than the rest of the validation of a clean
MT103 together (a context, an index, one call and a list each). Most traffic uses
23B ``CRED`` or ``CRTS`` without 23E, where almost every rule is silent by
construction; this predicate recognises that case with a handful of substring searches
and returns ``False`` (run the rules) for anything else. It is only called for
messages whose fields are clean (charset, formats, structure), so each non-repeated
tag occurs at most once, ``str.find`` finds the field the rules would read and every
value has its tag's format.
``tests/mt/test_msgcheck.py`` checks that it never says ``True`` where a rule reports.
"""

from __future__ import annotations

from finmsg.mt.message import MtMessage
from finmsg.mt.rules import quick_rules
from finmsg.mt.rules.codes import instruction_codes, operation_code
from finmsg.mt.rules.mt103 import EU_33B_COUNTRIES, bank_operation_codes, charges, currency_and_rate, eu_33b

__all__ = ["mt103_silent"]

#: Field starts in the ``␟TAG:value`` text (``␟`` = U+001F, only ever before a tag).
_23E, _23B, _32A, _33B, _36 = "\x1f23E:", "\x1f23B:", "\x1f32A:", "\x1f33B:", "\x1f36:"
_71A, _71F, _71G = "\x1f71A:", "\x1f71F:", "\x1f71G:"
#: Any tag of a field number (``first(number)`` of the rules finds any option of it).
_F53, _F54, _F55, _F56, _F57 = "\x1f53", "\x1f54", "\x1f55", "\x1f56", "\x1f57"


@quick_rules(
    "103",
    "103STP",
    "103REMIT",
    covers=(currency_and_rate, eu_33b, bank_operation_codes, charges, operation_code, instruction_codes),
)
def mt103_silent(msg: MtMessage, text: str) -> bool:
    """``True`` when 23B is CRED or CRTS, there is no 23E and C1, C2, C7, C13, C14, the
    71G currency rule and C9 (56a needs 57a) hold; ``False`` means "run the rules".

    ``text`` is the message's fields as ``␟TAG:value␟TAG:value…`` (what the clean check of
    :mod:`finmsg.mt.msgcheck` matched, :func:`~finmsg.mt.msgcheck.clean_text`): ``␟`` only
    ever opens a field, so ``"␟23E:" in text`` is "there is a 23E", and a value runs from
    its tag to the next ``␟``. The fixed-width values read here (23B ``4!c``, 32A, 33B,
    71G) are sliced at their known offsets: the clean check proved their formats."""
    if _23E in text:
        return False  # every 23E rule: let the rules decide
    at = text.find(_23B)
    if at < 0:
        return False
    code = text[at + 5 : at + 9]
    if code != "CRED" and code != "CRTS":
        return False  # T36 and the special codes (C3-C12): let the rules decide
    at = text.find(_32A)
    ccy32 = text[at + 11 : at + 14] if at >= 0 else None  # 32A: 6!n3!a15d
    at = text.find(_33B)
    ccy33 = text[at + 5 : at + 8] if at >= 0 else None  # 33B: 3!a15d
    has_36 = _36 in text
    differs = ccy33 is not None and ccy32 is not None and ccy33 != ccy32
    if ccy32 is not None and (ccy33 is not None or has_36) and differs != has_36:
        return False  # C1 (D75)
    if ccy33 is None:
        b1, b2 = msg.basic_header, msg.application_header
        if b1 is not None and b2 is not None:
            sender = b2.sender if b2.direction == "O" else b1.lt_address
            receiver = b2.receiver if b2.direction == "I" else b1.lt_address
            if sender and receiver and sender[4:6] in EU_33B_COUNTRIES and receiver[4:6] in EU_33B_COUNTRIES:
                return False  # C2 (D49)
    if _F55 in text and (_F53 not in text or _F54 not in text):
        return False  # C7 (E06)
    if _F56 in text and _F57 not in text:
        return False  # C9 (C81)
    at = text.find(_71A)
    charge = text[at + 5 : at + 8] if at >= 0 else None  # 71A: 3!a
    has_f = _71F in text
    at = text.find(_71G)
    ccy71g = text[at + 5 : at + 8] if at >= 0 else None  # 71G: 3!a15d
    if charge == "OUR":
        if has_f:
            return False  # E13
    elif charge == "SHA":
        if ccy71g is not None:
            return False  # D50
    elif charge == "BEN" and (not has_f or ccy71g is not None):
        return False  # E15
    if (has_f or ccy71g is not None) and ccy33 is None:
        return False  # C14 (D51)
    return not (ccy71g is not None and ccy32 is not None and ccy71g != ccy32)  # C02
