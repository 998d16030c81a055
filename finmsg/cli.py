"""The ``finmsg`` command line: a thin layer over the public API.

Every error a user can cause prints one line on stderr and sets the exit code:
0 success, 1 invalid or failed messages, 2 usage or I/O errors.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

# ``validate --profile`` / ``--cbpr-release`` offer the choices the library declares for the
# ``profile`` and ``cbpr_release`` options: a misspelt one must not silently check nothing.
from finmsg.api import CBPR_RELEASES as CBPR_RELEASES
from finmsg.api import PROFILES as PROFILES
from finmsg.api import recognise
from finmsg.clihelp import HelpParser, VersionAction, convert_epilog, exit_epilog, reading_epilog
from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import FinmsgError, OptionError
from finmsg.registry import (
    RawMessage,
    check_options,
    find_target,
    registered_formats,
)

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a Ctrl-C


class UsageError(Exception):
    """A usage or I/O problem: exit code 2."""


def _inputs(paths: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """(display name, bytes) for each input: files, directories (recursive) or ``-`` for stdin."""
    for name in paths:
        if name == "-":
            yield "-", sys.stdin.buffer.read()
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield str(child), _read(child)
        else:
            yield name, _read(path)


def _check_inputs(paths: Sequence[str], exclude: Sequence[tuple[str, Path]] = ()) -> None:
    """Refuse a folder holding no file and a pattern matching nothing: a run over no input
    would exit 0 and look like a success. Stops at the first file found (an archive is not listed).

    ``exclude`` are the folders ``convert`` writes to (``--out``, ``--quarantine``), which its
    walk skips: a folder whose only files sit there holds no file to convert either.
    """
    for name in paths:
        if name == "-":
            continue
        path = Path(name)
        if path.is_dir():
            if not any(child.is_file() for child in path.rglob("*")):
                raise UsageError(f"the folder {name} holds no file")
            if exclude and _walk_is_empty(name, exclude):
                raise UsageError(f"the folder {name} holds no file outside {_flags(exclude)}")
        elif _unmatched_pattern(name, path):
            raise UsageError(f"no file matches the pattern {name}")
        elif exclude and _is_pattern(name, path) and _walk_is_empty(name, exclude):
            raise UsageError(f"no file outside {_flags(exclude)} matches the pattern {name}")


def _walk_is_empty(name: str, exclude: Sequence[tuple[str, Path]]) -> bool:
    """True when the batch's own walk of ``name``, skipping the ``exclude`` folders, finds no
    file (it stops at the first: the walk is lazy)."""
    from finmsg.batch.inputs import walk_inputs

    return next(walk_inputs([name], [folder for _, folder in exclude]), None) is None


def _flags(exclude: Sequence[tuple[str, Path]]) -> str:
    """``--out DIR`` (and ``--quarantine DIR``): the folders a walk skipped, as the user named them."""
    return " and ".join(f"{flag} {folder}" for flag, folder in exclude)


def _is_pattern(name: str, path: Path) -> bool:
    return any(ch in name for ch in "*?[") and not path.exists()


def _unmatched_pattern(name: str, path: Path) -> bool:
    """A glob pattern (not an existing file so named) that matches nothing."""
    if not _is_pattern(name, path):
        return False
    return next(glob.iglob(name, recursive=True), None) is None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def _split(data: bytes, options: dict[str, Any] | None = None) -> tuple[Any, list[RawMessage]]:
    """Cut an input into messages with the reader options (``-o``): the MT tolerances
    (``allow_loose_block4_end`` ...) and the FIX ``delimiter`` act while cutting, not only
    while reading one message."""
    handler = recognise(data)  # as the library: input.empty for blanks or a lone byte order mark
    # The batch's cut: one broken message of an RJE or back-to-back file is salvaged as one
    # message with its error, so detect, validate and convert see the same messages.
    from finmsg.batch.splitting import split_input

    return handler, split_input(handler, data, options)


def _diag_json(diag: Diagnostic) -> dict[str, Any]:
    return diag.to_dict()


def cmd_detect(args: argparse.Namespace, out: TextIO) -> int:
    status = EXIT_OK
    options = _format_options(args)
    _check_inputs(args.files)
    for name, data in _inputs(args.files):
        try:
            _, parts = _split(data, options)
        except OptionError:
            raise
        except FinmsgError as exc:
            print(f"finmsg: {name}: {exc}", file=sys.stderr)
            status = EXIT_INVALID
            continue
        for part in parts:
            print(f"{name}#{part.index}\t{part.family}\t{part.message_type}", file=out)
    return status


def _format_options(args: argparse.Namespace) -> dict[str, str]:
    """``--option KEY=VALUE`` pairs: passed to the readers (FIX switches, delimiter, overlay ...).

    Checked before any input is read or any output written: a key that no layer the command
    can reach understands, or a value one of them cannot use, is an :class:`OptionError` (exit 2).
    """
    options: dict[str, str] = {}
    for item in getattr(args, "option", None) or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--option takes KEY=VALUE, not {item!r}")
        options[key.strip()] = value
    if options:
        command: str = args.command
        write: tuple[str, ...] = ()
        if command == "convert":
            command, write = f"convert --to {args.to}", _write_layers(args.to)
        read = [handler.family for handler in registered_formats()]  # any input may be any family
        check_options(options, read=read, write=write, where=command, text=True)
    return options


def _write_layers(target: str) -> tuple[str, ...]:
    """The layers whose writing options ``convert --to target`` uses: none for a row exporter
    (it takes no option), else the target family's writer and, unless it is the canonical
    JSON, the translator (a message of another family is translated first)."""
    from finmsg.batch.plugins import find_exporter

    if find_exporter(target) is not None:
        return ()
    family = find_target(target).family
    return (family,) if family == "json" else (family, "translate")


def _check_exporter(exporter: object) -> None:
    """Refuse, before any input is read, a row exporter that cannot run on this machine (its
    optional ``unavailable()`` names the missing dependency): otherwise every message of the
    run would be quarantined with that same reason."""
    unavailable = getattr(exporter, "unavailable", None)
    reason = unavailable() if callable(unavailable) else None
    if reason:
        raise UsageError(str(reason))


def _check_target(target: str) -> None:
    """Refuse, before any input is read, a ``--to`` no message can be converted to: a name no
    writer accepts, an ISO 20022 message finmsg has neither a codec nor a schema for
    (``pacs.999``, ``pacs.999.001.01``), or a version of a known message with no schema
    (``pacs.008.001.99``, listing the versions finmsg has). A full id of another message that
    has a schema (``acmt.001.001.08``) is left to the generic codec."""
    handler = find_target(target)
    name = target.lower()
    if handler.family != "iso20022" or name in ("iso20022", "xml", "mx"):
        return
    from finmsg.iso20022.catalog import codec_for, codecs, known_family
    from finmsg.iso20022.document import schema_available

    family = name[:8]
    if not known_family(family):
        if len(name) == len(family) or not schema_available(name):
            known = ", ".join(codec.family for codec in codecs())
            raise UsageError(f"--to {target}: no such ISO 20022 message in finmsg; known messages: {known}")
        return
    codec = codec_for(family)
    if len(name) > len(family) and name not in codec.versions and not schema_available(name):
        versions = ", ".join(codec.versions)
        raise UsageError(f"--to {target}: no schema for this version in finmsg; known {family}: {versions}")


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    options: dict[str, Any] = _format_options(args)
    options.update({k: v for k, v in (("profile", args.profile), ("cbpr_release", args.cbpr_release)) if v})
    records: list[dict[str, Any]] = []
    _check_inputs(args.files)
    for name, data in _inputs(args.files):
        try:
            handler, parts = _split(data, options)
        except OptionError:
            raise
        except FinmsgError as exc:
            diag = Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)
            records.append(_record(name, 1, "unknown", "unknown", [diag]))
            continue
        for part in parts:
            diags = list(part.diagnostics)
            if not any(d.severity is Severity.ERROR for d in diags):  # else: a salvaged piece, already judged
                diags.extend(handler.validate(part.data, options).diagnostics)
            records.append(_record(name, part.index, part.family, part.message_type, diags))
    if args.json:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_validation(records, out)
    return EXIT_OK if all(r["valid"] for r in records) else EXIT_INVALID


#: A message finmsg has no schema or model for: no error found, but nothing was checked either.
_NOT_VALIDATED = "xsd.unknown-message"


def _record(name: str, index: int, family: str, type_: str, diags: list[Diagnostic]) -> dict[str, Any]:
    """One message's verdict. ``validated`` is false when no schema checked it: its ``valid``
    only says that nothing was found, which the text output shows as ``NOT VALIDATED``."""
    return {
        "file": name,
        "index": index,
        "family": family,
        "type": type_,
        "valid": not any(d.severity is Severity.ERROR for d in diags),
        "validated": not any(d.code == _NOT_VALIDATED for d in diags),
        "diagnostics": [_diag_json(d) for d in diags],
    }


def _state(record: dict[str, Any]) -> str:
    if not record["valid"]:
        return "INVALID"
    return "valid" if record["validated"] else "NOT VALIDATED"


def _print_validation(records: list[dict[str, Any]], out: TextIO) -> None:
    for rec in records:
        print(f"{rec['file']}#{rec['index']}\t{rec['family']}\t{rec['type']}\t{_state(rec)}", file=out)
        for diag in rec["diagnostics"]:
            where = f" {diag['path']}" if diag.get("path") else ""
            print(f"  {diag['severity']} {diag['code']}{where}: {diag['message']}", file=out)
    unchecked = sum(1 for r in records if r["valid"] and not r["validated"])
    if len(records) > 1 or unchecked:
        by_type = Counter(f"{r['family']}:{r['type']}" for r in records)
        invalid = sum(1 for r in records if not r["valid"])
        counts = ", ".join(f"{t}={n}" for t, n in sorted(by_type.items()))
        not_checked = f", {unchecked} not validated (no schema)" if unchecked else ""
        summary = f"summary: {_counted(len(records), 'message')}, {invalid} invalid{not_checked}"
        print(f"{summary}; by type: {counts}", file=out)


def _counted(count: int, noun: str) -> str:
    """``1 message``, ``2 messages``: a count and its noun in agreement."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    from finmsg.jsonfmt import dumps_model

    if args.file != "-" and Path(args.file).is_dir():
        raise UsageError(
            f"inspect reads one file and {args.file} is a folder; "
            f"for every message of a folder use: finmsg convert {args.file} --to json --out DIR"
        )
    options = _format_options(args)  # before the input is read: a bad key fails at once
    name, data = next(_inputs([args.file]))
    handler, parts = _split(data, options)
    models: list[Any] = []
    status = EXIT_OK
    for part in parts:
        # A broken message of a multi-message file (an RJE with one bad message) is named with
        # its index and stands as null in the list, so its neighbours are still shown in place.
        try:
            broken = next((d for d in part.diagnostics if d.severity is Severity.ERROR), None)
            if broken is not None:
                raise FinmsgError(broken.message, code=broken.code, path=broken.path)
            result = handler.read(part.data, options)
        except OptionError:
            raise
        except FinmsgError as exc:
            if len(parts) == 1:
                raise
            print(f"finmsg: {name}#{part.index}: {exc}", file=sys.stderr)
            models.append(None)
            status = EXIT_INVALID
            continue
        models.append(json.loads(dumps_model(result.value)))
        for diag in result.diagnostics:
            print(f"finmsg: {name}#{part.index}: {diag}", file=sys.stderr)
    payload = models[0] if len(models) == 1 else models
    text = json.dumps(payload, ensure_ascii=False, indent=None if args.json else 2)
    print(text, file=out)
    return status


def cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    """Batch conversion (see :mod:`finmsg.batch`): every message converted or quarantined."""
    from finmsg.batch import BatchConfig, RunOptions, run_batch
    from finmsg.batch.plugins import find_exporter, load_processor

    exporter = find_exporter(args.to)
    if exporter is None:
        _check_target(args.to)  # an unknown target is a usage error before anything is read or written
    else:
        _check_exporter(exporter)
    if args.out == "-":
        raise UsageError("--out takes a folder (one file per message is written there), not - (stdout)")
    written = [("--out", Path(args.out))] + (
        [("--quarantine", Path(args.quarantine))] if args.quarantine else []
    )
    _check_inputs(args.inputs, written)  # the batch's walk skips the folders it writes to
    if args.processor:
        try:
            load_processor(args.processor)
        except FinmsgError as exc:
            raise UsageError(exc.message) from None
    out_dir = Path(args.out)
    quarantine = Path(args.quarantine) if args.quarantine else None
    if quarantine is not None and quarantine.resolve() == out_dir.resolve():
        raise UsageError("--quarantine must be a different folder from --out")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    config = BatchConfig(
        target=args.to,
        out_dir=out_dir,
        quarantine_dir=quarantine,
        strict=args.strict,
        processor=args.processor,
        fail_fast=args.fail_fast,
        resume=args.resume,
        collect_diagnostics=bool(args.report),
        options=tuple(_format_options(args).items()) + ((("ssi", args.ssi),) if args.ssi else ()),
        validate=args.validate,
        durable=args.durable,
    )
    options = RunOptions(
        inputs=list(args.inputs),
        config=config,
        ledger_path=Path(args.ledger) if args.ledger else None,
        audit_path=Path(args.audit) if args.audit else None,
        report_path=Path(args.report) if args.report else None,
        progress=args.progress,
        keep_manifest=args.keep_manifest,
    )
    if args.jobs is not None:
        options.jobs = args.jobs
    try:
        return run_batch(options).exit_code
    except OSError as exc:
        raise UsageError(f"{getattr(exc, 'filename', None) or 'I/O'}: {exc.strerror or exc}") from None


