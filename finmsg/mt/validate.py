"""Layered validation of an :class:`~finmsg.mt.message.MtMessage`.

Layers (each callable on its own, each reporting SWIFT's error code where the
standard gives one):

0. :func:`~finmsg.mt.headers.check_headers` – blocks 1 and 2 (``mt.header.*``);
1. :func:`check_charset` – every field value within its character set (X, Y or Z);
2. :func:`check_fields` – field formats (``mt.field.format``), reference
   slashes (T26), BIC shape and country (T27), option F lines (T56, T50, T73);
3. :func:`check_structure` – mandatory/optional fields, order and repetition;
4. :func:`check_network_rules` – the C-rules of the message type;
5. :func:`check_business` – real dates (T50), ISO 4217 codes (T52) and the
   decimals each currency allows (T43).

:func:`validate_message` runs them all; with every layer on, the fields are first
checked by one C-level pass of per-tag predicates (:mod:`finmsg.mt.fieldplan`) and
only the fields that fail are examined again for their diagnostics.

One cause, one diagnostic: when :func:`validate_message` reports a character
outside the field's set (``mt.charset``), the format finding for the same value
is dropped if every concrete cause :mod:`finmsg.mt.fieldwhy` finds is such a
character (the format fails *because of* it); a further, independent cause (a
line too long) is still reported as ``mt.field.format``, naming that cause. The
layers called one by one (:func:`check_charset`, :func:`check_fields`) report
independently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import call, itemgetter

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.charset import first_invalid
from finmsg.mt.fieldplan import (
    PLANS,
    Z_FIELDS,
    bic_ok,
    country_ok,
    currency_units,
    date_ok,
    quick_check,
)
from finmsg.mt.fieldplan import plan as make_plan
from finmsg.mt.fieldwhy import format_message
from finmsg.mt.headers import check_headers, headers_clean
from finmsg.mt.message import MtMessage, fields_slot, occurrence_path
from finmsg.mt.messages.spec import spec_for
from finmsg.mt.msgcheck import clean_text
from finmsg.mt.partyf import check_party_f
from finmsg.mt.rules import RuleContext, prefix_of, quick_rules_for, rules_for

__all__ = [
    "LAYERS",
    "check_business",
    "check_charset",
    "check_fields",
    "check_network_rules",
    "check_structure",
    "validate_message",
]

LAYERS = ("headers", "charset", "fields", "structure", "network", "business")


def _err(
    code: str, message: str, path: str, original: str | None = None, rule: str | None = None
) -> Diagnostic:
    return Diagnostic(f"mt.{code}", Severity.ERROR, message, path=path, original=original, rule=rule)


class _QuickChecks(dict[str, Callable[[str], object]]):
    """Tag → :func:`~finmsg.mt.fieldplan.quick_check`, built on first use of each tag."""

    def __missing__(self, tag: str) -> Callable[[str], object]:
        check = self[tag] = quick_check(tag)
        return check


_QUICK = _QuickChecks()
_TAG = itemgetter(0)  # MtField.tag
_VALUE = itemgetter(1)  # MtField.value
_raw_fields = fields_slot().__get__


def _path(msg: MtMessage, index: int) -> str:
    """``MT103:32A`` or ``MT940:61[3]`` for the field at ``index`` (only built when reporting)."""
    return occurrence_path(msg.path_prefix, msg.fields, index)


def _pass(msg: MtMessage, charset: bool, fields: bool, business: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for index, (tag, value) in enumerate(msg.fields):
        _field(msg, index, tag, value, charset, fields, business, out)
    return out


def _field(
    msg: MtMessage,
    index: int,
    tag: str,
    value: str,
    charset: bool,
    fields: bool,
    business: bool,
    out: list[Diagnostic],
) -> None:
    """The charset/field/business findings of one field, appended to ``out``."""
    plan = PLANS.get(tag) or make_plan(tag)
    fmt, regex = plan[0], plan[6]
    m = regex.fullmatch(value) if regex is not None else None
    reported = ""  # the set whose character the charset finding names (see fieldwhy)
    if charset and (m is None or tag in Z_FIELDS):
        cs = "z" if tag in Z_FIELDS else "x"
        bad = first_invalid(value, cs)
        if bad >= 0:
            out.append(
                _err(
                    "charset",
                    f"character {value[bad]!r} is outside the {cs.upper()} set",
                    _path(msg, index),
                    original=value[bad],
                    rule=cs.upper(),
                )
            )
            reported = cs
    if fmt is None:
        return
    if m is None:
        if fields:
            # The first concrete cause; None when the charset finding above is the only one.
            message = format_message(tag, fmt.notation, value, reported)
            if message is not None:
                out.append(_err("field.format", message, _path(msg, index), original=value))
        return
    _, has_date, has_ccy, has_bic, is_ref, party_f, _, date_width = plan
    if fields:
        if is_ref:
            ref = m.group("reference")
            if ref[:1] == "/" or ref[-1:] == "/" or "//" in ref:
                out.append(
                    _err(
                        "T26",
                        "reference must not start or end with '/' nor contain '//'",
                        _path(msg, index),
                        original=ref,
                    )
                )
        if has_bic:
            bic = m.group("bic")
            if not bic_ok(bic):
                out.append(_err("T27", f"{bic} is not a valid BIC", _path(msg, index), original=bic))
        if party_f:
            out.extend(check_party_f(tag, value, _path(msg, index), country_ok))
    if business:
        if has_date:
            if date_width:
                d = value[:date_width]
            else:
                d = m.group("date") if "date" in fmt.names else m.group("value_date")
            if d and not date_ok(d):
                out.append(_err("T50", f"{d} is not a real calendar date", _path(msg, index), original=d))
        if has_ccy:
            ccy = m.group("currency")
            valid, units = currency_units(ccy)
            if not valid:
                out.append(
                    _err("T52", f"{ccy} is not an ISO 4217 currency code", _path(msg, index), original=ccy)
                )
            elif units is not None and "amount" in fmt.names:
                amount = m.group("amount")
                decimals = len(amount) - amount.index(",") - 1
                if decimals > units:
                    out.append(
                        _err(
                            "T43",
                            f"{ccy} allows {units} decimals, the amount has {decimals}",
                            _path(msg, index),
                            original=amount,
                        )
                    )


def check_charset(msg: MtMessage) -> list[Diagnostic]:
    """Layer 1: characters outside the field's set (``mt.charset``)."""
    out: list[Diagnostic] = []
    for i, f in enumerate(msg.fields, 1):
        cs = "z" if f.tag in Z_FIELDS else "x"
        bad = first_invalid(f.value, cs)
        if bad >= 0:
            out.append(
                _err(
                    "charset",
                    f"character {f.value[bad]!r} is outside the {cs.upper()} set",
                    occurrence_path(msg.path_prefix, msg.fields, i - 1),
                    original=f.value[bad],
                    rule=cs.upper(),
                )
            )
    return out


