"""Structural validation of an ISO 20022 document against its schema model, without an XSD engine.

Why: some message versions finmsg must handle (pacs.009.001.08, camt.056.001.08...)
have no official XSD on PyPI; their model comes from pyiso20022's dataclasses
(``schema_model.py``). This walker checks what an XSD validator would: required
and unexpected elements, order, occurrences, choices, required attributes and
simple-value facets, and reports *every* problem with a path, not the first one.

Paths follow the readers' convention: ``/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Amt``
(a 1-based index on elements the schema lets repeat).

XSD regular expressions are translated to Python by ``elementpath`` (a dependency
of xmlschema; imported on first use) and compiled once per pattern.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.iso20022.schema_model import (
    ElementType,
    Facets,
    UnknownMessageError,
    schema_model,
)

__all__ = ["check_value", "element_path", "validate_structure"]

_ISO_NS = "urn:iso:std:iso:20022:tech:xsd:"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_BUILTIN_SYNTAX: dict[str, re.Pattern[str]] = {
    "decimal": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
    "boolean": re.compile(r"true|false|1|0"),
    "date": re.compile(r"-?([0-9]{4,})-([0-9]{2})-([0-9]{2})" + _TZ),
    "dateTime": re.compile(
        r"-?([0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?" + _TZ
    ),
    "time": re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?" + _TZ),
    "gYear": re.compile(r"-?[0-9]{4,}" + _TZ),
    "gYearMonth": re.compile(r"-?[0-9]{4,}-(?:0[1-9]|1[0-2])" + _TZ),
    "gPeriod": re.compile(r"-?[0-9]{4,}(?:-(?:0[1-9]|1[0-2]))?" + _TZ),
}
_BASE_LABEL = {
    "decimal": "a decimal number",
    "boolean": "a boolean (true/false)",
    "date": "a date (YYYY-MM-DD)",
    "dateTime": "a date-time (YYYY-MM-DDThh:mm:ss)",
    "time": "a time (hh:mm:ss)",
    "gYear": "a year (YYYY)",
    "gYearMonth": "a year and month (YYYY-MM)",
    "gPeriod": "a year or year-month",
    "base64Binary": "base64 data",
}


@cache
def _pattern(xsd_regex: str) -> Callable[[str], re.Match[str] | None]:
    """Compile an XSD regex once. XSD patterns are implicitly anchored (whole value)."""
    from elementpath.regex import translate_pattern

    return re.compile(translate_pattern(xsd_regex, anchors=False)).match


def _valid_calendar(base: str, match: re.Match[str]) -> bool:
    """The regexes above check syntax; this checks the date/time actually exists."""
    try:
        if base == "date":
            date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        elif base == "dateTime":
            y, mo, d, h, mi, s = (int(g) for g in match.groups())
            if h == 24 and mi == 0 and s == 0:
                h = 0  # 24:00:00 is allowed and means the end of the day
            datetime(y, mo, d, h, mi, s)
        elif base == "time":
            h, mi, s = (int(g) for g in match.groups())
            return (h < 24 and mi < 60 and s < 60) or (h, mi, s) == (24, 0, 0)
    except ValueError:
        return False
    return True


def _digits(text: str) -> tuple[int, int]:
    """(total digits, fraction digits) of a decimal lexical value, as XSD counts them."""
    body = text.lstrip("+-")
    whole, _, frac = body.partition(".")
    whole = whole.lstrip("0")
    frac = frac.rstrip("0")
    return max(len(whole) + len(frac), 1), len(frac)


def check_value(value: str, facets: Facets, path: str, what: str = "value") -> list[Diagnostic]:
    """Check one simple value against its facets; one diagnostic per violated facet."""
    out: list[Diagnostic] = []

    def err(code: str, message: str) -> None:
        out.append(Diagnostic(code, Severity.ERROR, message, path=path, original=value))

    base = facets.base
    text = value if base == "string" else value.strip()  # whiteSpace: preserve vs collapse
    syntax = _BUILTIN_SYNTAX.get(base)
    if syntax is not None:
        match = syntax.fullmatch(text)
        if match is None or not _valid_calendar(base, match):
            err("xsd.facet.type", f"{what} {value!r} is not {_BASE_LABEL[base]}")
            return out
    elif base == "base64Binary":
        try:
            base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            err("xsd.facet.type", f"{what} {value!r} is not {_BASE_LABEL[base]}")
            return out
    if facets.enumeration is not None and text not in facets.enumeration:
        allowed = ", ".join(sorted(facets.enumeration)[:12])
        more = ", ..." if len(facets.enumeration) > 12 else ""
        err("xsd.facet.enum", f"{what} {value!r} is not one of the allowed codes ({allowed}{more})")
    if facets.min_length is not None and len(text) < facets.min_length:
        err(
            "xsd.facet.length", f"{what} has length {len(text)}, shorter than the minimum {facets.min_length}"
        )
    if facets.max_length is not None and len(text) > facets.max_length:
        err("xsd.facet.length", f"{what} has length {len(text)}, longer than the maximum {facets.max_length}")
    if facets.patterns and not any(_pattern(p)(text) for p in facets.patterns):
        err("xsd.facet.pattern", f"{what} {value!r} does not match the pattern {' | '.join(facets.patterns)}")
    if base == "decimal":
        total, fraction = _digits(text)
        if facets.total_digits is not None and total > facets.total_digits:
            err("xsd.facet.digits", f"{what} has {total} digits, more than the maximum {facets.total_digits}")
        if facets.fraction_digits is not None and fraction > facets.fraction_digits:
            err(
                "xsd.facet.digits",
                f"{what} has {fraction} decimals, more than the maximum {facets.fraction_digits}",
            )
        if facets.min_inclusive is not None:
            try:
                below = Decimal(text) < facets.min_inclusive
            except InvalidOperation:
                below = False
            if below:
                err("xsd.facet.range", f"{what} {value!r} is below the minimum {facets.min_inclusive}")
    return out


def _local(tag: str) -> str:
    return tag[tag.index("}") + 1 :] if tag[:1] == "{" else tag


def _ns(tag: str) -> str:
    return tag[1 : tag.index("}")] if tag[:1] == "{" else ""


class _Walker:
    __slots__ = ("diags", "ns")

    def __init__(self, ns: str) -> None:
        self.ns = ns
        self.diags: list[Diagnostic] = []

    def error(self, code: str, message: str, path: str, value: str | None = None) -> None:
        self.diags.append(Diagnostic(code, Severity.ERROR, message, path=path, original=value))

    def element(self, el: etree._Element, etype: ElementType, path: str) -> None:
        self.attributes(el, etype, path)
        if etype.any_content:
            return
        if etype.is_simple or etype.has_text:
            kids = [c for c in el if isinstance(c.tag, str)]
            if kids:
                self.error(
                    "xsd.structure.unexpected",
                    f"element <{_local(kids[0].tag)}> not allowed: {path.rsplit('/', 1)[-1]} holds a value",
                    f"{path}/{_local(kids[0].tag)}",
                )
            elif etype.facets is not None:
                self.diags.extend(check_value(el.text or "", etype.facets, path))
            return
        self.children(el, etype, path)

    def attributes(self, el: etree._Element, etype: ElementType, path: str) -> None:
        for raw_name, value in el.attrib.items():
            name = str(raw_name)
            if name.startswith("{" + _XSI_NS + "}"):
                continue
            decl = etype.attributes.get(name)
            if decl is None:
                self.error(
                    "xsd.structure.unexpected", f"attribute {name!r} is not allowed here", f"{path}/@{name}"
                )
            else:
                self.diags.extend(
                    check_value(str(value), decl.facets, f"{path}/@{name}", f"attribute {name}")
                )
        for decl in etype.attributes.values():
            if decl.required and decl.name not in el.attrib:
                self.error(
                    "xsd.structure.missing",
                    f"required attribute {decl.name!r} is missing",
                    f"{path}/@{decl.name}",
                )

    def children(self, el: etree._Element, etype: ElementType, path: str) -> None:
        if el.text is not None and el.text.strip():
            self.error(
                "xsd.structure.unexpected", "text is not allowed in this element", path, el.text.strip()
            )
        counts: dict[str, int] = {}
        chosen: dict[int, list[str]] = {}
        last_index = -1
        last_name = ""
        for child in el:
            tag: object = child.tag  # comments and PIs have a non-str tag (lxml-stubs says str)
            if not isinstance(tag, str):
                continue
            if child.tail is not None and child.tail.strip():
                self.error(
                    "xsd.structure.unexpected",
                    "text is not allowed in this element",
                    path,
                    child.tail.strip(),
                )
            name = _local(child.tag)
            n = counts[name] = counts.get(name, 0) + 1
            decl = etype.children.get(name) if _ns(child.tag) == self.ns else None
            if decl is None:
                where = f"{path}/{name}" if n == 1 else f"{path}/{name}[{n}]"
                allowed = ", ".join(etype.children) or "no child elements"
                ns_note = "" if _ns(child.tag) == self.ns else f" (namespace {_ns(child.tag)!r})"
                self.error(
                    "xsd.structure.unexpected",
                    f"unexpected element <{name}>{ns_note}; allowed here: {allowed}",
                    where,
                )
                continue
            child_path = f"{path}/{name}[{n}]" if decl.repeatable else f"{path}/{name}"
            if decl.index < last_index:
                self.error(
                    "xsd.structure.order",
                    f"<{name}> is out of order: it must come before <{last_name}>",
                    child_path,
                )
            elif decl.index > last_index:
                last_index, last_name = decl.index, name
            if decl.max_occurs is not None and n == decl.max_occurs + 1:
                self.error(
                    "xsd.structure.occurs",
                    f"<{name}> occurs more than the allowed {decl.max_occurs} time(s)",
                    child_path,
                )
            if decl.in_choice is not None:
                members = chosen.setdefault(decl.in_choice, [])
                if name not in members:
                    members.append(name)
                    if len(members) == 2:
                        self.error(
                            "xsd.structure.choice",
                            f"only one of {', '.join(etype.choices[decl.in_choice])} is allowed; "
                            f"found <{members[0]}> and <{name}>",
                            child_path,
                        )
            self.element(child, decl.type, child_path)
        self.missing(etype, counts, chosen, path)

    def missing(
        self, etype: ElementType, counts: dict[str, int], chosen: dict[int, list[str]], path: str
    ) -> None:
        for decl in etype.children.values():
            n = counts.get(decl.name, 0) if etype.children.get(decl.name) is decl else 0
            if decl.in_choice is not None and n == 0:
                continue  # absence of a choice member is judged per group below
            if n == 0 and decl.min_occurs > 0:
                self.error(
                    "xsd.structure.missing",
                    f"required element <{decl.name}> is missing",
                    f"{path}/{decl.name}",
                )
            elif 0 < n < decl.min_occurs:
                self.error(
                    "xsd.structure.occurs",
                    f"<{decl.name}> occurs {n} time(s), fewer than the required {decl.min_occurs}",
                    f"{path}/{decl.name}",
                )
        for group_id, members in enumerate(etype.choices):
            required = all(etype.children[m].min_occurs > 0 for m in members)
            if required and not chosen.get(group_id):
                self.error(
                    "xsd.structure.missing",
                    f"one of {', '.join(members)} is required",
                    f"{path}/{members[0]}" if len(members) == 1 else path,
                )


def validate_structure(doc: etree._Element, msg_id: str) -> list[Diagnostic]:
    """Check ``doc`` (the root element of message ``msg_id``) against its schema model."""
    root_path = f"/{_local(doc.tag)}"
    try:
        model = schema_model(msg_id)
    except UnknownMessageError:
        return [
            Diagnostic(
                "xsd.unknown-message",
                Severity.WARNING,
                f"{msg_id} has neither a vendored XSD nor a pyiso20022 model; structure not checked",
                path=root_path,
                original=msg_id,
            )
        ]
    ns = _ISO_NS + msg_id
    walker = _Walker(ns)
    if _local(doc.tag) != model.root_name or _ns(doc.tag) != ns:
        walker.error(
            "xsd.structure.unexpected",
            f"root element is {{{_ns(doc.tag)}}}{_local(doc.tag)}, expected {{{ns}}}{model.root_name}",
            root_path,
        )
        return walker.diags
    walker.element(doc, model.root_type, root_path)
    return walker.diags


def element_path(el: etree._Element, doc: etree._Element, msg_id: str) -> str:
    """Path of ``el`` below ``doc`` in the readers' convention (``.../CdtTrfTxInf[2]/Amt``)."""
    chain: list[etree._Element] = []
    node: etree._Element | None = el
    while node is not None and node is not doc:
        chain.append(node)
        node = node.getparent()
    if node is None:  # el is not inside doc
        chain = [el]
    chain.reverse()
    parts = [_local(doc.tag)]
    try:
        etype: ElementType | None = schema_model(msg_id).root_type
    except UnknownMessageError:
        etype = None
    for item in chain:
        name = _local(item.tag)
        decl = etype.child(name) if etype is not None else None
        parent = item.getparent()
        if decl is not None and decl.repeatable and parent is not None:
            n = 1 + sum(1 for sib in item.itersiblings(preceding=True) if sib.tag == item.tag)
            parts.append(f"{name}[{n}]")
        else:
            parts.append(name)
        etype = decl.type if decl is not None else None
    return "/" + "/".join(parts)


def validate_element(el: etree._Element, etype: ElementType, namespace: str, path: str) -> list[Diagnostic]:
    """Check one element (e.g. a supplementary fragment copied into another version) against ``etype``."""
    walker = _Walker(namespace)
    walker.element(el, etype, path)
    return walker.diags
