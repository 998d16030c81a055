"""The coordinator: stream inputs to a process pool through a bounded window, account for everything.

The coordinator does not read ordinary input files: it walks the inputs lazily,
groups a few paths into a chunk and submits it; at most ``jobs * WINDOW`` chunks
are in flight, so a slow pool stalls the walk (backpressure) and memory stays
flat whatever the archive size. Results come back per input and are accounted
in the ledger, the audit trail and the resume manifest, in that order. (One
exception: with forked workers, the coordinator runs every format's ``warm`` hook and
converts the first chunk itself before forking, so that the one-off costs it meets are
paid once, not per worker.)

The exception is a huge file (``stream_bytes`` or more) of a family that can be
cut at message boundaries as it is read (FIX logs, MT/RJE files): the
coordinator streams it into slices of messages (see :mod:`finmsg.batch.stream`),
which flow through the same bounded window. Each finished slice gets a manifest
line of its own; the input counts as finished — one more input in the ledger,
one ``key`` line in the manifest — once its last slice is in.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from finmsg.batch.atomic import remove_temporaries, write_atomic
from finmsg.batch.inputs import Source, walk_inputs
from finmsg.batch.ledger import Ledger
from finmsg.batch.manifest import Manifest, manifest_key
from finmsg.batch.plugins import find_exporter
from finmsg.batch.progress import make_progress
from finmsg.batch.splitting import split_input
from finmsg.batch.stream import StreamEnd, file_size, iter_messages, streamable_handler
from finmsg.batch.tasks import COUNTS, BatchConfig, FileResult, FileTask, SliceTask
from finmsg.batch.worker import init_worker, process_chunk
from finmsg.registry import FormatHandler, RawMessage, warm_formats

if TYPE_CHECKING:  # the pool machinery (multiprocessing, concurrent.futures) loads only for --jobs 2+
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "RunOptions", "RunOutcome", "run_batch"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
WINDOW = 3  # chunks in flight per worker
CHUNK_FILES = 32  # inputs per chunk: amortises the IPC round trip and the coordinator's share
MAX_PRINTED_ERRORS = 20
STREAM_BYTES = 8 * 1024 * 1024  # inputs this large are streamed (when their family allows it)
SLICE_MESSAGES = 256  # messages per slice of a streamed input
SLICE_BYTES = 1 << 20  # bytes read per window, and at most about this much message data per slice


@dataclass(slots=True)
class RunOptions:
    """A batch run: the inputs, the worker configuration and the run-level outputs."""

    inputs: list[str]
    config: BatchConfig
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    ledger_path: Path | None = None
    audit_path: Path | None = None
    report_path: Path | None = None
    progress: str = "auto"
    keep_manifest: bool = False
    stream_bytes: int = STREAM_BYTES
    slice_messages: int = SLICE_MESSAGES
    slice_bytes: int = SLICE_BYTES


@dataclass(slots=True)
class RunOutcome:
    ledger: Ledger
    exit_code: int


_Task = FileTask | SliceTask
_Item = _Task | StreamEnd | dict[str, Any]  # a dict: a streamed input finished by an earlier run


def _work(opts: RunOptions, exclude: list[Path], manifest: Manifest, done: dict[str, int]) -> Iterator[_Item]:
    streaming = find_exporter(opts.config.target) is None  # an exporter writes one file per input
    for source in walk_inputs(opts.inputs, exclude):
        if source.path is None:
            yield FileTask(source.name, source.stem, source.extension, data=sys.stdin.buffer.read())
            continue
        if source.error is not None:  # a folder the walk could not list: accounted as an unreadable input
            yield StreamEnd("", source.name, "", 0, f"cannot read {source.name}: {source.error}")
            continue
        path = source.path
        handler = None
        if streaming and file_size(path) >= opts.stream_bytes:
            handler = streamable_handler(path)
        if handler is None:
            yield FileTask(source.name, source.stem, source.extension, path=path)
        else:
            yield from _stream(opts, source, path, handler, manifest, done)


def _stream(
    opts: RunOptions,
    source: Source,
    path: str,
    handler: FormatHandler,
    manifest: Manifest,
    done: dict[str, int],
) -> Iterator[_Item]:
    """The slices of one huge input, then its :class:`StreamEnd` (or its entry, when already done)."""
    target = opts.config.target
    if opts.config.resume:
        try:
            key = manifest_key(_file_digest(path), source.stem, target)
        except OSError as exc:
            yield StreamEnd("", source.name, "", 0, f"cannot read {source.name}: {exc.strerror or exc}")
            return
        if key in done:
            yield manifest.entry_at(done[key])
            return
    token = f"{os.getpid()}.{os.urandom(6).hex()}:{source.stem}"
    digest = hashlib.sha256()
    number = 0
    try:
        cut = partial(split_input, options=dict(opts.config.options))
        messages = iter_messages(path, handler, cut, opts.slice_bytes, digest)
        head = [m for m in (next(messages, None), next(messages, None)) if m is not None]
        if not head:  # nothing to stream: the whole-file path quarantines it with its reason
            yield FileTask(source.name, source.stem, source.extension, path=path)
            return
        numbered = len(head) > 1
        batch: list[RawMessage] = []
        size = 0
        for part in chain(head, messages):
            batch.append(part)
            size += len(part.data)
            if len(batch) >= opts.slice_messages or size >= opts.slice_bytes:
                number += 1
                yield _slice(source, token, number, batch, numbered)
                batch, size = [], 0
        if batch:
            number += 1
            yield _slice(source, token, number, batch, numbered)
    except OSError as exc:
        yield StreamEnd(token, source.name, "", number, f"cannot read {source.name}: {exc.strerror or exc}")
        return
    yield StreamEnd(token, source.name, manifest_key(digest.hexdigest(), source.stem, target), number)


def _slice(source: Source, token: str, number: int, parts: list[RawMessage], numbered: bool) -> SliceTask:
    return SliceTask(source.name, source.stem, source.extension, token, number, tuple(parts), numbered)


def _file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _chunks(items: Iterable[_Item]) -> Iterator[list[_Task] | StreamEnd | dict[str, Any]]:
    """Small inputs grouped by ``CHUNK_FILES``; a slice, stdin, or a marker travels alone."""
    chunk: list[_Task] = []
    for item in items:
        if isinstance(item, FileTask) and item.data is None:
            chunk.append(item)
            if len(chunk) >= CHUNK_FILES:
                yield chunk
                chunk = []
            continue
        if chunk:
            yield chunk
            chunk = []
        yield item if isinstance(item, (StreamEnd, dict)) else [item]
    if chunk:
        yield chunk


_COUNTS = COUNTS


@dataclass(slots=True)
class _Stream:
    """The books of one streamed input while its slices come back (in any order)."""

    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNTS, 0))
    received: int = 0
    end: StreamEnd | None = None
    complete: bool = True


class _Accounts:
    """Ledger, audit, report, manifest and messages on stderr: everything a result touches."""

    def __init__(self, opts: RunOptions, manifest: Manifest, err: TextIO) -> None:
        self.opts, self.manifest, self.err = opts, manifest, err
        self.ledger = Ledger()
        self.audit = open(opts.audit_path, "w", encoding="utf-8") if opts.audit_path else None  # noqa: SIM115
        self.report = open(opts.report_path, "w", encoding="utf-8") if opts.report_path else None  # noqa: SIM115
        self.io_failed = False
        self.streams: dict[str, _Stream] = {}
        self.stop = False
        self.printed = 0
        self.unprinted = 0

    def take_all(self, results: Iterable[FileResult]) -> None:
        """Account a batch of results, then flush their manifest lines at once."""
        for result in results:
            self.take(result)
        self.manifest.flush()

    def take(self, result: FileResult) -> None:
        ledger = self.ledger
        if result.token is None:
            ledger.inputs += 1
        if result.io_error:
            ledger.unreadable_inputs += 1
            self.io_failed = True
            self._say(result.io_error)
        ledger.add(
            result.messages,
            result.converted,
            result.quarantined,
            result.skipped,
            result.converted_lossy,
            result.converted_with_warnings,
            result.partial,
        )
        ledger.resumed_inputs += result.resumed
        for line in result.errors:
            self._say(line)
        if self.audit:
            self.audit.write(result.audit_text)
        if self.report:
            for record in result.report:
                self.report.write(json.dumps(record, ensure_ascii=False) + "\n")
        if result.line is not None:
            self.manifest.append_line(result.line, flush=False)  # flushed by take_all()
        if self.opts.config.fail_fast and (result.quarantined or result.io_error):
            self.stop = True
        if result.token is not None:
            stream = self.streams.setdefault(result.token, _Stream(result.name))
            stream.received += 1
            stream.complete = stream.complete and result.complete
            for name in _COUNTS:
                stream.counts[name] += getattr(result, name)
            self._close(result.token)

    def end(self, end: StreamEnd) -> None:
        """The reader finished a streamed input after ``end.slices`` slices."""
        self.streams.setdefault(end.token, _Stream(end.name)).end = end
        self._close(end.token)

    def _close(self, token: str) -> None:
        stream = self.streams[token]
        end = stream.end
        if end is None or stream.received < end.slices:
            return
        del self.streams[token]
        self.ledger.inputs += 1
        if end.io_error:
            self.ledger.unreadable_inputs += 1
            self.io_failed = True
            self._say(end.io_error)
            self.stop = self.stop or self.opts.config.fail_fast  # as for a file a worker cannot read
        elif stream.complete:  # with ``durable``, every slice's worker synced its folders already
            entry = {"key": end.key, "input": end.name, "token": token, "counts": stream.counts, "audit": []}
            self.manifest.append(entry)

    def replay(self, entry: dict[str, Any]) -> None:
        """A streamed input an earlier run finished: its counts and (from its slice lines) its audit."""
        ledger = self.ledger
        ledger.inputs += 1
        ledger.resumed_inputs += 1
        counts = entry["counts"]
        ledger.add(
            counts["messages"],
            counts["converted"],
            counts["quarantined"],
            counts["skipped"],
            counts.get("converted_lossy", 0),  # absent from a manifest of an older run
            counts.get("converted_with_warnings", 0),
            counts.get("partial", 0),
        )
        if self.audit:
            records = self.manifest.slice_audit(entry["token"]) if "token" in entry else entry["audit"]
            for record in records:
                self.audit.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    def _say(self, line: str) -> None:
        if self.printed < MAX_PRINTED_ERRORS:
            print(f"finmsg: {line}", file=self.err)
            self.printed += 1
        else:
            self.unprinted += 1

    def close(self) -> None:
        for handle in (self.audit, self.report):
            if handle:
                handle.close()
        if self.unprinted:
            more = f"... and {self.unprinted} more problem(s); see --audit or --quarantine"
            print(f"finmsg: {more}", file=self.err)


def run_batch(opts: RunOptions, err: TextIO | None = None) -> RunOutcome:
    """Convert every input; returns the ledger and the exit code (0 ok, 1 quarantined, 2 I/O)."""
    err = err or sys.stderr
    config = replace(opts.config, audit=opts.audit_path is not None)
    config.out_dir.mkdir(parents=True, exist_ok=True)
    folders = [config.out_dir] + ([config.quarantine_dir] if config.quarantine_dir else [])
    for folder in folders:
        remove_temporaries(folder)
    manifest = Manifest(config.out_dir)
    done: dict[str, int] = {}
    if config.resume:
        done = manifest.load(streamed=True)  # trims a line a kill cut short, before workers read it
    manifest.open(config.resume, durable=config.durable)
    accounts = _Accounts(opts, manifest, err)
    progress = make_progress(opts.progress, err)
    chunks = _chunks(_work(opts, folders, manifest, done))
    finished = False
    died: str | None = None  # why the pool broke, when a worker process died
    progress.start()
    try:
        if opts.jobs <= 1:
            init_worker(config)
            settled = False
            with _young_collections():
                for chunk in chunks:
                    if isinstance(chunk, list):
                        accounts.take_all(process_chunk(chunk))
                        if not settled:  # the first chunk met the one-off costs: set them aside
                            settled = _settle_heap()
                    else:
                        _local(chunk, accounts)
                    progress.update(accounts.ledger)
                    if accounts.stop:
                        break
        else:
            with _young_collections():
                died = _run_pool(opts, config, chunks, accounts, progress.update)
        if died is None:
            finished = not accounts.stop
        else:
            accounts.io_failed = True
            print(f"finmsg: a worker process died: {died}", file=err)
    finally:
        progress.stop(accounts.ledger)
        accounts.close()
        manifest.close(remove=finished and not accounts.io_failed and not opts.keep_manifest)
    ledger = accounts.ledger
    findings = ledger.findings(str(opts.report_path) if opts.report_path else None)
    if findings:
        print(f"finmsg: {findings}", file=err)
    print(f"finmsg: {ledger.summary()}", file=err)
    if opts.ledger_path:
        text = json.dumps(ledger.to_dict(), indent=2) + "\n"
        write_atomic(opts.ledger_path, text.encode("utf-8"))
    if accounts.io_failed:
        code = EXIT_USAGE
    elif ledger.quarantined or not ledger.balanced:
        code = EXIT_INVALID
    else:
        code = EXIT_OK
    return RunOutcome(ledger, code)


def _local(item: StreamEnd | dict[str, Any], accounts: _Accounts) -> None:
    """Handle a coordinator-side item: the end of a stream, or a streamed input finished earlier."""
    if isinstance(item, StreamEnd):
        accounts.end(item)
    else:
        accounts.replay(item)


def _run_pool(
    opts: RunOptions,
    config: BatchConfig,
    chunks: Iterator[list[_Task] | StreamEnd | dict[str, Any]],
    accounts: _Accounts,
    update: Callable[[Ledger], None],
) -> str | None:
    """Convert with a pool of ``opts.jobs`` processes; returns why the pool broke (a worker
    process died), else ``None``. Imports the pool machinery here: a ``--jobs 1`` run never
    needs it, and it is a tenth of a batch run's imports."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    fork = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if fork else None)
    limit = max(1, opts.jobs) * WINDOW
    try:
        if not fork:
            with ProcessPoolExecutor(
                opts.jobs, mp_context=context, initializer=init_worker, initargs=(config,)
            ) as pool:
                _feed(pool, limit, chunks, accounts, update)
            return None
        # Forked workers inherit this process: set it up (and warm it) once here, not once per worker:
        # every registered family's own warm hook, then the first chunk for whatever the hooks leave.
        init_worker(config)
        warm_formats()
        _warm_up(chunks, accounts)
        if accounts.stop:
            return None
        _settle_heap()  # the inherited heap stays out of the workers' collections (and their pages shared)
        with ProcessPoolExecutor(opts.jobs, mp_context=context) as pool:
            _feed(pool, limit, chunks, accounts, update)
    except BrokenProcessPool as exc:
        return str(exc)
    return None