def check_fields(msg: MtMessage) -> list[Diagnostic]:
    """Layer 2: field formats and the field-level T-rules."""
    return _pass(msg, charset=False, fields=True, business=False)


def check_structure(msg: MtMessage) -> list[Diagnostic]:
    """Layer 3: the message spec (unknown types get one info diagnostic)."""
    if msg.message_type == "unknown":
        # No block 2 and not a recognisable statement: "valid" must not read as "checked".
        return [
            Diagnostic(
                "mt.type.unknown",
                Severity.WARNING,
                "message type unknown (no block 2 names it): only the block structure was checked",
                path=msg.path_prefix,
            )
        ]
    if msg.block4_style != "text":
        return []
    spec = spec_for(msg.message_type)
    if spec is None:
        return [
            Diagnostic(
                "mt.type.unknown",
                Severity.INFO,
                f"no spec for message type {msg.message_type!r}: checked at block and field level only",
                path=msg.path_prefix,
            )
        ]
    return spec.check(msg.fields, prefix_of(msg))


def check_network_rules(msg: MtMessage) -> list[Diagnostic]:
    """Layer 4: the network validated rules registered for the type."""
    rules = rules_for(msg.message_type)
    if not rules:
        return []
    ctx = RuleContext(msg)
    out: list[Diagnostic] = []
    for rule in rules:
        out.extend(rule(ctx))
    return out


def check_business(msg: MtMessage) -> list[Diagnostic]:
    """Layer 5: real dates, currency codes and the decimals of amounts."""
    return _pass(msg, charset=False, fields=False, business=True)


def validate_message(msg: MtMessage, layers: Iterable[str] | None = None) -> list[Diagnostic]:
    """Run the given layers (default: all) and return every finding."""
    if layers is None:
        if msg.block4_style == "text" and headers_clean(msg):
            # The raw slot: a freshly read message may hold its block-4 text, not yet cut
            # into field tuples, and the clean check reads that text directly.
            text = clean_text(msg.message_type, _raw_fields(msg))
            if text is not None:
                # Headers, charset, fields, business and structure are provably silent
                # (:mod:`finmsg.mt.msgcheck`): only the network rules can still report.
                quick = quick_rules_for(msg.message_type)
                if quick is not None and quick(msg, text):
                    return []
                return check_network_rules(msg)
        # Every layer: one C-level pass of the per-tag quick checks; only the fields
        # that fail one are examined again, in order, for their diagnostics.
        fields = msg.fields
        verdicts = list(map(call, map(_QUICK.__getitem__, map(_TAG, fields)), map(_VALUE, fields)))
        out = check_headers(msg)
        if not all(verdicts):
            for index, verdict in enumerate(verdicts):
                if not verdict:
                    tag, value = fields[index]
                    _field(msg, index, tag, value, True, True, True, out)
        out.extend(check_structure(msg))
        out.extend(check_network_rules(msg))
        return out
    wanted = set(layers)
    out = check_headers(msg) if "headers" in wanted else []
    out.extend(_pass(msg, "charset" in wanted, "fields" in wanted, "business" in wanted))
    if "structure" in wanted:
        out.extend(check_structure(msg))
    if "network" in wanted:
        out.extend(check_network_rules(msg))
    return out
