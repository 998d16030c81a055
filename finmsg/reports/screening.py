"""Screening view: every name, address, country, BIC, account and free text of a message, with its path.

Sanctions-screening engines want flat (path, kind, value) records, not
message structures. This is a *generic* dataclass walk: it knows which member
names carry screenable data (``name``, ``bic``, ``country``, ``iban`` ...), not
which message it walks, so every model family — payments, statements,
exceptions, trading — is covered without a per-message list. SWIFT MT messages,
whose model is the field list, are screened by :mod:`finmsg.reports.screening_mt`.
Output: one JSON line per message.

>>> from finmsg.model.common import Party
>>> [f["path"] for f in screen_fields(Party(name="ACME", bic="BANKGB2L"), "p")]
['p.name', 'p.bic']
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from finmsg.model.common import Account, Extra, GenericId, PostalAddress
from finmsg.reports.base import Report, ReportInput, known_rejected

__all__ = ["EXPORTER", "ScreeningExporter", "screen_fields", "screen_message"]

#: Member name -> kind of screenable data (independent of the owning class).
_KINDS: Mapping[str, str] = {
    "name": "name",
    "bic": "bic",
    "from_bic": "bic",
    "to_bic": "bic",
    "lei": "lei",
    "country": "country",
    "country_of_residence": "country",
    "iban": "account",
    "proxy": "account",
    "account": "account",
    "alloc_account": "account",
    "info": "text",
    "unstructured": "text",
    "additional_info": "text",
    "text": "text",
    "lines": "address",
}
#: Members of a postal address reported as ``address`` parts (country is reported as ``country``).
_ADDRESS_PARTS = frozenset(
    f.name for f in dataclasses.fields(PostalAddress) if f.name not in ("style", "country", "lines", "extras")
)


def _leaf(path: str, kind: str, value: object) -> Iterator[dict[str, str]]:
    if isinstance(value, str) and value.strip():
        yield {"path": path, "kind": kind, "value": value}
    elif isinstance(value, tuple):
        for i, item in enumerate(value, 1):
            yield from _leaf(f"{path}[{i}]", kind, item)


def screen_fields(obj: object, path: str = "") -> Iterator[dict[str, str]]:
    """Every screenable value under ``obj`` as ``{"path", "kind", "value"}``, in model order."""
    if isinstance(obj, tuple):
        for i, item in enumerate(obj, 1):
            yield from screen_fields(item, f"{path}[{i}]")
        return
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    if isinstance(getattr(obj, "value", None), date):
        return  # a timestamp: its ``text`` is a date, not free text
    if isinstance(obj, Extra):
        # Data no mapping could place: still screened, so nothing escapes the view.
        yield from _leaf(f"{path}.content", "text", obj.content)
        return
    for member in dataclasses.fields(obj):
        value = getattr(obj, member.name)
        if value is None or value == ():
            continue
        here = f"{path}.{member.name}" if path else member.name
        if isinstance(obj, PostalAddress) and member.name in _ADDRESS_PARTS:
            yield from _leaf(here, "address", value)
        elif isinstance(obj, GenericId) and member.name == "id":
            yield from _leaf(here, "id", value)
        elif isinstance(obj, Account) and member.name == "other":
            yield from _leaf(f"{here}.id", "account", value.id)
        elif member.name in _KINDS and not dataclasses.is_dataclass(value):
            yield from _leaf(here, _KINDS[member.name], value)
        else:
            yield from screen_fields(value, here)


def screen_message(item: ReportInput) -> dict[str, Any]:
    """The screening record of one message."""
    message = item.message
    if message.family == "mt":
        from finmsg.mt.message import MtMessage
        from finmsg.reports.screening_mt import screen_mt

        # the MT model is its token layer: screened field by field (see screening_mt)
        fields = list(screen_mt(message)) if isinstance(message, MtMessage) else []
    else:
        fields = list(screen_fields(message))
    return {
        "source": item.source,
        "family": message.family,
        "message_type": message.message_type,
        "fields": fields,
    }


class ScreeningExporter:
    """``screening``: JSON lines, one object per message."""

    name = "screening"
    formats = ("jsonl",)

    def export(self, inputs: Iterable[ReportInput], options: Mapping[str, Any]) -> Report:
        report = Report(self.name, rejected=known_rejected(options))
        # An unreadable message is a line of its own, with no "fields": it still needs screening
        # by hand, and a consumer must not mistake it for a message with nothing to screen.
        lines = [
            json.dumps({"source": r.source, "rejected": r.to_dict()}, ensure_ascii=False)
            for r in report.rejected
        ]
        for item in inputs:
            record = screen_message(item)
            report.records.append(record)
            lines.append(json.dumps(record, ensure_ascii=False))
        report.payload = "".join(line + "\n" for line in lines)
        report.formats = {"jsonl": report.payload}
        return report


EXPORTER = ScreeningExporter()
