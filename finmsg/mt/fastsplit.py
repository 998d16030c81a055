"""Fast path for the common case: the input is exactly one clean FIN message.

Why it exists: most real inputs are one well-formed message, and for those the
general scanner (:func:`finmsg.mt.blocks.scan`) spends most of its time on
character-level checks that can only ever say "fine". :func:`clean_message`
recognises such input with a few regex matches and ``str.find`` calls and
builds the message directly; anything it is not sure about returns ``None`` and
goes the general way, which is also the only path that reports tolerances.
Like the general path, it leaves block 4 uncut (:func:`~finmsg.mt.blockparts.lazy_fields`):
the field tuples are built on the first read of ``msg.fields``, and validating a clean
message never reads them.

Why it is safe: both paths cut blocks with the same helpers
(:mod:`finmsg.mt.blockparts`), and ``tests/mt/test_fastpath.py`` checks that,
for the fixtures, the shared corpus and thousands of single-character
mutations of an MT103, :func:`clean_message` either declines or returns a
message equal to what ``scan`` + ``blocks._message`` build with no diagnostic
(and raises the same error when a field tag is bad); it also checks
:func:`new_message` against the dataclass constructor.
"""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields

from finmsg.mt.blockparts import cut_fields, cut_tags, lazy_fields, message_type
from finmsg.mt.message import (
    ApplicationHeader,
    BasicHeader,
    MtField,
    MtMessage,
    PendingFields,
    Tags,
    fields_slot,
)

__all__ = ["clean_message", "new_message"]

#: The blocks before block 4 of a clean message (see :func:`clean_message`).
_CLEAN_HEAD = re.compile(r"\{1:([^{}\r\n]*)\}\{2:([^{}\r\n]*)\}(?:\{3:((?:\{[^{}\r\n]*\})*)\})?")
#: The blocks after block 4 of a clean message.
_CLEAN_TAIL = re.compile(r"(?:\{5:((?:\{[^{}\r\n]*\})*)\})?(?:\{S:((?:\{[^{}\r\n]*\})*)\})?")


def clean_message(text: str) -> MtMessage | None:
    """The message when ``text`` is one clean FIN message, else ``None`` (use ``scan``).

    Clean: blocks 1 and 2, optional 3, a text block 4 opening with CRLF ``:`` and
    closed by CRLF ``-}`` with no ``{``, ``}`` or ``$`` inside, optional 5 and S, no
    whitespace around and CRLF line ends only. For such input ``scan`` finds
    exactly these blocks and reports nothing (the first ``}`` after ``{4:`` closes
    block 4, so no earlier ``-}``, ``{1:`` or ``$`` can end it), and
    ``blocks._message`` builds the same message; this path just skips their
    character-level work. Anything else goes the general way, which also reports.
    """
    at4 = text.find("{4:\r\n:")
    if at4 < 0:
        return None
    head = _CLEAN_HEAD.fullmatch(text, 0, at4)
    close = text.find("}", at4)
    if head is None or close < 0 or text[close - 3 : close] != "\r\n-":
        return None
    raw4 = text[at4 + 3 : close - 1]
    if "{" in raw4 or "$" in raw4 or len(raw4) < 5:
        return None
    tail = _CLEAN_TAIL.fullmatch(text, close + 1)
    if tail is None:
        return None
    content = raw4.replace("\r\n", "\n")
    if "\r" in content or len(raw4) - len(content) != content.count("\n"):
        return None  # a bare CR or LF: the general path reports the tolerance
    b1, b2, b3 = head.groups()
    b5, bs = tail.groups()
    user = cut_tags(b3) if b3 is not None else None
    mt, full_type = message_type(b2, user if b3 is not None and "{119:" in b3 else None)  # 119: a variant
    if _RAW_ONLY:  # BasicHeader(b1), ApplicationHeader(b2) without the dataclass __init__
        h1: BasicHeader = _object_new(BasicHeader)
        _set_b1_raw(h1, b1)
        h2: ApplicationHeader = _object_new(ApplicationHeader)
        _set_b2_raw(h2, b2)
    else:  # pragma: no cover - only if a header class gains a field
        h1, h2 = BasicHeader(b1), ApplicationHeader(b2)
    return new_message(
        full_type,
        h1,
        h2,
        user,
        lazy_fields(content, f"MT{mt}:block4" if mt else "MT:block4"),
        cut_tags(b5) if b5 is not None else None,
        cut_tags(bs) if bs is not None else None,
    )


#: The slots of :class:`MtMessage` in the order :func:`new_message` fills them.
_MESSAGE_SLOTS = (
    "message_type",
    "family",
    "extras",
    "basic_header",
    "application_header",
    "user_header",
    "fields",
    "block4_style",
    "trailer",
    "system_trailer",
    "ack",
)
_SLOT_SETTERS = tuple(
    (fields_slot() if name == "fields" else getattr(MtMessage, name)).__set__ for name in _MESSAGE_SLOTS
)
_object_new = object.__new__
#: The one slot of each header class: ``raw`` (``tests/mt/test_fastpath.py`` compares with the init).
_set_b1_raw = BasicHeader.__dict__["raw"].__set__
_set_b2_raw = ApplicationHeader.__dict__["raw"].__set__
_RAW_ONLY = all(
    [f.name for f in dataclass_fields(cls)] == ["raw"] and not hasattr(cls, "__post_init__")
    for cls in (BasicHeader, ApplicationHeader)
)
# The generated ``__init__`` of a frozen dataclass sets each of its 11 slots through
# ``object.__setattr__`` from Python; calling the slot descriptors' setters directly
# builds the same object for a fraction of the cost (and may leave
# :class:`~finmsg.mt.message.PendingFields` in the ``fields`` slot). Only valid while the
# dataclass has exactly these fields and no ``__post_init__`` (checked here;
# ``tests/mt/test_fastpath.py`` compares).
_FAST_NEW = {f.name for f in dataclass_fields(MtMessage)} == set(_MESSAGE_SLOTS) and not hasattr(
    MtMessage, "__post_init__"
)


def new_message(
    full_type: str,
    b1: BasicHeader,
    b2: ApplicationHeader,
    user: Tags | None,
    fields: tuple[MtField, ...] | PendingFields,
    trailer: Tags | None,
    system: Tags | None,
) -> MtMessage:
    """``MtMessage(...)`` of a text-block-4 FIN message, built without the dataclass ``__init__``.

    ``fields`` may be the message's :class:`~finmsg.mt.message.PendingFields` (cut on first read).
    """
    if not _FAST_NEW:
        if isinstance(fields, PendingFields):
            fields = cut_fields(fields, "MT:block4")
        return MtMessage(
            message_type=full_type,
            basic_header=b1,
            application_header=b2,
            user_header=user,
            fields=fields,
            trailer=trailer,
            system_trailer=system,
        )
    msg: MtMessage = _object_new(MtMessage)
    s_type, s_family, s_extras, s_b1, s_b2, s_user, s_fields, s_style, s_b5, s_bs, s_ack = _SLOT_SETTERS
    s_type(msg, full_type)
    s_family(msg, "mt")
    s_extras(msg, ())
    s_b1(msg, b1)
    s_b2(msg, b2)
    s_user(msg, user)
    s_fields(msg, fields)
    s_style(msg, "text")
    s_b5(msg, trailer)
    s_bs(msg, system)
    s_ack(msg, None)
    return msg
