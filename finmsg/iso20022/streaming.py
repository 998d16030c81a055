"""Stream the entries of a camt.052/053/054 file in bounded memory.

Why: an end-of-day camt.053 of a large account can be gigabytes; building the
whole tree (or the whole model) is not an option. :func:`iter_entries` walks the
file with lxml ``iterparse``, maps each ``Ntry`` with the same mapping as the
in-memory reader, yields it together with its statement context, and then frees
the element and everything before it. Memory stays proportional to one entry
plus one statement header, whatever the file size.

Security is the same as for in-memory parsing: no DTD is loaded, no entity is
resolved, nothing is fetched from the network, and a document that declares a
DTD is rejected (:class:`~finmsg.errors.LimitExceededError`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import LimitExceededError, ParseError
from finmsg.iso20022.components.entries import read_entry
from finmsg.iso20022.components.header import read_app_header
from finmsg.iso20022.envelope import local_name, message_id_of, namespace_of
from finmsg.iso20022.messages.statements import LAYOUTS, Layout, read_group_header, read_report
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import AppHeader
from finmsg.model.statements import AccountReport, Entry, ReportKind, StatementGroupHeader

__all__ = ["StreamedEntry", "iter_entries"]

_TAGS = ("{*}Document", "{*}AppHdr", "{*}GrpHdr", "{*}Rpt", "{*}Stmt", "{*}Ntfctn", "{*}Ntry")
_BLOCKS = frozenset(layout.block for layout in LAYOUTS.values())


@dataclass(frozen=True, slots=True)
class StreamedEntry:
    """One entry with the context it was reported in.

    ``report`` is the enclosing statement/report/notification without its
    entries (None when its mandatory Id or Acct is missing: see ``diagnostics``).
    ``entry`` is None when the entry itself lacks a mandatory member; the
    diagnostics then say which and where, and ``path`` locates it in the file.
    """

    message_type: str
    kind: ReportKind
    group_header: StatementGroupHeader | None
    report: AccountReport | None
    index: int
    path: str
    entry: Entry | None
    header: AppHeader | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


class _State:
    """What the walk knows about the current Document and statement."""

    __slots__ = (
        "body_path",
        "ctx",
        "entry_index",
        "group_header",
        "header",
        "layout",
        "message_type",
        "report",
        "report_done",
        "report_index",
    )

    def __init__(self) -> None:
        self.ctx = ReadContext()
        self.header: AppHeader | None = None
        self.message_type = ""
        self.layout: Layout | None = None
        self.body_path = ""
        self.group_header: StatementGroupHeader | None = None
        self.report: AccountReport | None = None
        self.report_done = False
        self.report_index = 0
        self.entry_index = 0

    def take_diagnostics(self) -> tuple[Diagnostic, ...]:
        found = tuple(self.ctx.diagnostics)
        self.ctx.diagnostics.clear()
        return found


def _free(el: etree._Element) -> None:
    """Drop ``el``'s content and every already-processed sibling before it."""
    el.clear()  # lxml's default also drops the tail text
    parent = el.getparent()
    if parent is None:
        return
    while el.getprevious() is not None:
        del parent[0]


def _check_no_dtd(el: etree._Element) -> None:
    docinfo = el.getroottree().docinfo
    if getattr(docinfo, "doctype", "") or docinfo.internalDTD is not None:  # doctype: not in the stubs
        raise LimitExceededError(
            "XML document type declarations and entities are not allowed in financial messages",
            code="xml.dtd-forbidden",
            path="/",
        )


def _start_document(state: _State, el: etree._Element) -> None:
    msg_id = message_id_of(namespace_of(el.tag))
    layout = LAYOUTS.get((msg_id or "")[:8])
    if msg_id is None or layout is None:
        raise ParseError(
            f"not a camt.052/053/054 Document (namespace {namespace_of(el.tag)!r})",
            code="iso.stream.unsupported",
            path="/Document",
            value=msg_id,
        )
    state.message_type, state.layout = msg_id, layout
    state.body_path = f"/Document/{layout.root}"
    state.group_header, state.report, state.report_done = None, None, False
    state.report_index = 0