#: Allocations between two young-generation collections during a run (Python's default is 700).
GC_YOUNG = 10_000


@contextmanager
def _young_collections() -> Iterator[None]:
    """Collect the young generation less often while converting, and unfreeze the heap after.

    Why: a message allocates thousands of short-lived containers (tree proxies, model
    objects, dicts for JSON) that reference counting frees; at the default threshold the
    collector still runs every few hundred allocations and walks whatever is alive, which
    measured about 5% of a message's instructions. Cycles (rare here) are still collected;
    the caller's thresholds are restored, and :func:`_settle_heap`'s freeze undone, at the end.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG), middle, old)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
        gc.unfreeze()


def _settle_heap() -> bool:
    """Freeze what start-up and the first chunk built (modules, tables, caches): it lives for the
    whole run, and every full collection would walk it again. With forked workers it also keeps
    the inherited pages shared. Undone by :func:`_young_collections`."""
    gc.collect()
    gc.freeze()
    return True


def _warm_up(chunks: Iterator[list[_Task] | StreamEnd | dict[str, Any]], accounts: _Accounts) -> None:
    """Convert the first chunk of inputs here, before the pool forks.

    The first message of each kind pays one-off costs (lazy imports of its format's
    modules, dictionaries, regular expressions, per-class serialisers) that add up to
    more than a hundred milliseconds; converted here, they are paid once for the run
    instead of once per worker process, and the chunk's work is not lost.
    """
    for chunk in chunks:
        if not isinstance(chunk, list):
            _local(chunk, accounts)
            continue
        accounts.take_all(process_chunk(chunk))
        return


def _feed(
    pool: ProcessPoolExecutor,
    limit: int,
    chunks: Iterator[list[_Task] | StreamEnd | dict[str, Any]],
    accounts: _Accounts,
    update: Callable[[Ledger], None],
) -> None:
    """Submit chunks with at most ``limit`` in flight; account each result as it comes back."""
    from concurrent.futures import FIRST_COMPLETED, wait

    pending: set[Future[list[FileResult]]] = set()

    def drain(block_until: int) -> None:
        nonlocal pending
        while len(pending) > block_until:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                accounts.take_all(future.result())
            update(accounts.ledger)

    for chunk in chunks:
        if not isinstance(chunk, list):
            _local(chunk, accounts)
            continue
        pending.add(pool.submit(process_chunk, chunk))
        if len(pending) >= limit:
            drain(limit - 1)
        if accounts.stop:
            break
    drain(0)
