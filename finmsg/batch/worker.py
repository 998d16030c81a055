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
import re
import traceback
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from finmsg.api import convert
from finmsg.batch.atomic import confined, write_atomic
from finmsg.batch.manifest import Manifest, manifest_key
from finmsg.batch.plugins import Processor, Rule, find_exporter, load_mappings, load_processor, load_rules
from finmsg.diagnostics import Diagnostic, Result, Severity, is_lossy
from finmsg.errors import FinmsgError, ParseError
from finmsg.etl.writers import Exporter, ExportItem
from finmsg.model.base import Message
from finmsg.registry import FormatHandler, RawMessage, find_target, sniff_format

__all__ = ["BatchConfig", "FileResult", "FileTask", "init_worker", "process_chunk"]


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


@dataclass(frozen=True, slots=True)
class FileTask:
    """One input: a path (read by the worker) or the bytes of stdin."""

    name: str
    stem: str
    extension: str
    path: str | None = None
    data: bytes | None = None


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

    def entry(self) -> dict[str, Any]:
        counts = {k: getattr(self, k) for k in ("messages", "converted", "quarantined", "skipped")}
        return {"key": self.key, "input": self.name, "counts": counts, "audit": self.audit}


@dataclass(slots=True)
class _State:
    config: BatchConfig
    target: FormatHandler | None
    exporter: Exporter | None
    processor: Processor | None
    rules: list[tuple[str, Rule]]
    done: dict[str, dict[str, Any]]


_STATE: _State | None = None


def init_worker(config: BatchConfig) -> None:
    """Resolve the target, plugins and (on resume) the finished inputs once per process."""
    global _STATE
    load_mappings()
    exporter = find_exporter(config.target)
    target = None if exporter is not None else find_target(config.target)
    processor = load_processor(config.processor) if config.processor else None
    done = Manifest(config.out_dir).load() if config.resume else {}
    _STATE = _State(config, target, exporter, processor, load_rules(), done)


def process_chunk(tasks: Sequence[FileTask]) -> list[FileResult]:
    """Process several small inputs in one round trip (fewer IPC hops per message)."""
    results = []
    for task in tasks:
        result = process_file(task)
        results.append(result)
        if _STATE is not None and _STATE.config.fail_fast and (result.quarantined or result.io_error):
            break
    return results


def process_file(task: FileTask) -> FileResult:
    state = _STATE
    assert state is not None, "init_worker() must run first"
    result = FileResult(task.name)
    try:
        data = task.data if task.data is not None else Path(task.path or "").read_bytes()
    except OSError as exc:
        result.io_error = f"cannot read {task.name}: {exc.strerror or exc}"
        result.complete = False
        return result
    digest = hashlib.sha256(data).hexdigest()
    result.key = manifest_key(digest, task.stem, state.config.target)
    if result.key in state.done:
        return _from_entry(task.name, state.done[result.key])
    try:
        handler = sniff_format(data)
        parts = _split(handler, data)
        if not parts:
            raise ParseError("the input holds no message", code="batch.empty")
    except Exception as exc:
        whole = RawMessage(data, "unknown", "unknown")
        _quarantine(state, task, result, whole, digest, 1, False, _diags_of(exc))
        return result
    _convert_parts(state, task, result, handler, parts)
    return result


_RJE_OR_FIN = re.compile(rb"(?:^|\r?\n)\$|(?=\{1:)")


def _split(handler: FormatHandler, data: bytes) -> list[RawMessage]:
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
    state: _State, task: FileTask, result: FileResult, handler: FormatHandler, parts: list[RawMessage]
) -> None:
    numbered = len(parts) > 1
    exported: list[tuple[ExportItem, dict[str, Any]]] = []
    for part in parts:
        if state.config.fail_fast and result.quarantined:
            result.complete = False
            break
        result.messages += 1
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
                write_atomic(confined(state.config.out_dir, rel), written.value)
                result.audit.append(_audit(task, part, sha_in, "converted", rel, _sha(written.value), diags))
            result.converted += 1
            _report(state, result, task, part.index, diags)
        except Exception as exc:
            found = _diags_of(exc)
            _quarantine(state, task, result, part, sha_in, part.index, numbered, [*diags, *found])
    if exported and state.exporter is not None:
        rel = f"{task.stem}{state.exporter.extension}"
        payload = state.exporter.export([item for item, _ in exported])
        write_atomic(confined(state.config.out_dir, rel), payload)
        for _, rec in exported:
            rec["output"] = rel
            result.audit.append(rec)
        result.audit.sort(key=lambda r: int(r["index"]))


def _write(target: FormatHandler, model: Message, name: str, options: dict[str, Any]) -> Result[bytes]:
    """Write directly when no translation is needed (saves a registry lookup per message)."""
    if target.family in (model.family, "json"):
        return target.write(model, name, options)
    return convert(model, name, **options)


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
    task: FileTask,
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
        folder = state.config.quarantine_dir
        write_atomic(confined(folder, rel), part.data)
        doc = {
            "input": task.name,
            "index": index,
            "type": f"{part.family}:{part.message_type}",
            "reason": reason,
            "diagnostics": [d.to_dict() for d in diags],
        }
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        write_atomic(confined(folder, rel + ".reason.json"), text.encode("utf-8"))
    record = _audit(task, part, sha_in, "quarantined", None, None, diags, index)
    record["quarantine"] = rel
    record["reason"] = reason
    result.audit.append(record)
    _report(state, result, task, index, diags)


def _report(state: _State, result: FileResult, task: FileTask, index: int, diags: list[Diagnostic]) -> None:
    if state.config.collect_diagnostics:
        result.report.extend({"file": task.name, "index": index, **d.to_dict()} for d in diags)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _audit(
    task: FileTask,
    part: RawMessage,
    sha_in: str,
    status: str,
    output: str | None,
    sha_out: str | None,
    diags: list[Diagnostic],
    index: int | None = None,
) -> dict[str, Any]:
    counts = Counter(d.severity.value for d in diags)
    return {
        "input": task.name,
        "index": index if index is not None else part.index,
        "sha256_in": sha_in,
        "type": f"{part.family}:{part.message_type}",
        "status": status,
        "output": output,
        "sha256_out": sha_out,
        "rules": sorted({d.rule for d in diags if d.rule}),
        "diagnostics": {s.value: counts.get(s.value, 0) for s in Severity},
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
