"""The unit of work: one input file in, its outputs, quarantine files and audit records out.

Workers read the file themselves (the coordinator only sends paths), so file
I/O, hashing, parsing and writing all scale with ``--jobs``. Each message ends
in exactly one bucket: *converted* (written with no error finding), *skipped*
(the processor returned ``None``) or *quarantined* (anything else, including an
unexpected exception from a reader: a library bug must not lose a message).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from finmsg.api import convert
from finmsg.batch.atomic import confined_name, sync_folders, write_atomic
from finmsg.batch.manifest import Manifest, manifest_key
from finmsg.batch.plugins import Processor, Rule, find_exporter, load_mappings, load_processor, load_rules
from finmsg.diagnostics import Diagnostic, Result, Severity, is_lossy
from finmsg.errors import FinmsgError, ParseError
from finmsg.etl.writers import Exporter, ExportItem
from finmsg.jsonfmt import dumps_compact, dumps_indented
from finmsg.model.base import Message
from finmsg.registry import FormatHandler, RawMessage, find_target, get_format, sniff_format

__all__ = [
    "BatchConfig",
    "FileResult",
    "FileTask",
    "SliceTask",
    "init_worker",
    "process_chunk",
    "split_input",
]


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Everything a worker needs; pickled once per worker process."""

    target: str
    out_dir: Path
    quarantine_dir: Path | None = None
    strict: bool = False
    processor: str | None = None
    fail_fast: bool = False
    resume: bool = False
    collect_diagnostics: bool = False
    #: Conversion options (e.g. ``ssi``: the standing settlement instructions file) as pairs.
    options: tuple[tuple[str, str], ...] = ()
    #: Run every validation layer before converting: an invalid message is quarantined.
    validate: bool = False
    #: ``fsync`` every output before its rename (and the folders before the manifest records the input).
    durable: bool = False
    #: The run writes an audit trail: workers encode its lines (set by :func:`~finmsg.batch.run_batch`).
    audit: bool = False


@dataclass(frozen=True, slots=True)
class FileTask:
    """One input: a path (read by the worker) or the bytes of stdin."""

    name: str
    stem: str
    extension: str
    path: str | None = None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class SliceTask:
    """A run of messages of one streamed input (see :mod:`finmsg.batch.stream`), already split.

    ``token`` ties the slices of one input together in the manifest; ``numbered``
    says whether the input holds more than one message (outputs then carry the index).
    """

    name: str
    stem: str
    extension: str
    token: str
    number: int
    parts: tuple[RawMessage, ...]
    numbered: bool


@dataclass(slots=True)
class FileResult:
    """What happened to one input; ``entry()`` is its manifest line."""

    name: str
    key: str = ""
    messages: int = 0
    converted: int = 0
    quarantined: int = 0
    skipped: int = 0
    audit: list[dict[str, Any]] = field(default_factory=list)
    report: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    io_error: str | None = None
    resumed: bool = False
    complete: bool = True
    #: For a slice of a streamed input: its input's token and the slice number.
    token: str | None = None
    number: int = 0
    #: Folders this result renamed files into (synced before the manifest line with ``durable``).
    folders: set[str] = field(default_factory=set)
    #: Encoded by the worker (see :func:`process_chunk`): the manifest line and the audit trail lines.
    line: str | None = None
    audit_text: str = ""

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("messages", "converted", "quarantined", "skipped")}

    def entry(self) -> dict[str, Any]:
        if self.token is not None:
            return {"token": self.token, "slice": self.number, "counts": self.counts(), "audit": self.audit}
        return {"key": self.key, "input": self.name, "counts": self.counts(), "audit": self.audit}


@dataclass(slots=True)
class _State:
    config: BatchConfig
    target: FormatHandler | None
    exporter: Exporter | None
    processor: Processor | None
    rules: list[tuple[str, Rule]]
    done: dict[str, int]  # manifest offsets of inputs a previous run finished
    manifest: Manifest
    out_dir: str = ""


