"""The MiFIR reference-data hook: what a FIX message does not say about the reporting firm and its clients.

FIX carries short codes; RTS 22 wants LEIs, national ids, decision makers and
branch countries. A JSON or CSV file maps them:

JSON::

    {"firm": {"lei": "...", "submitting_lei": "...", "branch_country": "FR",
              "transmission": false, "investment_firm": true},
     "parties": {"CLT1": {"lei": "..."},
                 "CLT2": {"first_name": "Jean", "surname": "Dupont", "birth_date": "1980-05-17",
                          "nationality": "FR", "branch_country": "FR", "decision_maker": "TRD7"},
                 "TRD7": {"first_name": "...", "surname": "...", "birth_date": "...", "nationality": "FR",
                          "national_id": "...", "scheme": "NIDN"}}}

CSV: one row per short code with the columns of :data:`CSV_COLUMNS`; the row
whose ``short_code`` is ``#firm`` holds the firm settings (``lei``,
``submitting_lei``, ``branch_country``, ``transmission``).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finmsg.errors import ParseError

__all__ = ["CSV_COLUMNS", "Firm", "PartyRef", "RefData", "load_refdata"]

CSV_COLUMNS = (
    "short_code",
    "lei",
    "first_name",
    "surname",
    "birth_date",
    "nationality",
    "national_id",
    "scheme",
    "branch_country",
    "decision_maker",
    "submitting_lei",
    "transmission",
)


@dataclass(frozen=True, slots=True)
class Firm:
    """The reporting (executing) firm's settings."""

    lei: str | None = None
    submitting_lei: str | None = None
    branch_country: str | None = None
    transmission: bool = False
    investment_firm: bool = True


@dataclass(frozen=True, slots=True)
class PartyRef:
    """What a short code stands for: a legal entity (LEI) or a natural person."""

    short_code: str
    lei: str | None = None
    first_name: str | None = None
    surname: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    national_id: str | None = None
    scheme: str | None = None
    branch_country: str | None = None
    decision_maker: str | None = None


@dataclass(frozen=True, slots=True)
class RefData:
    firm: Firm = Firm()
    parties: dict[str, PartyRef] = field(default_factory=dict)

    def party(self, short_code: str) -> PartyRef | None:
        return self.parties.get(short_code)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "y")


def _party(code: str, row: dict[str, Any]) -> PartyRef:
    names = (
        "lei",
        "first_name",
        "surname",
        "birth_date",
        "nationality",
        "national_id",
        "scheme",
        "branch_country",
        "decision_maker",
    )
    return PartyRef(code, **{n: _text(row.get(n)) for n in names})


def _firm(row: dict[str, Any]) -> Firm:
    return Firm(
        lei=_text(row.get("lei")),
        submitting_lei=_text(row.get("submitting_lei")),
        branch_country=_text(row.get("branch_country")),
        transmission=_flag(row.get("transmission", False)),
        investment_firm=str(row.get("investment_firm", "true")).strip().lower()
        not in ("0", "false", "no", "n"),
    )


def _from_json(text: str, name: str) -> RefData:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"{name}: not valid JSON: {exc.msg}", code="refdata.json", path=f"line {exc.lineno}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("parties", {}), dict):
        raise ParseError(f"{name}: expected an object with 'firm' and 'parties'", code="refdata.shape")
    parties = {}
    for code, row in data.get("parties", {}).items():
        if not isinstance(row, dict):
            raise ParseError(
                f"{name}: party {code!r} must be an object", code="refdata.shape", path=f"parties/{code}"
            )
        parties[code] = _party(code, row)
    firm = data.get("firm", {})
    if not isinstance(firm, dict):
        raise ParseError(f"{name}: 'firm' must be an object", code="refdata.shape", path="firm")
    return RefData(_firm(firm), parties)


def _from_csv(text: str, name: str) -> RefData:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "short_code" not in reader.fieldnames:
        raise ParseError(f"{name}: the CSV needs a header with a 'short_code' column", code="refdata.csv")
    unknown = set(reader.fieldnames) - set(CSV_COLUMNS)
    if unknown:
        raise ParseError(f"{name}: unknown CSV column(s): {', '.join(sorted(unknown))}", code="refdata.csv")
    firm, parties = Firm(), {}
    for row in reader:
        code = _text(row.get("short_code"))
        if code is None:
            raise ParseError(
                f"{name}: a row has no short_code", code="refdata.csv", path=f"line {reader.line_num}"
            )
        if code == "#firm":
            firm = _firm(row)
        else:
            parties[code] = _party(code, row)
    return RefData(firm, parties)


def load_refdata(path: str | Path) -> RefData:
    """Read a ``.json`` or ``.csv`` reference-data file (:class:`ParseError` when malformed)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        return _from_csv(text, path.name)
    return _from_json(text, path.name)