def cmd_reconcile(args: argparse.Namespace, out: TextIO) -> int:
    """Match set A against set B; exit 0 only when everything matched with no mismatch or problem."""
    from finmsg.reconcile import load_items, reconcile, to_csv, to_json

    for name in (args.a, args.b):
        if name == "-":
            raise UsageError("reconcile reads files, folders and patterns, not standard input (-)")
        if not Path(name).exists() and not any(ch in name for ch in "*?["):
            raise UsageError(f"cannot read {name}: no such file or directory")
    _check_inputs([args.a, args.b])  # an empty folder or a pattern matching nothing: exit 2, as for convert
    side_a, side_b = load_items([args.a]), load_items([args.b])
    result = reconcile(side_a.items, side_b.items)
    problems = {"a": side_a.problems, "b": side_b.problems}
    text = to_json(result, problems)
    try:
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
        else:
            out.write(text)
        if args.csv:
            Path(args.csv).write_text(to_csv(result, problems), encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write the report: {exc.strerror or exc}") from None
    summary = result.summary()
    print(
        "finmsg: reconcile: "
        + " ".join(f"{k}={v}" for k, v in summary.items())
        + f" problems={len(side_a.problems) + len(side_b.problems)}",
        file=sys.stderr,
    )
    clean = not (summary["mismatched"] or summary["unmatched_a"] or summary["unmatched_b"])
    return EXIT_OK if clean and not (side_a.problems or side_b.problems) else EXIT_INVALID


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    """Compliance exporters (see :mod:`finmsg.reports`): exit 0 clean, 1 error findings or rejected inputs."""
    from finmsg.reports import get_exporter
    from finmsg.reports.base import Rejected, ReportInput

    exporter = get_exporter(args.report)
    fmt = args.format or exporter.formats[0]
    if fmt not in exporter.formats:
        raise UsageError(f"report {args.report} offers --format {', '.join(exporter.formats)}")
    if args.refdata and not Path(args.refdata).is_file():
        raise UsageError(f"cannot read {args.refdata}: no such file")
    inputs: list[ReportInput] = []
    unreadable: list[Rejected] = []
    read_options = _format_options(args)
    _check_inputs(args.inputs)
    for name, data in _inputs(args.inputs):
        try:
            handler, parts = _split(data, read_options)
        except OptionError:
            raise
        except FinmsgError as exc:
            unreadable.append(Rejected(name, exc.code, exc.message, exc.path))
            continue
        for part in parts:  # one unreadable message is rejected alone; the ones after it are still read
            source = f"{name}#{part.index}"
            try:
                result = handler.read(part.data, read_options)
            except OptionError:
                raise
            except FinmsgError as exc:
                unreadable.append(Rejected(source, exc.code, exc.message, exc.path))
                continue
            inputs.append(
                ReportInput(source, result.value, tuple(part.diagnostics) + tuple(result.diagnostics))
            )
    options: dict[str, object] = {"rejected": unreadable}  # counted in the written report too
    if args.refdata:
        options["refdata"] = args.refdata
    try:
        report = exporter.export(inputs, options)
    except FinmsgError as exc:
        if exc.code.startswith("refdata."):
            raise UsageError(f"{args.refdata}: {exc.message}") from None
        raise
    for item in report.rejected:
        print(f"finmsg: {item.source}: rejected [{item.code}]: {item.message}", file=sys.stderr)
    text = report.formats[fmt]
    if fmt == "xml":  # the document holds only what is reported: name what it leaves out
        for line in _withheld_lines(report.records):
            print(line, file=sys.stderr)
    try:
        if fmt == "xml" and not text:
            # an empty file is not XML (and auth.016 needs at least one Tx): write nothing
            print(
                f"finmsg: report {args.report}: no transaction to report: "
                f"{'nothing written to ' + args.out if args.out else 'no document written'}",
                file=sys.stderr,
            )
        elif args.out:
            Path(args.out).write_text(text, encoding="utf-8", newline="")
        else:
            out.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write the report: {exc.strerror or exc}") from None
    print(
        f"finmsg: report {args.report}: {len(inputs)} message(s), {report.error_count} error finding(s), "
        f"{len(report.rejected)} rejected",
        file=sys.stderr,
    )
    return EXIT_OK if report.error_count == 0 and not report.rejected else EXIT_INVALID


def _withheld_lines(records: Sequence[dict[str, Any]]) -> list[str]:
    """One stderr line per transaction record an exporter did not report (``"reported": False``)
    with an error, or skipped by a rule (it had a transaction id): its source, reference, the
    first error (else first) finding's code and message, and how many more findings it has."""
    lines: list[str] = []
    for record in records:
        findings = record.get("findings") or []
        errors = [f for f in findings if f.get("severity") == "error"]
        if record.get("reported", True) or not findings or not (errors or record.get("tx_id")):
            continue
        first = (errors or findings)[0]
        more = f" (+{len(findings) - 1} more finding(s), see --format json)" if len(findings) > 1 else ""
        tx_id = f" {record['tx_id']}" if record.get("tx_id") else ""
        verb = "withheld" if errors else "not reported"
        code, message = first.get("code"), first.get("message")
        lines.append(f"finmsg: {record.get('source')}:{tx_id} {verb} [{code}]: {message}{more}")
    return lines


def _as_diag(exc: FinmsgError) -> Diagnostic:
    return Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)


