"""The no-silent-loss check shared by the ISO 20022 loss tests (not a test module).

What it proves for one input: every text value and every attribute value of the
AppHdr and the Document either comes back when the message is read (validation
off) and written again to the same version, or is named by a diagnostic of that
read or write. Values are compared as a multiset of (path without positions,
value) pairs, so a repeated member written back in another position still counts
as carried, while a lost copy of a repeated value does not.

A diagnostic names a value when its path is the value's path or an ancestor of it
(positions ``[1]`` are dropped on both sides, since readers write ``Dbtr`` where an
element walk writes ``Dbtr[1]``). Only diagnostics that say something was lost or
could not be read count (lossy codes, errors); an ancestor path too short to name a
member (``/``, ``/Document``, ``/Document/FIToFICstmrCdtTrf``) names nothing below it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

import finmsg
from finmsg.diagnostics import Diagnostic, Severity, is_lossy
from finmsg.errors import FinmsgError
from finmsg.iso20022.envelope import find_envelopes, local_name
from finmsg.iso20022.xmlsafe import parse_xml

_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_FIRST = re.compile(r"\[1\](?=/|$)")
_POSITION = re.compile(r"\[\d+\]")
#: A diagnostic path must have at least this many segments to name a member.
_MIN_SEGMENTS = 3


@dataclass(frozen=True)
class Value:
    """One text or attribute value of a document, with its positional path."""

    path: str  # /Document/A/B[2]/C/@attr, positions [1] left out
    value: str

    @property
    def key(self) -> tuple[str, str]:
        return _POSITION.sub("", self.path), self.value


def _text(el: etree._Element) -> str:
    """Leaf text as the reader defines it: comments and PIs carry no data."""
    return (el.text or "") + "".join(kid.tail or "" for kid in el)


def _attribute(key: str) -> str:
    if key.startswith(_XML_NS):
        return "xml:" + key[len(_XML_NS) :]
    return key


def _walk(el: etree._Element, path: str) -> Iterator[Value]:
    for key, value in el.items():
        yield Value(f"{path}/@{_attribute(str(key))}", str(value))
    kids = [kid for kid in el if isinstance(kid.tag, str)]
    if not kids:
        yield Value(path, _text(el))
        return
    # mixed content (text between child elements) is data too; indentation is not
    loose = " ".join(part.strip() for part in [el.text or "", *(k.tail or "" for k in el)] if part.strip())
    if loose:
        yield Value(path + "/text()", loose)
    seen: Counter[str] = Counter()
    for kid in kids:
        name = local_name(kid.tag)
        seen[name] += 1
        yield from _walk(kid, f"{path}/{name}" + (f"[{seen[name]}]" if seen[name] > 1 else ""))


def values(data: bytes) -> list[Value]:
    """Every value of the first AppHdr and Document of ``data``."""
    envelope = find_envelopes(parse_xml(data))[0]
    out: list[Value] = []
    if envelope.header is not None:
        out.extend(_walk(envelope.header, "/AppHdr"))
    out.extend(_walk(envelope.document, "/Document"))
    return out


def _normalised(path: str) -> str:
    return _FIRST.sub("", path)


def _names(diagnostic: Diagnostic, value: Value) -> bool:
    if diagnostic.path is None or not (is_lossy(diagnostic) or diagnostic.severity is Severity.ERROR):
        return False
    where = _normalised(diagnostic.path)
    if value.path == where:
        return True
    return where.count("/") >= _MIN_SEGMENTS and value.path.startswith(where + "/")


def unaccounted(data: bytes) -> list[Value]:
    """Values of ``data`` that neither come back through read + write nor are named by a diagnostic.

    A typed :class:`~finmsg.errors.FinmsgError` from the read or the write is an
    answer too (the input is refused, not silently cut): then nothing is unaccounted.
    """
    try:
        read = finmsg.parse(data)
        written = finmsg.write(read.value, "iso20022")
    except FinmsgError:
        return []
    diagnostics = [*read.diagnostics, *written.diagnostics]
    before = values(data)
    after = Counter(v.key for v in values(written.value))
    wanted = Counter(v.key for v in before)
    missing: list[Value] = []
    for key, count in wanted.items():
        short = count - after.get(key, 0)
        if short <= 0:
            continue
        group = [v for v in before if v.key == key]
        named = [v for v in group if any(_names(d, v) for d in diagnostics)]
        if len(named) < short:
            missing.extend(v for v in group if v not in named)
    return missing
