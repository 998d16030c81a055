"""Stream the entries of a camt.052/053/054 file in bounded memory.

Why: an end-of-day camt.053 of a large account can be gigabytes; building the
whole tree (or the whole model) is not an option. :func:`iter_entries` reads the
file in small blocks, maps each ``Ntry`` with the same mapping as the in-memory
reader, yields it together with its statement context, and then frees what it
read. Memory stays proportional to a few blocks plus one statement header,
whatever the file size.

Two lanes (see :mod:`finmsg.iso20022.stream_runs`): runs of entries are cut out
of the bytes and parsed one run at a time (optionally mapped in a process pool,
``workers=``); the skeleton around them (envelopes, headers, closing tags, and
everything after a comment, CDATA section or processing instruction) goes
through an lxml pull parser, whose events drive one structural walk
(:class:`_Walk`), so both lanes give the same entries, paths and diagnostics.
A streamed ``report`` holds only what precedes its first entry (an
``AddtlStmtInf`` after the entries cannot be known in bounded memory).

Security is the same as for in-memory parsing: no DTD is loaded, no entity is
resolved, nothing is fetched from the network, and a document that declares a
DTD is rejected (:class:`~finmsg.errors.LimitExceededError`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import LimitExceededError, ParseError, int_option
from finmsg.iso20022.components.entries import read_entry_general
from finmsg.iso20022.components.header import read_app_header
from finmsg.iso20022.entries_fast import map_entry
from finmsg.iso20022.envelope import local_name, message_id_of, namespace_of
from finmsg.iso20022.messages.statements import LAYOUTS, Layout, read_group_header, read_report
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.iso20022.stream_runs import BLOCK, RUN, RunError, iter_run, map_run, scan
from finmsg.iso20022.xmlsafe import HARDENED
from finmsg.model.fastinit import speed_up_inits
from finmsg.model.payments import AppHeader
from finmsg.model.statements import AccountReport, Entry, ReportKind, StatementGroupHeader

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["StreamedEntry", "iter_entries"]

_TAGS = ("{*}Document", "{*}AppHdr", "{*}GrpHdr", "{*}Rpt", "{*}Stmt", "{*}Ntfctn", "{*}Ntry")
_BLOCKS = frozenset(layout.block for layout in LAYOUTS.values())
#: Namespace of the attribute that marks a cut-out run of entries in the pull parser's input.
_RUN_NS = "urn:finmsg:stream:run"
_RUN_KEY = f"{{{_RUN_NS}}}n"


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


def _context(state: _State, block: etree._Element, first: etree._Element) -> None:
    """Map the statement header (everything before the first entry) once per statement.

    Only the children before the first entry count: the parser may already have read
    further (``AddtlStmtInf`` after the entries of a small file), and what a streamed
    report holds must not depend on file size or read-ahead.
    """
    assert state.layout is not None
    path = f"{state.body_path}/{state.layout.block}[{state.report_index}]"
    head = etree.Element(block.tag, nsmap=cast(Any, block.nsmap))  # the stubs omit the None prefix
    head.attrib.update(block.attrib)
    head.extend(reversed([deepcopy(kid) for kid in first.itersiblings(preceding=True)]))
    state.report = read_report(Node(head, path, state.ctx), state.layout, with_entries=False)
    if state.report is None:
        state.ctx.error(
            "iso.structure.incomplete", f"{state.layout.block} lacks its mandatory Id or Acct", path
        )
    state.report_done = True


def iter_entries(
    source: str | Path | IO[bytes], options: Mapping[str, Any] | None = None
) -> Generator[StreamedEntry, None, None]:
    """Yield every ``Ntry`` of a camt.052/053/054 file (also several Documents, AppHdr envelopes).

    ``source`` is a path or a binary file object. ``options`` accepts
    ``include_details`` (default True): False skips ``NtryDtls`` mapping for speed;
    ``workers`` (default 1): map entries in that many processes, this one included (results
    stay in order, at most ``2 * workers`` runs of entries in flight); ``run_bytes``: bytes of entries
    parsed together (16 KiB, 256 KiB with workers); ``block_bytes``: read size (32 KiB).
    Raises :class:`~finmsg.errors.ParseError` for malformed XML or a non-camt Document.
    """
    opts = options or {}
    include_details = bool(opts.get("include_details", True))
    workers = int_option(opts, "workers", 1)
    # In a pool each run is one task: bigger runs amortise the pickling round trip.
    run_bytes = int_option(opts, "run_bytes", (1 << 18) if workers > 1 else (1 << 14))
    block = int_option(opts, "block_bytes", max(BLOCK, 2 * run_bytes))
    if isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            yield from _walk(stream, include_details, workers, run_bytes, block)
    else:
        yield from _walk(source, include_details, workers, run_bytes, block)


def _syntax_error(message: str, line: int | None) -> ParseError:
    return ParseError(f"not well-formed XML: {message}", code="xml.syntax", path=f"line {line}")


def _walk(
    stream: IO[bytes], include_details: bool, workers: int, run_bytes: int, block: int
) -> Iterator[StreamedEntry]:
    """Feed the skeleton to a pull parser and the entry runs to :func:`map_run` (or a pool)."""
    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=_TAGS,
        **HARDENED,
        remove_comments=True,
        remove_pis=True,
    )
    state = _State()
    walk = _Walk(state, include_details)
    runs = _Runs(workers, include_details)
    line = 1
    try:
        for kind, data, count in scan(stream, run_bytes, block):
            if kind == RUN:
                newlines = data.count(b"\n")
                parser.feed(walk.marker(data, count, line) + b"\n" * newlines)
                line += newlines
            else:
                parser.feed(data)
                line += data.count(b"\n")
            for event, el in parser.read_events():
                yield from runs.ready(walk.on_event(event, cast(etree._Element, el), runs))
        parser.close()
        for event, el in parser.read_events():
            yield from runs.ready(walk.on_event(event, cast(etree._Element, el), runs))
        yield from runs.drain()
    except etree.XMLSyntaxError as exc:
        yield from runs.drain()
        raise _syntax_error(str(exc), exc.lineno) from None
    finally:
        runs.close()


class _Walk:
    """The structural walk: the same decisions as one ``iterparse`` pass over the file.

    An entry run cut out of the bytes is represented in the pull parser by a marker
    ``Ntry`` element (unprefixed like the entries it stands for, so it lands in the same
    namespace and parent). Its attribute names the run; anything else is a real entry.
    """

    __slots__ = ("checked", "include_details", "pending", "serial", "state", "token")

    def __init__(self, state: _State, include_details: bool) -> None:
        self.state = state
        self.include_details = include_details
        self.checked = False
        self.pending: dict[str, tuple[bytes, int, int]] = {}
        self.serial = 0
        self.token = os.urandom(8).hex()

    def marker(self, data: bytes, count: int, line: int) -> bytes:
        self.serial += 1
        key = f"{self.token}-{self.serial}"
        self.pending[key] = (data, count, line)
        return b'<Ntry xmlns:r="' + _RUN_NS.encode() + b'" r:n="' + key.encode() + b'"/>'

    def on_event(self, event: str, el: etree._Element, runs: _Runs) -> list[StreamedEntry | _Batch]:
        state = self.state
        if not self.checked:
            _check_no_dtd(el)
            self.checked = True
        name = local_name(el.tag)
        if event == "start":
            if name == "Document":
                _start_document(state, el)
            elif name in _BLOCKS and state.layout is not None and name == state.layout.block:
                state.report_index += 1
                state.report, state.report_done, state.entry_index = None, False, 0
            return []
        out: list[StreamedEntry | _Batch] = []
        if name == "AppHdr":
            state.header = read_app_header(
                Node(el, "/AppHdr", state.ctx), message_id_of(namespace_of(el.tag)) or "head.001"
            )
            _free(el)
        elif name == "GrpHdr" and state.layout is not None:
            state.group_header = read_group_header(Node(el, f"{state.body_path}/GrpHdr", state.ctx))
        elif name == "Ntry":
            run = self.pending.pop(el.get(_RUN_KEY) or "", None)
            parent = el.getparent()
            if state.layout is None or parent is None or local_name(parent.tag) != state.layout.block:
                return out  # not an entry of a statement: ignored, like iterparse's walk did
            if not state.report_done:
                _context(state, parent, el)
            if run is None:
                state.entry_index += 1
                out.append(_entry(state, el, self.include_details))
            else:
                data, count, line = run
                out.append(runs.submit(state, data, dict(parent.nsmap), count, line))
                state.entry_index += count
            _free(el)
        elif name in _BLOCKS or name == "Document":
            _free(el)
            if name == "Document":
                state.header = None
        return out


_Mapped = list[tuple[Entry | None, tuple[Diagnostic, ...]]]


class _Batch:
    """A run of entries being mapped (here or in a worker), with the context it was cut in.

    Mapped here lazily (``future`` and ``done`` None), in a worker (``future``), or here
    already (``done``: the entries, and the error that stopped a malformed run).
    """

    __slots__ = ("args", "done", "future", "lead", "line", "template")

    def __init__(
        self,
        template: StreamedEntry,
        lead: tuple[Diagnostic, ...],
        args: tuple[bytes, dict[str | None, str], str, int, bool],
        line: int,
        future: Future[bytes] | None,
        done: tuple[_Mapped, RunError | None] | None = None,
    ) -> None:
        self.template, self.lead, self.args, self.line, self.future = template, lead, args, line, future
        self.done = done

    def entries(self) -> Iterator[StreamedEntry]:
        """The mapped entries in order; a malformed run raises after the entries before it."""
        error: RunError | None = None
        mapped: Iterable[tuple[Entry | None, tuple[Diagnostic, ...]]]
        if self.done is not None:
            mapped, error = self.done
        elif self.future is None:
            mapped = iter_run(*self.args)
        else:
            from finmsg.iso20022.stream_pool import unpickle_run

            try:
                mapped = unpickle_run(self.future.result())
            except RunError as exc:
                error, mapped = exc, exc.mapped
        t, lead = self.template, self.lead
        prefix, first = self.args[2], self.args[3]
        try:
            yield from self._wrap(mapped, t, lead, prefix, first)
        except RunError as exc:
            error = exc
        if error is not None:
            raise _syntax_error(error.message, self.line + error.line - 1)

    @staticmethod
    def _wrap(
        mapped: Iterable[tuple[Entry | None, tuple[Diagnostic, ...]]],
        t: StreamedEntry,
        lead: tuple[Diagnostic, ...],
        prefix: str,
        first: int,
    ) -> Iterator[StreamedEntry]:
        # Positional, in field order: matching nine keywords per entry cost more than the rest.
        message_type, kind, group_header, report, header = (
            t.message_type,
            t.kind,
            t.group_header,
            t.report,
            t.header,
        )
        for index, (entry, diagnostics) in enumerate(mapped, first):
            yield StreamedEntry(
                message_type,
                kind,
                group_header,
                report,
                index,
                f"{prefix}[{index}]",
                entry,
                header,
                lead + diagnostics if lead else diagnostics,
            )
            lead = ()


class _Runs:
    """Maps runs in order: inline with one worker, else shared between a pool and this process.

    With ``workers`` n > 1 the pool has n - 1 processes and this one is the n-th: a run goes
    to the pool while a pool process is free or has no run queued, else it is mapped here at
    once. Why: a run mapped in a worker still costs this process its unpickling (building
    every model object again: about a third of mapping it), so with a pool of n processes
    this one sat mostly waiting on 2 cores yet took a core's share, and the whole was slower
    than one process. Mapping here whatever the pool cannot take at once keeps every process
    busy with no extra one.
    """

    __slots__ = ("in_flight", "include_details", "pending", "pool", "queue", "workers")

    def __init__(self, workers: int, include_details: bool) -> None:
        self.workers = max(1, workers)
        self.include_details = include_details
        self.pool: ProcessPoolExecutor | None = None
        self.queue: deque[StreamedEntry | _Batch] = deque()
        self.in_flight = 0
        self.pending: list[Future[bytes]] = []

    def submit(
        self, state: _State, data: bytes, nsmap: dict[str | None, str], count: int, line: int
    ) -> _Batch:
        assert state.layout is not None
        template = StreamedEntry(
            message_type=state.message_type,
            kind=state.layout.kind,
            group_header=state.group_header,
            report=state.report,
            index=0,
            path="",
            entry=None,
            header=state.header,
        )
        prefix = f"{state.body_path}/{state.layout.block}[{state.report_index}]/Ntry"
        args = (data, nsmap, prefix, state.entry_index + 1, self.include_details)
        lead = state.take_diagnostics()
        if self.workers == 1:
            return _Batch(template, lead, args, line, None)
        size = self.workers - 1
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor  # only with workers: a costly import

            self.pool = ProcessPoolExecutor(size)
        self.pending = [future for future in self.pending if not future.done()]
        if len(self.pending) < 2 * size:  # each pool process: one run mapping, one queued
            from finmsg.iso20022.stream_pool import map_run_pickled

            future = self.pool.submit(map_run_pickled, *args)
            self.pending.append(future)
            return _Batch(template, lead, args, line, future)
        try:
            done: tuple[_Mapped, RunError | None] = (map_run(*args), None)
        except RunError as exc:
            done = (exc.mapped, exc)
        return _Batch(template, lead, args, line, None, done)

    def ready(self, items: list[StreamedEntry | _Batch]) -> Iterator[StreamedEntry]:
        """Yield what can be yielded in order; wait only when too many runs are in flight."""
        if self.pool is None and not self.queue:
            for item in items:
                if isinstance(item, _Batch):
                    yield from item.entries()
                else:
                    yield item
            return
        for item in items:
            self.queue.append(item)
            self.in_flight += isinstance(item, _Batch)
        while self.queue:
            head = self.queue[0]
            if isinstance(head, _Batch):
                done = head.future is None or head.future.done()  # (None: mapped here)
                if not done and self.in_flight <= 2 * self.workers:
                    return
                self.in_flight -= 1
                self.queue.popleft()
                yield from head.entries()
            else:
                self.queue.popleft()
                yield head

    def drain(self) -> Iterator[StreamedEntry]:
        """Everything still queued, in order (waiting for the workers)."""
        while self.queue:
            head = self.queue.popleft()
            if isinstance(head, _Batch):
                self.in_flight -= 1
                yield from head.entries()
            else:
                yield head

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _entry(state: _State, el: etree._Element, include_details: bool) -> StreamedEntry:
    assert state.layout is not None
    path = f"{state.body_path}/{state.layout.block}[{state.report_index}]/Ntry[{state.entry_index}]"
    entry = map_entry(el, path, state.ctx, include_details)
    if entry is None:
        if not include_details:
            for details in el.findall("{*}NtryDtls"):
                el.remove(details)
        entry = read_entry_general(Node(el, path, state.ctx))
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
