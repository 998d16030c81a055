"""Standing settlement instructions (SSI) loaded from a user's JSON or CSV file.

Why: FIX executions rarely carry the custodian's settlement chain; operations
teams keep it as SSIs per account and market. An entry matches on ``account``
(FIX Account or AllocAccount), ``market`` (the ISIN's country prefix) and
``side`` (``BUYI``/``SELL``); ``*`` or an empty value matches anything, and the
most specific entry wins.

JSON: a list of objects (or ``{"ssi": [...]}``)::

    {"account": "FUND1", "market": "US", "safekeeping_account": "123-456",
     "payment": "APMT", "sender": "FUNDGB2LXXX", "receiver": "CUSTUS33XXX",
     "parties": {"PSET": "DTCYUS33", "DEAG": "BRKRUS33", "SELL": "DTCYID/12345"},
     "accounts": {"DEAG": "987654"}}

CSV: the same keys as columns, parties as ``pset,deag,decu,sell,reag,recu,buyr``
and their accounts as ``deag_account`` .... A party is a BIC, or
``ISSUER/ID`` for a proprietary id.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finmsg.errors import ParseError
from finmsg.model.settlement import PARTY_ROLES, SettlementParty

__all__ = ["SsiEntry", "SsiTable", "load_ssi", "parse_party", "parse_ssi"]

_KEYS = frozenset({"account", "market", "side", "safekeeping_account", "payment", "sender", "receiver"})


@dataclass(frozen=True, slots=True)
class SsiEntry:
    """One standing instruction: its match keys and what it supplies."""

    account: str | None = None
    market: str | None = None
    side: str | None = None
    safekeeping_account: str | None = None
    payment: str | None = None
    sender: str | None = None
    receiver: str | None = None
    parties: tuple[SettlementParty, ...] = ()
    line: int = 0

    def score(self, account: str | None, market: str | None, side: str | None) -> int:
        """-1 when the entry does not match; else how many keys matched exactly."""
        total = 0
        for mine, theirs in ((self.account, account), (self.market, market), (self.side, side)):
            if mine is None:
                continue
            if mine != theirs:
                return -1
            total += 1
        return total


@dataclass(frozen=True, slots=True)
class SsiTable:
    """All entries of one file, looked up by :meth:`find`."""

    entries: tuple[SsiEntry, ...]
    source: str = "ssi"

    def find(self, account: str | None, market: str | None, side: str | None) -> SsiEntry | None:
        """The most specific matching entry (first in file order on a tie), or ``None``."""
        best: SsiEntry | None = None
        best_score = -1
        for entry in self.entries:
            score = entry.score(account, market, side)
            if score > best_score:
                best, best_score = entry, score
        return best


def parse_party(role: str, value: str, account: str | None = None) -> SettlementParty:
    """``DTCYUS33`` (a BIC) or ``DTCYID/12345`` (issuer/proprietary id) as a party in ``role``."""
    issuer, sep, ident = value.partition("/")
    if sep:
        return SettlementParty(role, proprietary_id=ident, issuer=issuer, account=account)
    return SettlementParty(role, bic=value, account=account)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if text in ("", "*") else text


def _entry(row: Mapping[str, Any], line: int, where: str) -> SsiEntry:
    unknown = [k for k in row if k not in _KEYS and k not in ("parties", "accounts") and not _is_role_key(k)]
    if unknown:
        raise ParseError(
            f"unknown SSI key(s) {', '.join(sorted(unknown))}", code="settlement.ssi.key", path=where
        )
    parties_in: dict[str, str] = {str(k).upper(): str(v) for k, v in dict(row.get("parties") or {}).items()}
    accounts: dict[str, str] = {str(k).upper(): str(v) for k, v in dict(row.get("accounts") or {}).items()}
    for key, value in row.items():
        if _is_role_key(key) and _clean(value):
            role, _, suffix = key.upper().partition("_")
            (accounts if suffix == "ACCOUNT" else parties_in)[role] = str(value).strip()
    parties = []
    for role, value in parties_in.items():
        if role not in PARTY_ROLES:
            raise ParseError(f"unknown settlement role {role!r}", code="settlement.ssi.role", path=where)
        if _clean(value):
            parties.append(parse_party(role, value.strip(), _clean(accounts.get(role))))
    payment = _clean(row.get("payment"))
    if payment is not None and payment.upper() not in ("APMT", "FREE"):
        raise ParseError(
            f"payment must be APMT or FREE, not {payment!r}", code="settlement.ssi.payment", path=where
        )
    return SsiEntry(
        account=_clean(row.get("account")),
        market=_clean(row.get("market")),
        side=_clean(row.get("side")),
        safekeeping_account=_clean(row.get("safekeeping_account")),
        payment=payment.upper() if payment else None,
        sender=_clean(row.get("sender")),
        receiver=_clean(row.get("receiver")),
        parties=tuple(sorted(parties, key=lambda p: PARTY_ROLES.index(p.role))),
        line=line,
    )


def _is_role_key(key: str) -> bool:
    role, _, suffix = str(key).upper().partition("_")
    return role in PARTY_ROLES and suffix in ("", "ACCOUNT")


def parse_ssi(data: bytes | str, name: str = "ssi") -> SsiTable:
    """Parse SSI text: JSON when it starts with ``[`` or ``{``, else CSV with a header row."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    stripped = text.lstrip()
    rows: Iterable[tuple[int, Mapping[str, Any]]]
    if stripped.startswith(("[", "{")):
        try:
            loaded = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ParseError(f"SSI JSON: {exc.msg}", code="settlement.ssi.json", path=name) from None
        items = loaded.get("ssi", []) if isinstance(loaded, dict) else loaded
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ParseError("SSI JSON must be a list of objects", code="settlement.ssi.json", path=name)
        rows = enumerate(items, 1)
    else:
        reader = csv.DictReader(io.StringIO(stripped))
        rows = ((n + 1, {k.strip().lower(): v for k, v in r.items() if k}) for n, r in enumerate(reader, 1))
    return SsiTable(tuple(_entry(row, n, f"{name}[{n}]") for n, row in rows), name)


def load_ssi(path: str | Path) -> SsiTable:
    """Read an SSI file (the CLI's ``--ssi FILE``)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ParseError(
            f"cannot read SSI file: {exc.strerror}", code="settlement.ssi.io", path=str(p)
        ) from None
    return parse_ssi(data, p.name)