_STATE: _State | None = None


def init_worker(config: BatchConfig) -> None:
    """Resolve the target, plugins and (on resume) the finished inputs once per process."""
    global _STATE
    load_mappings()
    exporter = find_exporter(config.target)
    target = None if exporter is not None else find_target(config.target)
    processor = load_processor(config.processor) if config.processor else None
    manifest = Manifest(config.out_dir)
    done = manifest.load(streamed=False, trim=False) if config.resume else {}  # streamed: coordinator's
    _STATE = _State(config, target, exporter, processor, load_rules(), done, manifest, str(config.out_dir))


def process_chunk(tasks: Sequence[FileTask | SliceTask]) -> list[FileResult]:
    """Process several small inputs (or one slice) in one round trip (fewer IPC hops per message)."""
    results = []
    for task in tasks:
        result = process_slice(task) if isinstance(task, SliceTask) else process_file(task)
        _encode(result)
        results.append(result)
        if _STATE is not None and _STATE.config.fail_fast and (result.quarantined or result.io_error):
            break
    return results


def _encode(result: FileResult) -> None:
    """JSON-encode the result's manifest line and audit lines here, in parallel, rather than in the
    coordinator; the records themselves then need not travel back at all."""
    assert _STATE is not None
    if result.complete and not result.resumed and not result.io_error:
        result.line = dumps_compact(result.entry())
    if _STATE.config.audit:
        result.audit_text = "".join(
            json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n" for record in result.audit
        )
    result.audit = []


def process_file(task: FileTask) -> FileResult:
    state = _STATE
    assert state is not None, "init_worker() must run first"
    result = FileResult(task.name)
    try:
        if task.data is not None:
            data = task.data
        else:
            with open(task.path or "", "rb") as handle:
                data = handle.read()
    except OSError as exc:
        result.io_error = f"cannot read {task.name}: {exc.strerror or exc}"
        result.complete = False
        return result
    digest = hashlib.sha256(data).hexdigest()
    result.key = manifest_key(digest, task.stem, state.config.target)
    if result.key in state.done:
        return _from_entry(task.name, state.manifest.entry_at(state.done[result.key]))
    try:
        handler = sniff_format(data)
        parts = split_input(handler, data)
        if not parts:
            raise ParseError("the input holds no message", code="batch.empty")
    except Exception as exc:
        whole = RawMessage(data, "unknown", "unknown")
        _quarantine(state, task, result, whole, digest, 1, False, _diags_of(exc))
        return result
    _convert_parts(state, task, result, handler, parts, len(parts) > 1, (data, digest))
    _sync(state, result)
    return result


def process_slice(task: SliceTask) -> FileResult:
    """Convert a slice of a streamed input; the coordinator accounts the input when all slices are in."""
    state = _STATE
    assert state is not None, "init_worker() must run first"
    result = FileResult(task.name, token=task.token, number=task.number)
    handler = get_format(task.parts[0].family)
    _convert_parts(state, task, result, handler, task.parts, task.numbered)
    _sync(state, result)
    return result


def _sync(state: _State, result: FileResult) -> None:
    if state.config.durable and result.complete:
        sync_folders(sorted(result.folders))


_RJE_OR_FIN = re.compile(rb"(?:^|\r?\n)\$|(?=\{1:)")


def split_input(handler: FormatHandler, data: bytes) -> list[RawMessage]:
    """The handler's split; for an MT file it cannot split as a whole, a per-message salvage.

    One broken message in an RJE file or a back-to-back FIN file must not take its
    neighbours to quarantine: cut at RJE ``$`` lines and ``{1:`` starts, split each
    piece alone, and keep a piece that still fails as one message carrying the error.
    """
    try:
        return list(handler.split(data, {}))
    except FinmsgError:
        if handler.family != "mt":
            raise
    parts: list[RawMessage] = []
    for piece in _RJE_OR_FIN.split(data):
        if not piece.strip(b" \t\r\n"):
            continue
        try:
            found = list(handler.split(piece, {}))
        except FinmsgError as exc:
            error = Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)
            found = [RawMessage(piece.strip(b"\r\n"), "mt", "unknown", diagnostics=(error,))]
        parts.extend(replace(p, index=len(parts) + n) for n, p in enumerate(found, start=1))
    return parts


