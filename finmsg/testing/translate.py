"""Helpers to exercise the MT ↔ ISO 20022 translation end to end (tests, benchmarks, tools).

``mt_to_mx`` / ``mx_to_mt`` go from bytes to bytes through the public
readers and writers with a fixed translation time, so outputs are
reproducible. ``check_mx`` runs the XSD (Document and AppHdr) and the CBPR+
rules on an output; ``unexplained_differences`` lists the block-4 fields a
round trip changed without a diagnostic naming them (the §5 guarantee).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.cbpr import run_cbpr
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.schemas import validate_document
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.base import Message
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.mt.writer import write_message
from finmsg.translate import translate

__all__ = [
    "FIXED_NOW",
    "check_mx",
    "diagnostics_json",
    "mt_to_mx",
    "mx_to_mt",
    "unexplained_differences",
]

FIXED_NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)


def mt_to_mx(
    fin: bytes, target: str = "pacs.008", now: datetime = FIXED_NOW
) -> tuple[bytes, Message, list[Diagnostic]]:
    """FIN bytes → ISO 20022 XML bytes, the translated model and every diagnostic."""
    source = read_one(fin).value
    result = translate(source, target, now=now)
    message = result.value
    version = message.message_type
    written = write_iso(message, version, {})
    return written.value, message, [*result.diagnostics, *written.diagnostics]


def mx_to_mt(
    xml: bytes, target: str = "mt", now: datetime = FIXED_NOW
) -> tuple[bytes, MtMessage, list[Diagnostic]]:
    """ISO 20022 XML bytes → FIN bytes, the translated MT message and every diagnostic."""
    source = read_iso(xml, {}).value
    result = translate(source, target, now=now)
    message = result.value
    assert isinstance(message, MtMessage)
    written = write_message(message)
    return written.value, message, [*result.diagnostics, *written.diagnostics]


def check_mx(xml: bytes) -> list[Diagnostic]:
    """XSD diagnostics of Document and AppHdr, plus the CBPR+ rules (SR2026) on the read model."""
    envelope = find_envelopes(parse_xml(xml))[0]
    out = list(validate_document(envelope.document, envelope.message_id))
    if envelope.header is not None and envelope.header_id:
        out.extend(validate_document(envelope.header, envelope.header_id))
    out.extend(run_cbpr(read_iso(xml, {}).value, {"profile": "cbpr+"}))
    return out


def _occurrences(message: MtMessage) -> Counter[tuple[str, str]]:
    return Counter((f.tag, f.value) for f in message.fields)


def unexplained_differences(
    original: MtMessage, result: MtMessage, diagnostics: Iterable[Diagnostic]
) -> list[str]:
    """Field numbers added, removed or changed by a round trip that no diagnostic names (``MT103:50K``)."""
    before, after = _occurrences(original), _occurrences(result)
    changed = {tag[:2] for tag, _ in (before - after) + (after - before)}
    named = " ".join(f"{d.path or ''} {d.target_path or ''} {d.message}" for d in diagnostics)
    return sorted(number for number in changed if f":{number}" not in named)


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    """Stable JSON text of diagnostics (one object per line inside a list) for golden files."""
    items = [d.to_dict() for d in diagnostics]
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False, sort_keys=True) for i in items) + "\n]\n"
