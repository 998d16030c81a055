"""Field 11R / 11S of an MT n92 / n96: the original message's MT number, checked before use.

11R and 11S are ``3!n`` (MT number), then the date ``6!n`` and an optional session and ISN.
The MT number becomes the ISO 20022 OrgnlGrpInf/OrgnlMsgNmId (``MT103``). Why a check of its
own: anything but three digits is a format error of the source, and writing ``MT`` + whatever
the field holds (``MTFOO``) would fabricate a message name the receiver cannot tell from a real
one. The translation refuses such a field with a typed error naming it, as it refuses an
invalid date in the same field (network rule T50).
"""

from __future__ import annotations

from finmsg.errors import ConversionError
from finmsg.mt.message import MtMessage

__all__ = ["check_original_mt"]

_TAGS = ("11R", "11S")


def check_original_mt(msg: MtMessage) -> None:
    """Raise :class:`ConversionError` when the first 11R/11S does not start with a ``3!n`` MT number.

    The first 11R/11S is the one the pairs translate (the copy of the original message that may
    follow has no such field)."""
    for f in msg.fields:
        if f.tag not in _TAGS:
            continue
        number = f.value.split("\n", 1)[0]
        if len(number) == 3 and number.isascii() and number.isdigit():
            return
        raise ConversionError(
            f"{f.tag} must start with the MT number of the original message, 3 digits (3!n), "
            f"not {number!r}: OrgnlMsgNmId would name a message type that does not exist",
            code="translate.value",
            path=f"{msg.path_prefix}:{f.tag}",
            value=number,
        )
