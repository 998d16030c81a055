"""The unit of work: one input file in, its outputs, quarantine files and audit records out.

Workers read the file themselves (the coordinator only sends paths), so file
I/O, hashing, parsing and writing all scale with ``--jobs``. Each message ends
in exactly one bucket: *converted* (written with no error finding), *skipped*
(the processor returned ``None``) or *quarantined* (anything else, including an
unexpected exception from a reader: a library bug must not lose a message). A
message translated into several outputs of which only some can be made is
quarantined *partial*: its good outputs are written all the same, and its
quarantine reason and audit record list them (see docs/batch.md).

This module holds the per-process state and the per-message conversion; the
task and result types live in :mod:`finmsg.batch.tasks`, file splitting in
:mod:`finmsg.batch.splitting`, accept/reject decisions in
:mod:`finmsg.batch.verdicts` and audit records in :mod:`finmsg.batch.records`
(the public names are re-exported here).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from finmsg.api import convert_all
from finmsg.batch.atomic import confined_name, sync_folders, write_atomic
from finmsg.batch.manifest import Manifest, manifest_key
from finmsg.batch.plugins import Processor, Rule, find_exporter, load_mappings, load_processor, load_rules
from finmsg.batch.reading import read_whole
from finmsg.batch.records import audit_record, encode_result, reason_document, result_from_entry, sha256_hex
from finmsg.batch.splitting import split_input
from finmsg.batch.tasks import BatchConfig, FileResult, FileTask, SliceTask
from finmsg.batch.verdicts import (
    Rejected,
    diagnostics_of,
    failed_items,
    raise_on_errors,
    skip_reason,
    trigger,
    validation_findings,
    with_rule,
)
from finmsg.diagnostics import LOSSY_CODES, Diagnostic, Result, Severity
from finmsg.errors import OptionError, ParseError, UnknownFormatError
from finmsg.jsonfmt import dumps_indented
from finmsg.model.base import Message
from finmsg.registry import FormatHandler, RawMessage, find_target, get_format, sniff_format

if TYPE_CHECKING:  # the row exporters (and the models they flatten) load only for an ETL target
    from finmsg.etl.writers import Exporter, ExportItem

__all__ = [
    "BatchConfig",
    "FileResult",
    "FileTask",
    "SliceTask",
    "init_worker",
    "process_chunk",
    "split_input",
]


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

#: A message some of whose items were written: the refused items (k -> the finding that
#: refused it) and the outputs written, as ``{"output", "sha256_out"}`` records.
_Partial = tuple[dict[int, Diagnostic], list[dict[str, str]]]


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
    state = _STATE
    assert state is not None, "init_worker() must run first"
    results = []
    for task in tasks:
        result = process_slice(task) if isinstance(task, SliceTask) else process_file(task)
        encode_result(result, state.config.audit)
        results.append(result)
        if state.config.fail_fast and (result.quarantined or result.io_error):
            break
    return results


def process_file(task: FileTask) -> FileResult:
    state = _STATE
    assert state is not None, "init_worker() must run first"
    result = FileResult(task.name)
    try:
        data = task.data if task.data is not None else read_whole(task.path or "")
    except OSError as exc:
        result.io_error = f"cannot read {task.name}: {exc.strerror or exc}{_link_note(task.path)}"
        result.complete = False
        return result
    digest = sha256_hex(data)
    result.key = manifest_key(digest, task.stem, state.config.target)
    if result.key in state.done:
        return result_from_entry(task.name, state.manifest.entry_at(state.done[result.key]))
    try:
        try:
            handler = sniff_format(data)
        except UnknownFormatError:
            from finmsg.api import recognise  # says input.empty for blanks or a lone byte order mark

            handler = recognise(data)
        parts = split_input(handler, data, dict(state.config.options))
        if not parts:
            raise ParseError("the input holds no message", code="batch.empty")
    except OptionError:
        raise  # a -o value no reader can use is the run's usage error, not this input's fault
    except Exception as exc:
        whole = RawMessage(data, "unknown", "unknown")
        _quarantine(state, task, result, whole, digest, 1, False, diagnostics_of(exc))
        return result
    _convert_parts(state, task, result, handler, parts, len(parts) > 1, (data, digest))
    _sync(state, result)
    return result


def _link_note(path: str | None) -> str:
    """Where an unreadable input that is a symbolic link points (dangling, or part of a loop)."""
    try:
        return f" (a symbolic link to {os.readlink(path)!r})" if path and os.path.islink(path) else ""
    except OSError:
        return ""


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
    fills: set[tuple[str | None, str]] = set()  # FIX reports met, so a PossDup resend is skipped
    if state.exporter is not None:
        from finmsg.etl.writers import ExportItem  # an ETL run only: other targets never load it
    for part in parts:
        if state.config.fail_fast and result.quarantined:
            result.complete = False
            break
        result.messages += 1
        sha_in = whole[1] if whole is not None and part.data == whole[0] else sha256_hex(part.data)
        diags: list[Diagnostic] = list(part.diagnostics)
        partial: _Partial | None = None
        model: Message | None = None
        try:
            if diags:  # a piece the splitter could only salvage (most messages have no finding: no call)
                raise_on_errors(diags, False)
            options = dict(state.config.options)
            read: Result[Message | None]
            if state.config.validate:
                read = handler.validate(part.data, options)
            else:
                # no ``Result[...](...)`` re-wrap: calling a subscripted generic costs microseconds
                read = cast("Result[Message | None]", handler.read(part.data, options))
            diags.extend(read.diagnostics)
            model = read.value
            if model is not None and state.processor is not None:
                model = state.processor(model)
                if model is None:
                    result.skipped += 1
                    result.audit.append(audit_record(task, part, sha_in, "skipped", None, None, diags))
                    continue
            if model is None:
                raise ParseError("the reader produced no message", code="batch.unreadable")
            if state.exporter is None and model.family == "fix":
                skipped = skip_reason(model, state.target, fills)
                if skipped is not None:  # a session message, an order... of a FIX log: no trade
                    diags.append(skipped)
                    result.skipped += 1
                    result.audit.append(audit_record(task, part, sha_in, "skipped", None, None, diags))
                    _report(state, result, task, part.index, diags)
                    continue
            for name, rule in state.rules:
                diags.extend(with_rule(d, name) for d in rule(model))
            if state.exporter is not None:  # what the rows lose (the MT -> ISO translation's findings)
                findings = getattr(state.exporter, "findings", None)
                if findings is not None:
                    diags.extend(findings(model))
            if diags:
                raise_on_errors(diags, state.config.strict)
            if state.exporter is not None:
                payload = state.exporter.export([ExportItem(task.name, part.index, model)])
                rec = audit_record(task, part, sha_in, "converted", None, sha256_hex(payload), diags)
                exported.append((ExportItem(task.name, part.index, model), rec))
            else:
                assert state.target is not None
                outputs = _write(state.target, model, state.config.target, dict(state.config.options))
                for written in outputs:
                    if written.diagnostics:
                        diags.extend(written.diagnostics)
                suffix = f".{part.index}" if numbered else ""
                if len(outputs) > 1 and diags:
                    partial = _refused_items(outputs, state.config.strict)
                    if partial is not None:  # write the good items, then refuse the message
                        _put_items(state, result, task.stem + suffix, outputs, *partial)
                        raise _rejected_items(partial[0], len(outputs))
                if diags:
                    raise_on_errors(diags, state.config.strict)
                result.audit.append(_put_outputs(state, result, task, part, sha_in, suffix, outputs, diags))
            result.converted += 1
            if diags:
                _count_findings(result, diags)
            _report(state, result, task, part.index, diags)
        except OptionError:
            raise  # the run's usage error (exit 2), not this message's: see process_file
        except Exception as exc:
            found = diagnostics_of(exc)
            diags.extend(found)
            _quarantine(
                state, task, result, part, sha_in, part.index, numbered, diags, partial, model is not None
            )
    if exported and state.exporter is not None:
        rel = f"{task.stem}{state.exporter.extension}"
        payload = state.exporter.export([item for item, _ in exported])
        _put(state, result, state.out_dir, rel, payload)
        for _, rec in exported:
            rec["output"] = rel
            result.audit.append(rec)
        result.audit.sort(key=lambda r: int(r["index"]))


def _write(target: FormatHandler, model: Message, name: str, options: dict[str, Any]) -> list[Result[bytes]]:
    """Write directly when no translation is needed (saves a registry lookup per message); a
    translation gives one output per message the target can carry (an MT per transaction...)."""
    if target.family in (model.family, "json"):
        return [target.write(model, name, options)]
    return convert_all(model, name, **options)


def _put_outputs(
    state: _State,
    result: FileResult,
    task: FileTask | SliceTask,
    part: RawMessage,
    sha_in: str,
    suffix: str,
    outputs: list[Result[bytes]],
    diags: list[Diagnostic],
) -> dict[str, Any]:
    """Write a converted message's outputs and return its audit record. A message translated
    into several MTs (one per transaction, statement, entry...: :func:`finmsg.convert_all`) is
    written as ``<stem>[.<n>].<k><ext>``, k = 1.. in item order, and its record lists every
    output with its digest under ``outputs`` (``output`` / ``sha256_out`` name the first)."""
    assert state.target is not None
    if len(outputs) == 1:
        rel = f"{task.stem}{suffix}{state.target.extension}"
        _put(state, result, state.out_dir, rel, outputs[0].value)
        return audit_record(task, part, sha_in, "converted", rel, sha256_hex(outputs[0].value), diags)
    written: list[dict[str, str]] = []
    _put_items(state, result, task.stem + suffix, outputs, {}, written)
    first, first_sha = written[0]["output"], written[0]["sha256_out"]
    record = audit_record(task, part, sha_in, "converted", first, first_sha, diags)
    record["outputs"] = written
    return record


def _refused_items(outputs: list[Result[bytes]], strict: bool) -> _Partial | None:
    """The refused items of a multi-item message when some, not all, are refused (else ``None``)."""
    failed = failed_items(outputs, strict)
    return (failed, []) if failed and len(failed) < len(outputs) else None


def _rejected_items(failed: dict[int, Diagnostic], count: int) -> Rejected:
    """The refusal of a message of ``count`` items whose ``failed`` ones were not written."""
    first_k = min(failed)
    first = failed[first_k]
    text = f"{len(failed)} of {count} items not written; item {first_k}: {first}"
    return Rejected(text, code=first.code, path=first.path)


def _put_items(
    state: _State,
    result: FileResult,
    name: str,
    outputs: list[Result[bytes]],
    refused: dict[int, Diagnostic],
    written: list[dict[str, str]],
) -> None:
    """Write the items of a multi-item message as ``<name>.<k><ext>`` except the ``refused``
    ones (a refused item leaves a gap: the others keep the names they have when all succeed),
    recording each in ``written`` as soon as it is in place (so a failure half-way still
    lists exactly what went out)."""
    assert state.target is not None
    extension = state.target.extension
    for k, output in enumerate(outputs, start=1):
        if k in refused:
            continue
        rel = f"{name}.{k}{extension}"
        _put(state, result, state.out_dir, rel, output.value)
        written.append({"output": rel, "sha256_out": sha256_hex(output.value)})


def _put(state: _State, result: FileResult, folder: str, rel: str, data: bytes) -> None:
    path = confined_name(folder, rel)
    durable = state.config.durable
    write_atomic(path, data, durable)
    if durable:
        result.folders.add(os.path.dirname(path))


def _quarantine(
    state: _State,
    task: FileTask | SliceTask,
    result: FileResult,
    part: RawMessage,
    sha_in: str,
    index: int,
    numbered: bool,
    diags: list[Diagnostic],
    partial: _Partial | None = None,
    explain: bool = False,
) -> None:
    """Count ``part`` as quarantined, copy it and its reason into the quarantine folder (when
    there is one) and record it. ``partial``: the items of the message that were refused and
    the outputs that were written all the same (listed in the reason and the audit record).
    ``explain``: the message was read, and refused later (translating, writing, a rule): its
    validation may say more than the refusal did, so the reason adds it. (A message its reader
    refused already carries what validation would say first: the same reader's finding.)"""
    if part.family == "unknown":
        result.messages += 1
    result.quarantined += 1
    written = partial[1] if partial is not None else []
    result.partial += bool(written)
    first = trigger(diags, state.config.strict)
    reason = first.code if first else "batch.rejected"
    refused = state.config.strict and first is not None and first.severity is not Severity.ERROR
    strict = " (refused by --strict)" if refused else ""
    result.errors.append(f"{task.name}#{index}: {first or reason}{strict}" + _written_note(written))
    rel = None
    if state.config.quarantine_dir is not None:
        rel = f"{task.stem}{f'.{index}' if numbered else ''}{task.extension or '.bin'}"
        folder = str(state.config.quarantine_dir)
        _put(state, result, folder, rel, part.data)
        checked = None
        if explain and not state.config.validate:  # a validated run has those findings already
            options = dict(state.config.options)
            checked = validation_findings(get_format(part.family), part.data, options, diags)
        doc = reason_document(task.name, index, part, reason, diags, checked, partial)
        _put(state, result, folder, rel + ".reason.json", dumps_indented(doc))
    first_out = written[0] if written else {}
    output, sha_out = first_out.get("output"), first_out.get("sha256_out")
    record = audit_record(task, part, sha_in, "quarantined", output, sha_out, diags, index)
    if written:
        record["outputs"] = written
    record["quarantine"] = rel
    record["reason"] = reason
    result.audit.append(record)
    _report(state, result, task, index, diags)


_WARNING = Severity.WARNING  # a module global: the enum attribute lookup costs more, per diagnostic


def _count_findings(result: FileResult, diags: list[Diagnostic]) -> None:
    """Count a converted message that carries a lossy finding and/or a warning (one pass: this
    runs for most converted messages, which usually carry a few infos). "Lossy" is what
    ``--strict`` refuses (:func:`~finmsg.diagnostics.refused_by_strict`: an info default such as
    ``mapping.defaulted`` is not), so a run that says "with lossy findings" fails under it."""
    lossy = warned = False
    for diag in diags:
        if diag.severity is _WARNING:
            warned = True
            if diag.code.startswith(LOSSY_CODES):
                lossy = True
        elif diag.severity is Severity.ERROR and diag.code.startswith(LOSSY_CODES):
            lossy = True
    result.converted_lossy += lossy
    result.converted_with_warnings += warned


def _written_note(written: list[dict[str, str]]) -> str:
    """What the message's error line adds when some of its outputs were written all the same."""
    if not written:
        return ""
    return f" (its other items were written: {len(written)} output(s), first {written[0]['output']})"


def _report(
    state: _State, result: FileResult, task: FileTask | SliceTask, index: int, diags: list[Diagnostic]
) -> None:
    if state.config.collect_diagnostics:
        result.report.extend({"file": task.name, "index": index, **d.to_dict()} for d in diags)