def _convert_parts(
    state: _State,
    task: FileTask | SliceTask,
    result: FileResult,
    handler: FormatHandler,
    parts: Sequence[RawMessage],
    numbered: bool,
    whole: tuple[bytes, str] | None = None,
) -> None:
    """Convert (or quarantine) each message; ``whole`` is the input and its digest, reused when
    the input is one message (hashing it again would give the same digest)."""
    exported: list[tuple[ExportItem, dict[str, Any]]] = []
    for part in parts:
        if state.config.fail_fast and result.quarantined:
            result.complete = False
            break
        result.messages += 1
        if whole is not None and part.data == whole[0]:
            sha_in = whole[1]
        else:
            sha_in = hashlib.sha256(part.data).hexdigest()
        diags: list[Diagnostic] = list(part.diagnostics)
        try:
            _raise_on_errors(diags, False)  # a piece the splitter could only salvage
            options = dict(state.config.options)
            read: Result[Message | None]
            if state.config.validate:
                read = handler.validate(part.data, options)
            else:
                read = Result[Message | None](*handler.read(part.data, options))
            diags.extend(read.diagnostics)
            model: Message | None = read.value
            if model is not None and state.processor is not None:
                model = state.processor(model)
                if model is None:
                    result.skipped += 1
                    result.audit.append(_audit(task, part, sha_in, "skipped", None, None, diags))
                    continue
            if model is None:
                raise ParseError("the reader produced no message", code="batch.unreadable")
            for name, rule in state.rules:
                diags.extend(_with_rule(d, name) for d in rule(model))
            _raise_on_errors(diags, state.config.strict)
            if state.exporter is not None:
                payload = state.exporter.export([ExportItem(task.name, part.index, model)])
                rec = _audit(task, part, sha_in, "converted", None, _sha(payload), diags)
                exported.append((ExportItem(task.name, part.index, model), rec))
            else:
                assert state.target is not None
                written = _write(state.target, model, state.config.target, dict(state.config.options))
                diags.extend(written.diagnostics)
                _raise_on_errors(diags, state.config.strict)
                suffix = f".{part.index}" if numbered else ""
                rel = f"{task.stem}{suffix}{state.target.extension}"
                _put(state, result, state.out_dir, rel, written.value)
                result.audit.append(_audit(task, part, sha_in, "converted", rel, _sha(written.value), diags))
            result.converted += 1
            _report(state, result, task, part.index, diags)
        except Exception as exc:
            found = _diags_of(exc)
            _quarantine(state, task, result, part, sha_in, part.index, numbered, [*diags, *found])
    if exported and state.exporter is not None:
        rel = f"{task.stem}{state.exporter.extension}"
        payload = state.exporter.export([item for item, _ in exported])
        _put(state, result, state.out_dir, rel, payload)
        for _, rec in exported:
            rec["output"] = rel
            result.audit.append(rec)
        result.audit.sort(key=lambda r: int(r["index"]))


def _write(target: FormatHandler, model: Message, name: str, options: dict[str, Any]) -> Result[bytes]:
    """Write directly when no translation is needed (saves a registry lookup per message)."""
    if target.family in (model.family, "json"):
        return target.write(model, name, options)
    return convert(model, name, **options)


def _put(state: _State, result: FileResult, folder: str, rel: str, data: bytes) -> None:
    path = confined_name(folder, rel)
    durable = state.config.durable
    write_atomic(path, data, durable)
    if durable:
        result.folders.add(os.path.dirname(path))


class _Rejected(FinmsgError):
    default_code = "batch.rejected"


