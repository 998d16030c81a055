"""The fast lane for the Business Application Header (head.001): ``AppHdr`` in one pass.

Why: a CBPR+ message carries an AppHdr, and the general reader
(:func:`~finmsg.iso20022.components.header.read_app_header` over
:class:`~finmsg.iso20022.reading.Node`) builds a cursor for the header, for ``Fr`` and
``To`` and for each level below them (``FIId``, ``FinInstnId``, ``ClrSysMmbId``), and
probes every optional member by name: about 150k machine instructions for a 14-element
header, as much as a third of the payment it heads. Here the header is walked once,
dispatching on the full tag.

Same rule as every lane (:mod:`~finmsg.iso20022.fastlane`): the lane maps only the plain
shape, the one the general reader maps without extras or diagnostics: the members
:class:`~finmsg.model.payments.AppHeader` holds, each at most once, ``Fr`` / ``To`` as a
lone ``FIId/FinInstnId`` of a ``BICFI`` and/or a ``ClrSysMmbId/MmbId``, no attribute,
comment or foreign member anywhere, a readable ``CreDt``. On anything else it returns None
and the caller runs the general reader on the untouched element
(``tests/iso20022/test_ir_header_fast.py`` holds the two to the same result).
"""

from __future__ import annotations

from finmsg.iso20022.fastlane import (
    Decline,
    El,
    NameCache,
    Names,
    boolean,
    children,
    leaf,
    prefix_of,
    timestamp,
)
from finmsg.model.payments import AppHeader

__all__ = ["map_app_header"]

#: The AppHdr members the lane maps, by slot (the other members go to the general reader).
_MEMBERS = ("Fr", "To", "BizMsgIdr", "MsgDefIdr", "BizSvc", "CreDt", "CpyDplct", "PssblDplct", "Prty")


class _Names(Names):
    """The header's full tags under one namespace prefix."""

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix)
        self.members = self.table({name: slot for slot, name in enumerate(_MEMBERS)})
        p = prefix
        self.fiid, self.fin, self.bicfi = p + "FIId", p + "FinInstnId", p + "BICFI"
        self.clr, self.mmb_id = p + "ClrSysMmbId", p + "MmbId"


_names = NameCache(_Names)


def _only_child(el: El, tag: str) -> El:
    """The single child of ``el``, which must be called ``tag`` (``el`` without attributes)."""
    if el.keys() or len(el) != 1:
        raise Decline
    kid = el[0]
    if kid.tag != tag:
        raise Decline
    return kid


def _party(el: El, n: _Names) -> tuple[str | None, str | None]:
    """``Fr`` / ``To``: (BIC, clearing member id) of its ``FIId/FinInstnId``."""
    fin = _only_child(_only_child(el, n.fiid), n.fin)
    if fin.keys():
        raise Decline
    bic = member = None
    seen_bic = seen_clr = False
    kids = children(fin)
    if not kids:
        raise Decline  # an empty FinInstnId: left to the general reader
    for kid in kids:
        tag = kid.tag
        if tag == n.bicfi and not seen_bic:
            seen_bic = True
            bic = leaf(kid)
        elif tag == n.clr and not seen_clr:
            seen_clr = True
            member = leaf(_only_child(kid, n.mmb_id))
        else:
            raise Decline
    return bic, member


def map_app_header(el: El, version: str) -> AppHeader | None:
    """``AppHdr`` ``el`` as ``read_app_header`` maps it (``version``: its head.001 id), or None
    to leave it to that reader. The lane produces no diagnostics: it declines where the general
    reader would report one."""
    tag = el.tag
    if not isinstance(tag, str) or el.keys():
        return None  # a comment or processing instruction, or attributes: the general reader
    n = _names(prefix_of(tag))
    found: list[El | None] = [None] * len(_MEMBERS)
    table = n.members
    try:
        for kid in children(el):
            slot = table.get(kid.tag)  # a comment's tag is a function: no slot
            if slot is None or found[slot] is not None:
                return None
            found[slot] = kid
        fr, to, ident, definition, service, created, copy, duplicate, priority = found
        sender = (None, None) if fr is None else _party(fr, n)
        receiver = (None, None) if to is None else _party(to, n)
        return AppHeader(
            version,
            sender[0],
            receiver[0],
            sender[1],
            receiver[1],
            None if ident is None else leaf(ident),
            None if definition is None else leaf(definition),
            None if service is None else leaf(service),
            None if created is None else timestamp(created),
            None if copy is None else leaf(copy),
            None if duplicate is None else boolean(duplicate),
            None if priority is None else leaf(priority),
            (),
        )
    except Decline:
        return None