def _report(report: TextIO | None, name: str, index: int, diags: Sequence[Diagnostic]) -> None:
    if report is None:
        return
    for diag in diags:
        record = {"file": name, "index": index, **diag.to_dict()}
        report.write(json.dumps(record, ensure_ascii=False) + "\n")


def _add_batch_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=int, help="worker processes (default: number of cores)")
    p.add_argument("--quarantine", metavar="DIR", help="copy failed messages here with <name>.reason.json")
    p.add_argument("--ledger", metavar="FILE", help="write the run's counts as a JSON object")
    p.add_argument("--audit", metavar="FILE", help="write one JSON line per message (hashes, rules, counts)")
    p.add_argument("--resume", action="store_true", help="skip inputs the output folder's manifest lists")
    p.add_argument("--keep-manifest", action="store_true", help="keep the resume manifest after a full run")
    p.add_argument("--fail-fast", action="store_true", help="stop at the first failed message")
    p.add_argument(
        "--durable",
        action="store_true",
        help="fsync every output and the manifest (survives power loss, not only a crash; slower)",
    )
    p.add_argument("--processor", metavar="MODULE:FUNCTION", help="enrich/filter/redact each model")
    p.add_argument(
        "--progress",
        choices=("auto", "bar", "json", "none"),
        default="auto",
        help="progress on stderr: a bar on a terminal (auto), json lines, or none",
    )