def _raise_on_errors(diags: list[Diagnostic], strict: bool) -> None:
    bad = [d for d in diags if d.severity is Severity.ERROR or (strict and is_lossy(d))]
    if bad:
        what = "lossy" if not any(d.severity is Severity.ERROR for d in bad) else "invalid"
        raise _Rejected(f"message is {what}: {bad[0]}", code=bad[0].code, path=bad[0].path, diagnostics=bad)


def _with_rule(diag: Diagnostic, name: str) -> Diagnostic:
    if diag.rule is not None:
        return diag
    return Diagnostic(diag.code, diag.severity, diag.message, diag.path, diag.target_path, name,
                      diag.original, diag.emitted)


def _diags_of(exc: BaseException) -> list[Diagnostic]:
    if isinstance(exc, _Rejected):
        return []  # its diagnostics are already in the message's list
    if isinstance(exc, FinmsgError):
        return list(exc.diagnostics) or [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)]
    if isinstance(exc, OSError):
        return [Diagnostic("batch.io", Severity.ERROR, f"{type(exc).__name__}: {exc}")]
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    site = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return [Diagnostic("internal.error", Severity.ERROR, f"{type(exc).__name__}: {exc}{site}")]


def _quarantine(
    state: _State,
    task: FileTask | SliceTask,
    result: FileResult,
    part: RawMessage,
    sha_in: str,
    index: int,
    numbered: bool,
    diags: list[Diagnostic],
) -> None:
    if part.family == "unknown":
        result.messages += 1
    result.quarantined += 1
    first = next((d for d in diags if d.severity is Severity.ERROR), diags[0] if diags else None)
    reason = first.code if first else "batch.rejected"
    result.errors.append(f"{task.name}#{index}: {first or reason}")
    rel = None
    if state.config.quarantine_dir is not None:
        rel = f"{task.stem}{f'.{index}' if numbered else ''}{task.extension or '.bin'}"
        folder = str(state.config.quarantine_dir)
        _put(state, result, folder, rel, part.data)
        doc = {
            "input": task.name,
            "index": index,
            "type": f"{part.family}:{part.message_type}",
            "reason": reason,
            "diagnostics": [d.to_dict() for d in diags],
        }
        _put(state, result, folder, rel + ".reason.json", dumps_indented(doc))
    record = _audit(task, part, sha_in, "quarantined", None, None, diags, index)
    record["quarantine"] = rel
    record["reason"] = reason
    result.audit.append(record)
    _report(state, result, task, index, diags)


def _report(
    state: _State, result: FileResult, task: FileTask | SliceTask, index: int, diags: list[Diagnostic]
) -> None:
    if state.config.collect_diagnostics:
        result.report.extend({"file": task.name, "index": index, **d.to_dict()} for d in diags)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_SEVERITIES = tuple(s.value for s in Severity)


def _audit(
    task: FileTask | SliceTask,
    part: RawMessage,
    sha_in: str,
    status: str,
    output: str | None,
    sha_out: str | None,
    diags: list[Diagnostic],
    index: int | None = None,
) -> dict[str, Any]:
    counts = dict.fromkeys(_SEVERITIES, 0)
    for diag in diags:
        counts[diag.severity.value] += 1
    return {
        "input": task.name,
        "index": index if index is not None else part.index,
        "sha256_in": sha_in,
        "type": f"{part.family}:{part.message_type}",
        "status": status,
        "output": output,
        "sha256_out": sha_out,
        "rules": sorted({d.rule for d in diags if d.rule}) if diags else [],
        "diagnostics": counts,
    }


def _from_entry(name: str, entry: dict[str, Any]) -> FileResult:
    counts = entry["counts"]
    return FileResult(
        name,
        key=entry["key"],
        messages=counts["messages"],
        converted=counts["converted"],
        quarantined=counts["quarantined"],
        skipped=counts["skipped"],
        audit=list(entry["audit"]),
        resumed=True,
    )
