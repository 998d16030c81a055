"""Reading QuickFIX acceptance scripts (``*.def``) the way quickfix's test harness does.

The harness replaces ``<TIME>`` with the current UTC time and inserts BodyLength (9,
after BeginString) and CheckSum (10) when a line does not give them. An ``I`` line is
what the test client sends; the next ``E`` line (if it follows directly) is the answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SOH = b"\x01"


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    sent: bytes
    explicit_framing: bool
    answer: dict[int, str] | None


def _fields(line: bytes) -> list[tuple[int | str, bytes]]:
    out: list[tuple[int | str, bytes]] = []
    for part in line.split(SOH):
        if not part:
            continue
        tag, _, value = part.partition(b"=")
        out.append((int(tag) if tag.lstrip(b"-").isdigit() else tag.decode("latin-1"), value))
    return out


def harness_message(line: bytes) -> tuple[bytes, bool]:
    """(wire bytes, whether the line gave 9 or 10 itself)."""
    now = datetime.now(timezone.utc).strftime("%Y%m%d-%H:%M:%S.%f")[:-3].encode()
    line = line.replace(b"<TIME>", now)
    if not line.endswith(SOH):
        line += SOH
    fields = _fields(line)
    tags = [t for t, _ in fields]
    explicit = 9 in tags or 10 in tags
    if 9 not in tags:
        first = line.index(SOH) + 1
        body = len(line) - first
        if 10 in tags:
            body = line.rindex(SOH + b"10=") + 1 - first
        line = line[:first] + b"9=%d" % body + SOH + line[first:]
    if 10 not in tags:
        line += b"10=%03d" % (sum(line) % 256) + SOH
    return line, explicit


def cases(path: Path) -> Iterator[Case]:
    lines = [ln.rstrip(b"\r\n") for ln in path.read_bytes().split(b"\n")]
    content = [(i + 1, ln) for i, ln in enumerate(lines) if ln and not ln.startswith(b"#")]
    for k, (number, ln) in enumerate(content):
        if not ln.startswith(b"I") or ln in (b"iCONNECT",):
            continue
        sent, explicit = harness_message(ln[1:])
        answer = None
        if k + 1 < len(content) and content[k + 1][1].startswith(b"E8="):
            answer = {t: v.decode("latin-1") for t, v in _fields(content[k + 1][1][1:]) if isinstance(t, int)}
        yield Case(path.parent.name + "/" + path.name, number, sent, explicit, answer)