def _add_option_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--option",
        action="append",
        metavar="KEY=VALUE",
        help="reader/converter option, repeatable "
        "(e.g. ValidateUserDefinedFields=N, overlay=mifid2, delimiter=|; every key is listed below)",
    )


#: Help of the positional inputs of the reading commands (they take no glob: the shell expands one).
_FILES_HELP = "message files, folders (read recursively), or - for stdin"


def build_parser() -> argparse.ArgumentParser:
    parser = HelpParser(
        prog="finmsg",
        description="Parse, validate and convert ISO 20022, SWIFT MT and FIX messages.",
        exit_codes=exit_epilog(),
    )
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)  # subparsers are HelpParsers too
    reading: dict[str, Any] = {"epilog_factory": reading_epilog}
    p = sub.add_parser(
        "detect", help="print family and type of every message", exit_codes=exit_epilog("detect"), **reading
    )
    _add_option_flag(p)
    p.add_argument("files", nargs="+", help=_FILES_HELP)
    p.set_defaults(func=cmd_detect)
    p = sub.add_parser(
        "validate", help="run every validation layer", exit_codes=exit_epilog("validate"), **reading
    )
    _add_option_flag(p)
    p.add_argument("files", nargs="+", help=_FILES_HELP)
    p.add_argument("--json", action="store_true", help="print a JSON array, one object per message")
    p.add_argument(
        "--profile",
        type=str.lower,
        choices=PROFILES,
        help="usage-guideline profile: "
        + ", ".join(PROFILES)
        + " (default: by the message's business service)",
    )
    p.add_argument(
        "--cbpr-release",
        type=str.upper,
        choices=CBPR_RELEASES,
        help="CBPR+ release for address rules: SR2026 (default) or SR2025",
    )
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser(
        "inspect", help="print the canonical model", exit_codes=exit_epilog("inspect"), **reading
    )
    _add_option_flag(p)
    p.add_argument("file", help="one message file, or - for stdin")
    p.add_argument("--json", action="store_true", help="compact JSON")
    p.set_defaults(func=cmd_inspect)
    p = sub.add_parser(
        "convert",
        help="convert messages to another version or format",
        exit_codes=exit_epilog("convert"),
        epilog_factory=convert_epilog,
    )
    _add_option_flag(p)
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, folders (walked recursively), glob patterns, or - for stdin",
    )
    p.add_argument(
        "--to",
        required=True,
        help="target: a family (iso20022, mt, fix, json), a message (pacs.008, mt103, sese.023), "
        "a version (pacs.008.001.13), or rows (jsonl, csv, parquet); every target is listed below",
    )
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--report", help="write every diagnostic as JSON lines to this file")
    p.add_argument("--strict", action="store_true", help="quarantine (exit 1) any lossy conversion")
    p.add_argument("--ssi", metavar="FILE", help="standing settlement instructions (JSON or CSV) for trades")
    p.add_argument(
        "--validate",
        action="store_true",
        help="run every validation layer first and quarantine invalid messages",
    )
    _add_batch_arguments(p)
    p.set_defaults(func=cmd_convert)
    p = sub.add_parser(
        "reconcile", help="match payments/entries of set A against set B", exit_codes=exit_epilog("reconcile")
    )
    p.add_argument("a", help="file, folder or glob: e.g. sent pacs.008/MT103, or a statement")
    p.add_argument("b", help="file, folder or glob: e.g. camt.053/camt.054/MT940 statements")
    p.add_argument("--out", metavar="FILE", help="write the JSON report here (default: stdout)")
    p.add_argument("--csv", metavar="FILE", help="also write the report as CSV")
    p.set_defaults(func=cmd_reconcile)
    p = sub.add_parser(
        "report",
        help="compliance exporters: tfr-check, mifir, ivms101, screening",
        exit_codes=exit_epilog("report"),
        **reading,
    )
    _add_option_flag(p)
    p.add_argument(
        "report", choices=("tfr-check", "mifir", "ivms101", "screening"), help="the report to build"
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=_FILES_HELP)
    p.add_argument("--refdata", metavar="FILE", help="reference data (JSON or CSV), e.g. MiFIR short codes")
    p.add_argument("--out", metavar="FILE", help="write the report here (default: stdout)")
    p.add_argument("--format", help="output format: json/csv (tfr-check), xml/json (mifir)")
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    try:
        return int(args.func(args, out or sys.stdout))
    except UsageError as exc:
        print(f"finmsg: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OptionError as exc:  # a -o value the reader cannot use is a usage error, like a bad flag
        print(f"finmsg: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FinmsgError as exc:
        print(f"finmsg: {exc}", file=sys.stderr)
        return EXIT_USAGE if exc.code in ("format.unknown", "input.empty") else EXIT_INVALID
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        # Outputs are renamed into place whole, so an interrupted run leaves no partial file;
        # the manifest lets --resume finish a conversion without duplicates.
        hint = "; run the same command with --resume to finish" if args.func is cmd_convert else ""
        print(f"finmsg: interrupted{hint}", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