def _context(state: _State, block: etree._Element) -> None:
    """Map the statement header (everything before the first entry) once per statement."""
    assert state.layout is not None
    path = f"{state.body_path}/{state.layout.block}[{state.report_index}]"
    state.report = read_report(Node(block, path, state.ctx), state.layout, with_entries=False)
    if state.report is None:
        state.ctx.error(
            "iso.structure.incomplete", f"{state.layout.block} lacks its mandatory Id or Acct", path
        )
    state.report_done = True


def iter_entries(
    source: str | Path | IO[bytes], options: Mapping[str, Any] | None = None
) -> Iterator[StreamedEntry]:
    """Yield every ``Ntry`` of a camt.052/053/054 file (also several Documents, AppHdr envelopes).

    ``source`` is a path or a binary file object. ``options`` accepts
    ``include_details`` (default True): False skips ``NtryDtls`` mapping for speed.
    Raises :class:`~finmsg.errors.ParseError` for malformed XML or a non-camt Document.
    """
    opts = options or {}
    include_details = bool(opts.get("include_details", True))
    src = str(source) if isinstance(source, Path) else source
    events = etree.iterparse(
        src,
        events=("start", "end"),
        tag=_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    state = _State()
    checked = False
    try:
        for event, el in events:
            if not checked:
                _check_no_dtd(el)
                checked = True
            name = local_name(el.tag)
            if event == "start":
                if name == "Document":
                    _start_document(state, el)
                elif name in _BLOCKS and state.layout is not None and name == state.layout.block:
                    state.report_index += 1
                    state.report, state.report_done, state.entry_index = None, False, 0
                continue
            if name == "AppHdr":
                state.header = read_app_header(
                    Node(el, "/AppHdr", state.ctx), message_id_of(namespace_of(el.tag)) or "head.001"
                )
                _free(el)
            elif name == "GrpHdr" and state.layout is not None:
                state.group_header = read_group_header(Node(el, f"{state.body_path}/GrpHdr", state.ctx))
            elif name == "Ntry" and state.layout is not None:
                parent = el.getparent()
                if parent is None or local_name(parent.tag) != state.layout.block:
                    continue
                if not state.report_done:
                    _context(state, parent)
                state.entry_index += 1
                yield _entry(state, el, include_details)
                _free(el)
            elif name in _BLOCKS or name == "Document":
                _free(el)
                if name == "Document":
                    state.header = None
    except etree.XMLSyntaxError as exc:
        raise ParseError(
            f"not well-formed XML: {exc}", code="xml.syntax", path=f"line {exc.lineno}"
        ) from None


def _entry(state: _State, el: etree._Element, include_details: bool) -> StreamedEntry:
    assert state.layout is not None
    path = f"{state.body_path}/{state.layout.block}[{state.report_index}]/Ntry[{state.entry_index}]"
    if not include_details:
        for details in el.findall("{*}NtryDtls"):
            el.remove(details)
    entry = read_entry(Node(el, path, state.ctx))
    if entry is None:
        state.ctx.diagnostics.append(
            Diagnostic(
                "iso.structure.incomplete",
                Severity.ERROR,
                "Ntry lacks a mandatory member (amount, sign or status) or holds an unreadable value",
                path=path,
            )
        )
    return StreamedEntry(
        message_type=state.message_type,
        kind=state.layout.kind,
        group_header=state.group_header,
        report=state.report,
        index=state.entry_index,
        path=path,
        entry=entry,
        header=state.header,
        diagnostics=state.take_diagnostics(),
    )


# One StreamedEntry per entry of a possibly huge file: give it the model's fast constructor.
speed_up_inits(__name__)
