"""Cut a camt byte stream into skeleton text and runs of ``Ntry`` elements, and map runs.

Why: walking a big statement with ``iterparse`` creates an event and a Python proxy for every
entry and hands the entries over one at a time; most of the bytes of a camt.053 are entries,
and they are all alike. :func:`scan` reads the input in large blocks, finds runs of sibling
``<Ntry>`` elements with plain byte searches (C speed) and lets the caller parse each run with
*one* ``fromstring`` call inside a wrapper element carrying the namespace declarations in scope
(:func:`map_run`). The rest (the skeleton: envelopes, headers, closing tags) is small and goes
through a pull parser as before, which keeps every structural decision in one place.

A byte cut is only safe when ``<Ntry`` and ``</Ntry>`` in the bytes are really tags. Comments,
CDATA sections, processing instructions and DTDs could hide such strings, and a non-UTF-8
encoding would make byte searches meaningless, so the scanner stops cutting the moment it sees
``<!`` or ``<?`` (after the XML declaration) and passes everything from there on through
unchanged (``RAW``): the caller's pull parser then handles entries one by one, exactly as the
plain ``iterparse`` walk does. Only unprefixed ``<Ntry>`` tags are cut; prefixed ones reach the
pull parser, which handles them the slow way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import IO, Final

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.components.entries import read_entry_general
from finmsg.iso20022.entries_fast import map_bare_entry, map_entry
from finmsg.iso20022.fastlane import children
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.iso20022.xmlsafe import HARDENED, blank_before_cr
from finmsg.model.statements import Entry

__all__ = [
    "BLOCK",
    "RAW",
    "RUN",
    "SKELETON",
    "RunError",
    "iter_run",
    "map_run",
    "scan",
]

SKELETON: Final = 0  #: bytes for the pull parser; no entry run inside
RUN: Final = 1  #: one run of sibling unprefixed Ntry elements (whitespace between them)
RAW: Final = 2  #: the rest of the input, unsafe to cut: feed it to the pull parser as is

#: Bytes read per block (a run never exceeds ``run_bytes`` unless one entry alone does).
#: Small on purpose: memory stays a few blocks whatever the file size, and a block of ~45
#: entries already makes the per-block cost of the Python loop negligible.
BLOCK = 1 << 15
_START = re.compile(rb"<Ntry[\s>/]")
_END = re.compile(rb"</Ntry\s*>")
_NEXT = re.compile(rb"\s*<Ntry[\s>/]")
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_SAFE_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
#: An entry longer than this is left to the pull parser rather than buffered whole.
_MAX_ENTRY = 1 << 26
#: Longest byte sequence that could be the incomplete start of a tag we look for.
_TAIL = len(b"</Ntry") + 1
#: Bytes that may follow a tag name (``<Ntry>``, ``<Ntry/>``, ``<Ntry attr``, ``</Ntry >``).
_DELIMITERS = frozenset(b" \t\n\r\x0b\x0c>/")  # ``[\\s>/]`` of a bytes regex

#: One parser for runs: same hardening as the streaming walk (no DTD, no entities, no network).
_RUN_PARSER = etree.XMLParser(**HARDENED, remove_comments=True, remove_pis=True)
#: The parser of the bare lane also drops whitespace-only text between elements (fewer nodes
#: to build and free). Exact for that lane: a run holds no comment, CDATA section or
#: processing instruction, libxml2 keeps the text of an element without children
#: (``<Nm>  </Nm>``), and the lane reads no other text (nor any tail); whatever it does
#: not map is parsed again with ``_RUN_PARSER``.
_BARE_PARSER = etree.XMLParser(**HARDENED, remove_comments=True, remove_pis=True, remove_blank_text=True)


def _unsafe_at(buf: bytes, start: int) -> int:
    """Offset of the first ``<!`` or ``<?`` at or after ``start`` (-1 if none).

    A single byte is looked for first (``memchr``, about a tenth of an instruction per
    byte): ``!`` and ``?`` are rare, ``<`` is everywhere, and a two-byte pattern is
    searched for at several instructions per byte.
    """
    bang = -1 if buf.find(b"!", start) < 0 else buf.find(b"<!", start)
    question = -1 if buf.find(b"?", start) < 0 else buf.find(b"<?", start)
    if bang < 0:
        return question
    return bang if question < 0 else min(bang, question)


def _head_is_safe(buf: bytes) -> tuple[bool, int]:
    """(cutting allowed, offset after the XML declaration) for the first block."""
    found = _DECLARATION.match(buf)
    if found is None:
        return (not buf.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xef\xbb\xbf")), 0)
    encoding = _ENCODING.search(found.group(0))
    if encoding is not None and encoding.group(1).decode("ascii").lower() not in _SAFE_ENCODINGS:
        return False, 0
    return True, found.end()


def _tag_at(buf: bytes, needle: bytes, start: int, stop: int) -> int:
    """Offset of the first ``needle`` in ``buf[start:stop]`` that ends a tag name (-1 if none).

    ``_START.search`` for ``needle=b"<Ntry"``, but ``bytes.find`` runs at memory speed
    where the regex engine steps through every byte; the check of the byte after the
    needle (``<NtryRef`` is no ``<Ntry``) is the pattern's ``[\\s>/]``.
    """
    end = stop - len(needle)
    while True:
        found = buf.find(needle, start, stop)
        if found < 0 or found >= end:
            return -1
        if buf[found + len(needle)] in _DELIMITERS:
            return found
        start = found + 1


def _closing_tag(buf: bytes, start: int, stop: int) -> re.Match[bytes] | None:
    """The first ``</Ntry\\s*>`` in ``buf[start:stop]``: ``_END.search``, found by ``find``."""
    while (found := buf.find(b"</Ntry", start, stop)) >= 0:
        closing = _END.match(buf, found, stop)
        if closing is not None:
            return closing
        start = found + 1
    return None


#: Switch for the one-pass entry step of :func:`_run_end` (tests compare both ways).
FAST_STEP = True
#: ``Ntry`` ending a name (the delimiters are ``_DELIMITERS``: bytes ``\s``, ``>`` and ``/``).
_NAME_END = re.compile(rb"Ntry[\s>/]")


def _plain_entry_end(buf: bytes, pos: int, stop: int) -> int:
    """End of the entry whose ``<Ntry`` is at ``pos`` when that is certain, else -1.

    Certain means: the first ``Ntry`` after the start tag that ends a name is the one of an
    exact ``</Ntry>``. Then no other closing tag (``</Ntry >``) comes first and no nested
    ``<Ntry`` lies inside, which is what the general step finds out with two searches per
    entry and a regex per candidate, each stopping at every ``NtryRef`` and ``NtryDtls``.
    Anything else ("Ntry" followed by a delimiter in text, a nested tag, no end in sight)
    gives -1 and the general step decides, so the result never differs.
    """
    # One search in C: a loop of ``find`` calls stopped at every ``NtryRef`` and ``NtryDtls``.
    found = _NAME_END.search(buf, pos + 5, stop)
    if found is None:
        return -1
    at = found.start()
    return at + 5 if buf[at + 4] == 62 and buf[at - 2 : at] == b"</" else -1  # 62: ">"


def _next_entry(buf: bytes, end: int, stop: int, fast: bool) -> int:
    """Offset of the ``<Ntry`` of a sibling entry following at ``end`` (only blanks between), or -1.

    ``_NEXT.match``, with the two usual cases (nothing or a newline between) checked first.
    """
    if fast:
        if end + 6 <= stop and buf.startswith(b"<Ntry>", end):
            return end
        if end + 7 <= stop and buf.startswith(b"\n<Ntry>", end):
            return end + 1
    following = _NEXT.match(buf, end, stop)
    return -1 if following is None else following.end() - 6


def _run_end(buf: bytes, start: int, stop: int, limit: int) -> tuple[int, int, bool]:
    """(end offset, entry count, stuck) of the run of sibling entries starting at ``start``.

    Only complete entries before ``stop`` count. The run stops after ``limit`` bytes, before an
    incomplete entry, or before one holding a nested ``<Ntry`` (junk: left to the pull parser,
    which ``stuck`` reports when it is the first entry).
    """
    end, count, pos = start, 0, start
    fast = FAST_STEP
    while True:
        closing_end = _plain_entry_end(buf, pos, stop) if fast else -1
        if closing_end < 0:
            found = _closing_tag(buf, pos, stop)
            if found is None:
                return end, count, False
            if _tag_at(buf, b"<Ntry", pos + 5, found.start()) >= 0:
                return end, count, True
            closing_end = found.end()
        end, count = closing_end, count + 1
        if end - start >= limit:
            return end, count, False
        pos = _next_entry(buf, end, stop, fast)
        if pos < 0:
            return end, count, False


def scan(stream: IO[bytes], run_bytes: int, size: int = BLOCK) -> Iterator[tuple[int, bytes, int]]:
    """Yield ``(kind, data, entries)`` pieces covering the whole input, in order.

    ``entries`` is the number of entries of a ``RUN`` (0 for other kinds). Concatenating all
    ``data`` gives back the input exactly.
    """
    buf = stream.read(size)
    if not buf:
        return
    safe, pos = _head_is_safe(buf)
    if pos:
        yield SKELETON, buf[:pos], 0
    eof = False
    # Searched once per block: a run never reaches past it, and the kept tail was clean.
    unsafe = _unsafe_at(buf, pos)
    while safe:
        window = len(buf) if unsafe < 0 else unsafe
        start = _tag_at(buf, b"<Ntry", pos, window)
        if start >= 0:
            end, count, stuck = _run_end(buf, start, window, run_bytes)
            if start > pos:
                yield SKELETON, buf[pos:start], 0
            pos = start
            if count:
                yield RUN, buf[start:end], count
                pos = end
                continue
            if stuck or unsafe >= 0 or eof or len(buf) - start > _MAX_ENTRY:
                break  # this entry cannot be cut (now or ever): hand over the rest as is
        elif unsafe >= 0:
            break
        else:  # no run start in the window: pass it on, keeping a possible partial tag
            keep = len(buf) if eof else max(pos, len(buf) - _TAIL)
            if keep > pos:
                yield SKELETON, buf[pos:keep], 0
                pos = keep
            if eof:
                return
        more = stream.read(size)
        eof = not more
        kept = len(buf) - pos
        buf = buf[pos:] + more
        pos = 0
        unsafe = _unsafe_at(buf, max(0, kept - 1))  # a "<" kept may start "<!" with the new bytes
    if pos < len(buf):
        yield RAW, buf[pos:], 0
    while more := stream.read(size):
        yield RAW, more, 0


class RunError(Exception):
    """A run that is not well-formed: the mapped entries before the bad one, and where it is."""

    def __init__(self, message: str, line: int, mapped: list[tuple[Entry | None, tuple[Diagnostic, ...]]]):
        super().__init__(message)
        self.message, self.line, self.mapped = message, line, mapped


def _wrap(data: bytes, nsmap: dict[str | None, str]) -> bytes:
    """``data`` inside a ``<R>`` element declaring ``nsmap`` (the namespaces in scope)."""
    decls = []
    for prefix, uri in nsmap.items():
        value = uri.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").encode()
        name = b"xmlns" if prefix is None else b"xmlns:" + prefix.encode()
        decls.append(b" " + name + b'="' + value + b'"')
    return b"<R" + b"".join(decls) + b">" + data + b"</R>"


def _map_entry(el: etree._Element, path: str, ctx: ReadContext, include_details: bool) -> Entry | None:
    entry = map_entry(el, path, ctx, include_details)
    if entry is not None:
        return entry
    if not include_details:
        for details in el.findall("{*}NtryDtls"):
            el.remove(details)
    entry = read_entry_general(Node(el, path, ctx))
    if entry is None:
        ctx.diagnostics.append(
            Diagnostic(
                "iso.structure.incomplete",
                Severity.ERROR,
                "Ntry lacks a mandatory member (amount, sign or status) or holds an unreadable value",
                path=path,
            )
        )
    return entry


def map_run(
    data: bytes,
    nsmap: dict[str | None, str],
    path_prefix: str,
    first_index: int,
    include_details: bool,
) -> list[tuple[Entry | None, tuple[Diagnostic, ...]]]:
    """Parse a run with one ``fromstring`` and map each entry: ``[(entry, diagnostics), ...]``.

    Entry ``i`` of the run gets the path ``{path_prefix}[{first_index + i}]``. A module-level
    function of plain arguments, so that a process pool can run it. Raises :class:`RunError`
    (carrying the entries before the bad one) when the run is not well-formed.
    """
    out: list[tuple[Entry | None, tuple[Diagnostic, ...]]] = []
    try:
        for mapped in iter_run(data, nsmap, path_prefix, first_index, include_details):
            out.append(mapped)
    except RunError as exc:
        exc.mapped[:0] = out
        raise
    return out


def iter_run(
    data: bytes,
    nsmap: dict[str | None, str],
    path_prefix: str,
    first_index: int,
    include_details: bool,
) -> Iterator[tuple[Entry | None, tuple[Diagnostic, ...]]]:
    """:func:`map_run` one entry at a time (in-process use: nothing piles up).

    A run whose entries hold no namespace declaration of their own is first parsed with
    its default namespace left undeclared and mapped by
    :func:`~finmsg.iso20022.entries_fast.map_bare_entry` (plain local-name tags, much
    cheaper to read). From the first entry that lane cannot map with certainty, the run is
    parsed again as it is and mapped the usual way.
    """
    done = 0
    bare = _bare_nsmap(data, nsmap)
    if bare is not None:
        try:
            root = etree.fromstring(_wrap(data, bare), _BARE_PARSER)
        except etree.XMLSyntaxError:
            root = None  # the namespaced parse below reports it, as it always did
        if root is not None:
            for el in children(root):
                entry = map_bare_entry(el, include_details)
                if entry is None:
                    break
                yield entry, ()
                done += 1
            else:
                return
    yield from _iter_namespaced(data, nsmap, path_prefix, first_index, include_details, done)


def _bare_nsmap(data: bytes, nsmap: dict[str | None, str]) -> dict[str | None, str] | None:
    """``nsmap`` without its default namespace, when that is a pure renaming for ``data``.

    Only unprefixed ``Ntry`` tags are cut and the run declares no namespace itself, so
    every unprefixed element in it is in the default namespace: dropping the declaration
    turns each ``{default}Name`` into ``Name`` and nothing else. (A prefixed element keeps
    its namespace; the bare lane declines on it.) None when there is no default namespace
    (the tags are plain already) or the bytes mention ``xmlns`` at all.
    """
    if None not in nsmap or b"xmlns" in data or blank_before_cr(data):
        return None  # (blanks before a CR: ``_BARE_PARSER`` would drop some that are data)
    return {prefix: uri for prefix, uri in nsmap.items() if prefix is not None}


def _iter_namespaced(
    data: bytes,
    nsmap: dict[str | None, str],
    path_prefix: str,
    first_index: int,
    include_details: bool,
    skip: int,
) -> Iterator[tuple[Entry | None, tuple[Diagnostic, ...]]]:
    """Entries ``skip`` and after of the run parsed with ``nsmap``, mapped the usual way."""
    try:
        root = etree.fromstring(_wrap(data, nsmap), _RUN_PARSER)
    except etree.XMLSyntaxError:
        mapped = _map_one_by_one(data, nsmap, path_prefix, first_index, include_details)
        yield from islice(mapped, skip, None)
        return
    ctx = ReadContext()
    kids = children(root)[skip:]
    for index, el in enumerate(kids, first_index + skip):
        entry = _map_entry(el, f"{path_prefix}[{index}]", ctx, include_details)
        yield entry, tuple(ctx.diagnostics)
        ctx.diagnostics.clear()
        el.clear()


def _map_one_by_one(
    data: bytes,
    nsmap: dict[str | None, str],
    path_prefix: str,
    first_index: int,
    include_details: bool,
) -> Iterator[tuple[Entry | None, tuple[Diagnostic, ...]]]:
    """The slow path of a bad run: map entries one at a time up to the malformed one."""
    ctx = ReadContext()
    pos, index = 0, first_index
    while (found := _START.search(data, pos)) is not None:
        closing = _END.search(data, found.start())
        end = closing.end() if closing else len(data)
        try:
            root = etree.fromstring(_wrap(data[found.start() : end], nsmap), _RUN_PARSER)
        except etree.XMLSyntaxError as exc:
            line = data.count(b"\n", 0, found.start()) + (exc.lineno or 1)
            raise RunError(str(exc), line, []) from None
        for el in root:
            yield _map_entry(el, f"{path_prefix}[{index}]", ctx, include_details), tuple(ctx.diagnostics)
            ctx.diagnostics.clear()
            index += 1
        pos = end
    raise RunError("malformed entry run", data.count(b"\n") + 1, [])
