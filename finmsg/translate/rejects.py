"""Field 72 of a reject or return MT103 (``/REJT/`` or ``/RETN/``), parsed and rebuilt (TR050).

The SWIFT guidelines for returned and rejected payments put the reason into
field 72: ``/RETN/59`` (the field that caused it), ``/AC04/narrative`` (the
reason code), ``/MREF/`` (the original sender's reference), and optionally
``/TREF/``, ``/CHGS/`` and ``/TEXT/``. Any other line is kept as an
unplaced item so that the caller can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from finmsg.translate.field72 import Item72, parse_72

__all__ = ["RejectInfo", "build_reject_72", "parse_reject_72"]

_REASON = re.compile(r"[A-Z]{2}[0-9]{2}\Z")


@dataclass
class RejectInfo:
    """What a ``/REJT/`` or ``/RETN/`` field 72 says (``cause``: the field that caused it, ``59``)."""

    kind: str
    cause: str = ""
    reason: str | None = None
    reason_text: str = ""
    mref: str | None = None
    tref: str | None = None
    charges: str | None = None
    text: list[str] = field(default_factory=list)
    other: list[Item72] = field(default_factory=list)


def parse_reject_72(value: str) -> RejectInfo:
    """The reject/return data of a field 72 that starts with ``/REJT/`` or ``/RETN/``."""
    items = parse_72(value)
    info = RejectInfo(kind=items[0].code or "", cause=items[0].text)
    for item in items[1:]:
        if item.code is not None and _REASON.match(item.code) and info.reason is None:
            info.reason, info.reason_text = item.code, item.text
        elif item.code == "MREF":
            info.mref = item.text
        elif item.code == "TREF":
            info.tref = item.text
        elif item.code == "CHGS":
            info.charges = item.text
        elif item.code == "TEXT":
            info.text.append(item.text)
        else:
            info.other.append(item)
    return info


def build_reject_72(info: RejectInfo) -> list[tuple[str | None, str]]:
    """Field 72 items (codeword, text) in the guideline order."""
    items: list[tuple[str | None, str]] = [(info.kind, info.cause)]
    if info.reason:
        items.append((info.reason, info.reason_text))
    if info.mref:
        items.append(("MREF", info.mref))
    if info.tref:
        items.append(("TREF", info.tref))
    if info.charges:
        items.append(("CHGS", info.charges))
    items.extend(("TEXT", text) for text in info.text)
    return items
