"""The coordinator: stream inputs to a process pool through a bounded window, account for everything.

The coordinator never reads input files: it walks the inputs lazily, groups a
few paths into a chunk and submits it; at most ``jobs * WINDOW`` chunks are in
flight, so a slow pool stalls the walk (backpressure) and memory stays flat
whatever the archive size. Results come back per input and are accounted in
the ledger, the audit trail and the resume manifest, in that order.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from finmsg.batch.atomic import remove_temporaries, write_atomic
from finmsg.batch.inputs import walk_inputs
from finmsg.batch.ledger import Ledger
from finmsg.batch.manifest import Manifest
from finmsg.batch.progress import make_progress
from finmsg.batch.worker import BatchConfig, FileResult, FileTask, init_worker, process_chunk

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "RunOptions", "RunOutcome", "run_batch"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
WINDOW = 3  # chunks in flight per worker
CHUNK_FILES = 16  # inputs per chunk: amortises the IPC round trip over small files
MAX_PRINTED_ERRORS = 20


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


@dataclass(slots=True)
class RunOutcome:
    ledger: Ledger
    exit_code: int


def _tasks(inputs: list[str], exclude: list[Path]) -> Iterator[FileTask]:
    for source in walk_inputs(inputs, exclude):
        if source.path is None:
            yield FileTask(source.name, source.stem, source.extension, data=sys.stdin.buffer.read())
        else:
            yield FileTask(source.name, source.stem, source.extension, path=str(source.path))


def _chunks(tasks: Iterable[FileTask]) -> Iterator[list[FileTask]]:
    chunk: list[FileTask] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= CHUNK_FILES or task.data is not None:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Accounts:
    """Ledger, audit, report, manifest and messages on stderr: everything a result touches."""

    def __init__(self, opts: RunOptions, manifest: Manifest, err: TextIO) -> None:
        self.opts, self.manifest, self.err = opts, manifest, err
        self.ledger = Ledger()
        self.audit = open(opts.audit_path, "w", encoding="utf-8") if opts.audit_path else None  # noqa: SIM115
        self.report = open(opts.report_path, "w", encoding="utf-8") if opts.report_path else None  # noqa: SIM115
        self.io_failed = False
        self.stop = False
        self.printed = 0
        self.unprinted = 0

    def take(self, result: FileResult) -> None:
        ledger = self.ledger
        ledger.inputs += 1
        if result.io_error:
            ledger.unreadable_inputs += 1
            self.io_failed = True
            self._say(result.io_error)
        ledger.add(result.messages, result.converted, result.quarantined, result.skipped)
        ledger.resumed_inputs += result.resumed
        for line in result.errors:
            self._say(line)
        if self.audit:
            for record in result.audit:
                self.audit.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        if self.report:
            for record in result.report:
                self.report.write(json.dumps(record, ensure_ascii=False) + "\n")
        if result.complete and not result.resumed and not result.io_error:
            self.manifest.append(result.entry())
        if self.opts.config.fail_fast and (result.quarantined or result.io_error):
            self.stop = True

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
    config = opts.config
    config.out_dir.mkdir(parents=True, exist_ok=True)
    folders = [config.out_dir] + ([config.quarantine_dir] if config.quarantine_dir else [])
    for folder in folders:
        remove_temporaries(folder)
    manifest = Manifest(config.out_dir)
    if config.resume:
        manifest.load()  # trims a line a kill cut short, before workers read it
    manifest.open(config.resume)
    accounts = _Accounts(opts, manifest, err)
    progress = make_progress(opts.progress, err)
    chunks = _chunks(_tasks(opts.inputs, folders))
    finished = False
    progress.start()
    try:
        if opts.jobs <= 1:
            init_worker(config)
            for chunk in chunks:
                for result in process_chunk(chunk):
                    accounts.take(result)
                progress.update(accounts.ledger)
                if accounts.stop:
                    break
        else:
            _run_pool(opts, chunks, accounts, progress.update)
        finished = not accounts.stop
    except BrokenProcessPool as exc:
        accounts.io_failed = True
        print(f"finmsg: a worker process died: {exc}", file=err)
    finally:
        progress.stop(accounts.ledger)
        accounts.close()
        manifest.close(remove=finished and not accounts.io_failed and not opts.keep_manifest)
    ledger = accounts.ledger
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


def _run_pool(
    opts: RunOptions,
    chunks: Iterator[list[FileTask]],
    accounts: _Accounts,
    update: Callable[[Ledger], None],
) -> None:
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    limit = max(1, opts.jobs) * WINDOW
    with ProcessPoolExecutor(opts.jobs, mp_context=context, initializer=init_worker,
                             initargs=(opts.config,)) as pool:
        pending: set[Future[list[FileResult]]] = set()

        def drain(block_until: int) -> None:
            nonlocal pending
            while len(pending) > block_until:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    for result in future.result():
                        accounts.take(result)
                update(accounts.ledger)

        for chunk in chunks:
            pending.add(pool.submit(process_chunk, chunk))
            if len(pending) >= limit:
                drain(limit - 1)
            if accounts.stop:
                break
        drain(0)
