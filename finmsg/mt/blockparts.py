"""Cutting block contents into their parts: header tags, block-4 fields, the message type.

Both ways of reading a FIN message need these cutters: the general scanner
(:mod:`finmsg.mt.blocks`) and the clean-message fast path
(:mod:`finmsg.mt.fastsplit`). Keeping them here, in one place, is what makes
the two paths build the same :class:`~finmsg.mt.message.MtMessage` by
construction; it also lets ``blocks`` import ``fastsplit`` without a cycle.
"""

from __future__ import annotations

import re
from itertools import repeat

from finmsg.errors import ParseError
from finmsg.mt.message import MtField, PendingFields, Tags

__all__ = ["FIELD_START", "cut_fields", "cut_tags", "lazy_fields", "message_type"]

#: A field start in normalised block 4: ``\n:`` + a two-digit tag with an optional letter + ``:``.
FIELD_START = re.compile(r"\n:([0-9]{2}[A-Z]?):")
_FIELD_START = FIELD_START
_FIRST_FIELD = FIELD_START.match
_pending = str.__new__
#: ``MtField`` from a (tag, value) pair without a Python-level ``__new__`` call:
#: ``map(_tuple_new, repeat(MtField), pairs)``.
_tuple_new = tuple.__new__
_SUBBLOCK = re.compile(r"\{([^:{}]*)(:?)([^{}]*)\}")
#: Block 3 field 119 values that name a message variant (``103STP`` and so on).
_VARIANTS = {"STP", "REMIT", "COV"}


def cut_tags(content: str) -> Tags:
    """``{tag:value}{tag:value}`` (blocks 3, 5, S and tagged block 4) → ordered pairs.

    A sub-block without ``:`` gives ``(tag, None)``.
    """
    if not content:
        return ()
    if content[0] == "{" and content[-1] == "}" and "\n" not in content and "\r" not in content:
        out: list[tuple[str, str | None]] = []
        for part in content[1:-1].split("}{"):
            tag, sep, value = part.partition(":")
            out.append((tag, value if sep else None))
        return tuple(out)
    return tuple((tag, value if sep else None) for tag, sep, value in _SUBBLOCK.findall(content))


def cut_fields(content: str, path: str) -> tuple[MtField, ...]:
    """Cut normalised block-4 text (``\\n:20:X\\n:23B:Y\\n``) into ordered fields.

    One ``re.split`` on the field starts (``\\n:`` + tag + ``:``): a line starting
    with ``:`` that is not a tag stays inside the previous value (a continuation
    line, kept verbatim), and the fields are built in C.
    """
    if not content.startswith("\n:"):
        if content in ("", "\n"):
            return ()
        raise ParseError("block 4 must start with CRLF and a field tag", code="mt.block4.start", path=path)
    body = content[:-1] if content.endswith("\n") else content
    parts = _FIELD_START.split(body)
    if parts[0]:
        tag = parts[0][2:].split("\n:", 1)[0].partition(":")[0]
        raise ParseError(f"invalid field tag {tag[:10]!r}", code="mt.block4.tag", path=path, value=tag)
    return tuple(map(_tuple_new, repeat(MtField), zip(parts[1::2], parts[2::2], strict=True)))


def lazy_fields(content: str, path: str) -> tuple[MtField, ...] | PendingFields:
    """:func:`cut_fields` deferred: the text itself when it opens with a field tag.

    Cutting such text cannot fail (a value runs up to the next field start, wherever it
    is), so the message may hold the text and cut it on first read of ``msg.fields``
    (:class:`~finmsg.mt.message.PendingFields`); anything else is cut now, which gives
    ``()`` for an empty block 4 and the parser's error for a bad first tag.
    """
    if _FIRST_FIELD(content) is None:
        return cut_fields(content, path)
    return _pending(PendingFields, content)


def message_type(block2: str | None, user_header: Tags | None) -> tuple[str, str]:
    """(three-digit MT or ``""``, full message type such as ``103STP`` or ``unknown``).

    The MT comes from block 2 (``I103…``/``O103…``); the variant from block 3 field 119.
    """
    mt = block2[1:4] if block2 and len(block2) >= 4 and block2[1:4].isdigit() else ""
    if not mt:
        return "", "unknown"
    variant = ""
    if user_header:
        for tag, value in user_header:
            if tag == "119" and value in _VARIANTS:
                variant = value
    return mt, mt + variant
