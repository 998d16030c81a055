"""CBPR+ usage rules (SWIFT cross-border payments and reporting) on the canonical model.

CBPR+ narrows the ISO 20022 schemas for cross-border pacs.008 / pacs.009
traffic. The rules checked here are the ones a payments engineer trips over:

* ``cbpr.uetr`` — every transaction carries a UETR;
* ``cbpr.one-transaction`` — a message carries exactly one transaction;
* ``cbpr.address.*`` — postal addresses are structured or hybrid (town and
  country present, at most two address lines of at most 70 characters). From
  SR2026 (the default release) an unstructured-only address is an error; with
  ``cbpr_release="SR2025"`` it is still only a warning;
* ``cbpr.datetime-offset`` — date-times carry an explicit UTC offset (any
  CBPR+ message, Business Application Header included).

The rules apply when ``options["profile"] == "cbpr+"`` or when the AppHdr's
business service starts with ``swift.cbprplus``. Addresses and date-times are
found by walking the model (:func:`finmsg.iso20022.checks.walk`), so every
party and agent — including nested underlying customer transfers — is covered
without a list of paths.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.checks import Nodes, walk
from finmsg.model.common import AddressStyle, PostalAddress, Timestamp

__all__ = ["DEFAULT_RELEASE", "applies", "run_cbpr"]

DEFAULT_RELEASE = "SR2026"
#: The first standards release in which an unstructured-only address is rejected.
_UNSTRUCTURED_REJECTED_FROM = 2026
_RELEASE = re.compile(r"SR(\d{4})")
#: Message families whose CBPR+ usage guidelines these transaction/address rules encode.
_PAYMENT_FAMILIES = ("pacs.008", "pacs.009")
MAX_HYBRID_LINES = 2
MAX_LINE_LENGTH = 70


def applies(message: object, options: Mapping[str, Any]) -> bool:
    """True when CBPR+ rules must run: the profile option, or a CBPR+ business service."""
    profile = str(options.get("profile") or "").lower()
    if profile == "cbpr+":
        return True
    header = getattr(message, "header", None)
    service = getattr(header, "business_service", None) or ""
    return isinstance(service, str) and service.startswith("swift.cbprplus")


def _release_year(options: Mapping[str, Any], out: list[Diagnostic]) -> int:
    release = str(options.get("cbpr_release") or DEFAULT_RELEASE).upper()
    match = _RELEASE.fullmatch(release)
    if match is None:
        out.append(
            Diagnostic(
                "cbpr.release",
                Severity.WARNING,
                f"unknown CBPR+ release {release!r}; the rules of {DEFAULT_RELEASE} were applied",
                path="/",
                original=release,
            )
        )
        return int(DEFAULT_RELEASE[2:])
    return int(match.group(1))


def _error(code: str, message: str, path: str, rule: str, original: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, path=path or "/", rule=rule, original=original)


def run_cbpr(message: object, options: Mapping[str, Any], nodes: Nodes | None = None) -> list[Diagnostic]:
    """Every applicable CBPR+ rule, as diagnostics (empty when the message complies).

    ``nodes`` is the model walk when the caller already has it (``run_checks``).
    """
    out: list[Diagnostic] = []
    year = _release_year(options, out)
    message_type = str(getattr(message, "message_type", ""))
    is_payment = message_type.startswith(_PAYMENT_FAMILIES)
    if is_payment:
        _check_transactions(message, out)
    for path, obj in walk(message) if nodes is None else nodes:
        if isinstance(obj, Timestamp) and not obj.has_offset:
            out.append(
                _error(
                    "cbpr.datetime-offset",
                    f"date-time {obj.text!r} has no UTC offset; CBPR+ requires one (e.g. +00:00 or Z)",
                    path,
                    "CBPR+ ISODateTime offset",
                    obj.text,
                )
            )
        elif is_payment and isinstance(obj, PostalAddress):
            _check_address(obj, path, year, out)
    return out


def _check_transactions(message: object, out: list[Diagnostic]) -> None:
    txs = getattr(message, "transactions", ())
    if len(txs) != 1:
        out.append(
            _error(
                "cbpr.one-transaction",
                f"CBPR+ allows exactly one transaction per message; this one has {len(txs)}",
                "transactions",
                "CBPR+ single transaction",
                str(len(txs)),
            )
        )
    for index, tx in enumerate(txs, start=1):
        ids = getattr(tx, "ids", None)
        if not getattr(ids, "uetr", None):
            out.append(
                _error(
                    "cbpr.uetr",
                    "the UETR is mandatory in CBPR+ (PmtId/UETR)",
                    f"transactions[{index}].ids.uetr",
                    "CBPR+ UETR mandatory",
                )
            )


def _check_address(address: PostalAddress, path: str, year: int, out: list[Diagnostic]) -> None:
    if address.style is AddressStyle.UNSTRUCTURED:
        severity = Severity.ERROR if year >= _UNSTRUCTURED_REJECTED_FROM else Severity.WARNING
        out.append(
            Diagnostic(
                "cbpr.address.unstructured",
                severity,
                "unstructured-only postal address (address lines only); from "
                f"SR{_UNSTRUCTURED_REJECTED_FROM} CBPR+ requires a structured or hybrid address "
                "with at least TwnNm and Ctry",
                path=path,
                rule=f"CBPR+ SR{year} structured address",
                original=" | ".join(address.lines) or None,
            )
        )
        return
    missing = [name for name, value in (("TwnNm", address.town_name), ("Ctry", address.country)) if not value]
    if missing:
        out.append(
            _error(
                "cbpr.address.town-country",
                f"a structured or hybrid address needs {' and '.join(missing)}",
                path,
                "CBPR+ structured address",
            )
        )
    if len(address.lines) > MAX_HYBRID_LINES:
        out.append(
            _error(
                "cbpr.address.lines",
                f"a hybrid address may have at most {MAX_HYBRID_LINES} AdrLine; "
                f"this one has {len(address.lines)}",
                f"{path}.lines",
                "CBPR+ hybrid address",
                str(len(address.lines)),
            )
        )
    for index, line in enumerate(address.lines, start=1):
        if len(line) > MAX_LINE_LENGTH:
            out.append(
                _error(
                    "cbpr.address.line-length",
                    f"AdrLine has {len(line)} characters; CBPR+ allows {MAX_LINE_LENGTH}",
                    f"{path}.lines[{index}]",
                    "CBPR+ hybrid address",
                    line,
                )
            )
