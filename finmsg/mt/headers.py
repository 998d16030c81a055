"""Checks of block 1 (basic header) and block 2 (application header).

Facts from the FIN message structure:

* block 1 is ``F01BANKBEBBAXXX0000000000``: application id ``F`` (FIN), ``A``
  (GPA) or ``L`` (login); service id ``01`` (FIN/GPA) or ``21`` (ACK/NAK); a
  12-character LT address (BIC8, a logical-terminal letter, the 3-character
  branch); a 4-digit session and a 6-digit sequence number;
* block 2 is ``I`` (input) + MT + receiver LT address + optional priority
  ``S``/``N``/``U`` + optional delivery monitoring ``1``/``2``/``3`` + optional
  3-digit obsolescence period (``003`` or ``020``), or ``O`` (output) + MT + input
  time + MIR (date, LT address, session, sequence) + output date and time +
  optional priority;
* block 3 field 121, the UETR, is mandatory in MT 103 (and its STP and REMIT
  variants), MT 202 and MT 205 (and their COV variants) since Standards Release
  2018, as a version-4 UUID in lower case (``8-4-4-4-12`` hexadecimal digits, the
  third group starting with ``4`` and the fourth with ``8``, ``9``, ``a`` or ``b``).
  It is only checked when block 2 names the type: a bare block 4 (a statement
  file, a test fragment) carries no headers to check.

SWIFT reports header errors with H-codes; no public source that could be checked
gives the code of each check, so finmsg reports its own codes
(``mt.header.<what>``) rather than guessed H-codes.
"""

from __future__ import annotations

import re

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.message import MtMessage

__all__ = ["check_headers", "headers_clean", "lt_address"]

_LT = r"[A-Z]{6}[A-Z0-9]{2}[A-Z0-9][A-Z0-9]{3}"
_BLOCK1 = re.compile(rf"[FAL](?:01|21){_LT}[0-9]{{4}}[0-9]{{6}}")
_INPUT = re.compile(rf"I[0-9]{{3}}{_LT}(?:[SNU](?:[123](?:003|020)?)?)?")
_OUTPUT = re.compile(rf"O[0-9]{{3}}[0-9]{{4}}[0-9]{{6}}{_LT}[0-9]{{4}}[0-9]{{6}}[0-9]{{6}}[0-9]{{4}}[SNU]?")
_LT_ADDRESS = re.compile(_LT)
#: Types whose block 3 must carry field 121 (SR2018); the variants share the three digits.
_UETR_TYPES = frozenset({"103", "202", "205"})
_UETR = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
#: Blocks 1 and 2 one after the other (block 1 has a fixed width of 25): one match for both.
_BOTH = re.compile(f"{_BLOCK1.pattern}(?:{_INPUT.pattern}|{_OUTPUT.pattern})").fullmatch


def lt_address(bic: str, terminal: str = "A") -> str:
    """The 12-character logical terminal address of ``bic``: BIC8, terminal code, branch (``XXX``
    when the BIC has none).

    Written messages take terminal ``A`` for the sender (block 1) and ``X`` for the receiver of an
    input message (block 2): the network puts the receiver's own terminal in on delivery."""
    bic11 = bic if len(bic) == 11 else bic[:8] + "XXX"
    return bic11[:8] + terminal + bic11[8:11]


def _bad(what: str, message: str, path: str) -> Diagnostic:
    return Diagnostic(f"mt.header.{what}", Severity.ERROR, message, path=path)


