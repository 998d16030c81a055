"""Parse and round-trip share over the shared third-party corpus (``../shared/corpus``).

Run directly (``python3 tests/mt/corpus_check.py``) for a per-file report, or
through ``test_corpus.py``. Never copies corpus files; only reads them.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from finmsg.errors import FinmsgError
from finmsg.mt.api import is_fin, read_all
from finmsg.mt.blocks import decode, scan
from finmsg.mt.options import LENIENT, ParseOptions
from finmsg.mt.writer import WriteOptions, write_message

CORPUS = Path(
    os.environ.get("FINMSG_CORPUS", Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus")
)
SUFFIXES = {".fin", ".sta", ".txt", ".rje"}
KEEP = WriteOptions(charset_policy="keep", wrap=False)


@dataclass
class Report:
    files: int = 0
    parsed: int = 0
    exact: int = 0
    parse_failures: list[tuple[str, str]] = field(default_factory=list)
    roundtrip_failures: list[tuple[str, str]] = field(default_factory=list)


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _blocks4(data: bytes) -> list[str]:
    text = decode(data, LENIENT, [])
    return [_norm(seg.blocks.get("4", "")) for seg in scan(text, LENIENT, [])]


def _statement_text(data: bytes) -> list[str]:
    text = _norm(decode(data, LENIENT, []).replace("\x01", "").replace("\x03", ""))
    return [line for line in text.split("\n") if line.strip()]


def check_file(path: Path, options: ParseOptions = LENIENT) -> tuple[bool, bool, str]:
    """(parsed, round-tripped exactly, explanation) for one corpus file."""
    data = path.read_bytes()
    try:
        messages = read_all(data, options).value
    except FinmsgError as exc:
        return False, False, str(exc)
    out = b"".join(write_message(m, KEEP).value for m in messages)
    if is_fin(data):
        before, after = _blocks4(data), _blocks4(out)
    else:
        before, after = _statement_text(data), _statement_text(out)
    if before == after:
        return True, True, ""
    for i, (a, b) in enumerate(zip(before, after, strict=False)):
        if a != b:
            k = next((j for j in range(min(len(a), len(b))) if a[j] != b[j]), min(len(a), len(b)))
            return True, False, f"item {i}: {a[max(0, k - 25) : k + 25]!r} -> {b[max(0, k - 25) : k + 25]!r}"
    return True, False, f"{len(before)} blocks in, {len(after)} out"


def run(folders: tuple[str, ...] = ("mt", "mt940"), options: ParseOptions = LENIENT) -> Report:
    report = Report()
    for folder in folders:
        for path in sorted((CORPUS / folder).rglob("*")):
            if path.suffix not in SUFFIXES or path.name.startswith("LICENSE"):
                continue
            report.files += 1
            parsed, exact, why = check_file(path, options)
            name = str(path.relative_to(CORPUS))
            report.parsed += parsed
            report.exact += exact
            if not parsed:
                report.parse_failures.append((name, why))
            elif not exact:
                report.roundtrip_failures.append((name, why))
    return report


def main() -> int:
    report = run()
    for name, why in report.parse_failures:
        print(f"PARSE FAIL  {name}: {why}")
    for name, why in report.roundtrip_failures:
        print(f"NOT EXACT   {name}: {why}")
    print(
        f"{report.files} files: parsed {report.parsed} ({report.parsed / report.files:.1%}), "
        f"exact block-4 round trip {report.exact} ({report.exact / report.files:.1%} of all, "
        f"{report.exact / max(report.parsed, 1):.1%} of parsed)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