def _basic(raw: str, path: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if raw[:1] not in ("F", "A", "L"):
        out.append(_bad("application_id", f"application id {raw[:1]!r} is not F, A or L", path))
    if raw[1:3] not in ("01", "21"):
        out.append(_bad("service_id", f"service id {raw[1:3]!r} is not 01 or 21", path))
    if not _LT_ADDRESS.fullmatch(raw[3:15]):
        out.append(_bad("lt_address", f"{raw[3:15]!r} is not an LT address (BIC8, terminal, branch)", path))
    if not re.fullmatch(r"[0-9]{10}", raw[15:]):
        out.append(_bad("sequence", "session and sequence numbers must be 4 + 6 digits", path))
    return out


def _application(raw: str, path: str) -> list[Diagnostic]:
    direction = raw[:1]
    if direction not in ("I", "O"):
        return [_bad("direction", f"block 2 must start with I or O, not {direction!r}", path)]
    out: list[Diagnostic] = []
    if not raw[1:4].isdigit() or not raw[1:4].isascii():
        out.append(_bad("message_type", f"message type {raw[1:4]!r} is not 3 digits", path))
    if direction == "O":
        out.append(_bad("format", "output block 2 must be O, MT, time, MIR, date, time [priority]", path))
        return out
    if not _LT_ADDRESS.fullmatch(raw[4:16]):
        out.append(_bad("lt_address", f"receiver {raw[4:16]!r} is not an LT address", path))
    rest = raw[16:]
    if rest[:1] and rest[:1] not in "SNU":
        out.append(_bad("priority", f"priority {rest[:1]!r} is not S, N or U", path))
    if rest[1:2] and rest[1:2] not in "123":
        out.append(_bad("delivery_monitoring", f"delivery monitoring {rest[1:2]!r} is not 1, 2 or 3", path))
    if rest[2:] and rest[2:] not in ("003", "020"):
        out.append(_bad("obsolescence", f"obsolescence period {rest[2:]!r} is not 003 or 020", path))
    if not out:
        text = "input block 2 must be I, MT, receiver [priority [monitoring [period]]]"
        out.append(_bad("format", text, path))
    return out


def _uetr(msg: MtMessage) -> list[Diagnostic]:
    """Field 121 of a type that must carry it (see the module docstring); [] when fine."""
    b2 = msg.application_header
    if b2 is None or b2.raw[1:4] not in _UETR_TYPES:
        return []
    uetr = msg.uetr
    path = f"{msg.path_prefix}:block3/121"
    if uetr is None:
        text = (
            f"MT{b2.raw[1:4]} has no field 121 (UETR) in block 3: mandatory since SR2018, "
            "the network rejects the message without it"
        )
        # A warning, not an error: archives and test messages often omit block 3 while every
        # field of the message is right; the missing header is reported, not held against them.
        return [Diagnostic("mt.header.uetr_missing", Severity.WARNING, text, path=path)]
    if _UETR.fullmatch(uetr) is None:
        text = f"field 121 {uetr!r} is not a lower-case version-4 UUID (8-4-4-4-12 hex digits)"
        return [_bad("uetr_format", text, path)]
    return []


def check_headers(msg: MtMessage) -> list[Diagnostic]:
    """Findings about blocks 1 and 2 and the UETR of block 3 (none for a message without
    headers, such as a statement file)."""
    out: list[Diagnostic] = []
    b1, b2 = msg.basic_header, msg.application_header
    if b1 is not None and not _BLOCK1.fullmatch(b1.raw):
        out.extend(_basic(b1.raw, f"{msg.path_prefix}:block1"))
    if b2 is not None and not (_INPUT if b2.raw[:1] == "I" else _OUTPUT).fullmatch(b2.raw):
        out.extend(_application(b2.raw, f"{msg.path_prefix}:block2"))
    out.extend(_uetr(msg))
    return out


def headers_clean(msg: MtMessage) -> bool:
    """True exactly when :func:`check_headers` finds nothing (both headers in one match).

    ``_INPUT`` starts with ``I`` and ``_OUTPUT`` with ``O``, so the alternation picks
    the pattern that :func:`check_headers` picks by the first character.
    """
    b1, b2 = msg.basic_header, msg.application_header
    if b1 is None or b2 is None:
        return not check_headers(msg)
    raw1 = b1.raw
    return len(raw1) == 25 and _BOTH(raw1 + b2.raw) is not None and not _uetr(msg)
