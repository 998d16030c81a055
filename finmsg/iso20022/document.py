"""Read an ISO 20022 input into the model, and write the model back to XML.

Reading: hardened parse → envelopes (AppHdr + Document) → codec reader.
Writing: model → codec writer into a schema-aware tree for the *target* version,
so that the same code path rewrites a message, or converts it up or down a version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ConversionError, OptionError, bool_option, bounded_int_option
from finmsg.iso20022 import fastwrite
from finmsg.iso20022.catalog import codec_for
from finmsg.iso20022.components.header import read_app_header, write_app_header
from finmsg.iso20022.envelope import ISO_NS, Envelope, find_envelopes, namespace_of
from finmsg.iso20022.header_fast import map_app_header
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.iso20022.schemas import validate_output
from finmsg.iso20022.writing import WNode, WriteContext, render
from finmsg.iso20022.xmlsafe import DEFAULT_LIMITS, MAX_DEPTH, XmlLimits, parse_for_reading, parse_xml
from finmsg.model.base import Message
from finmsg.model.common import Extra
from finmsg.model.payments import VARIANTS, AppHeader
from finmsg.registry import OptionDetail, OptionSpec, declare_options

__all__ = ["multiple_documents", "read_compact", "read_envelope", "read_iso", "resolve_target", "write_iso"]

_VERSION = re.compile(r"^[a-z]{4}\.\d{3}\.\d{3}\.\d{2}$")
_FAMILY = re.compile(r"^[a-z]{4}\.\d{3}$")
DEFAULT_HEADER_VERSION = "head.001.001.02"
#: Path of the extra that records a non-standard Document namespace (market variants).
NAMESPACE_EXTRA = "/Document/@xmlns"


def schema_available(version: str) -> bool:
    """True when a vendored XSD or a pyiso20022 binding describes ``version``."""
    from finmsg.iso20022.schemas import has_xsd

    if has_xsd(version):
        return True
    import importlib.util

    from finmsg.iso20022.schema_model import pyiso20022_module_name

    try:
        return importlib.util.find_spec(pyiso20022_module_name(version)) is not None
    except (ImportError, ValueError, LookupError):
        return False


def limits_from(options: Mapping[str, Any]) -> XmlLimits:
    """The ``max_bytes`` / ``max_depth`` options as limits; a value no document could pass
    (zero, negative, or a depth libxml2 cannot reach) is an :class:`~finmsg.errors.OptionError`."""
    if "max_bytes" not in options and "max_depth" not in options:
        return DEFAULT_LIMITS
    return XmlLimits(
        max_bytes=bounded_int_option(options, "max_bytes", DEFAULT_LIMITS.max_bytes),
        max_depth=bounded_int_option(options, "max_depth", DEFAULT_LIMITS.max_depth, 1, MAX_DEPTH),
    )


#: An envelope tag must be an XML name (an option value never injects markup).
_ENVELOPE_TAG = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def check_options(options: Mapping[str, Any]) -> None:
    """Refuse an ISO 20022 option value no message can use, before any is read."""
    limits_from(options)
    bool_option(options, "validate_output")
    profile = options.get("profile")
    if profile and str(profile).lower() != "cbpr+":
        raise OptionError(f"unknown profile {profile!r}; one of: cbpr+", path="option profile", value=profile)
    envelope_tag(options)


def envelope_tag(options: Mapping[str, Any]) -> str:
    """The ``envelope_tag`` option (``Envelope`` when absent), or :class:`OptionError`.

    Why also on the write path: the library checks only option *names* up front (values are
    checked where they are used), and lxml would refuse a tag such as ``a><b`` with a bare
    ``ValueError``; every caller gets the typed error the command line gives.
    """
    tag = options.get("envelope_tag")
    if tag is None:
        return "Envelope"
    if type(tag) is not str or not _ENVELOPE_TAG.fullmatch(tag):
        raise OptionError(
            f"option envelope_tag must be an XML element name (letters, digits, _ . -), not {tag!r}",
            path="option envelope_tag",
            value=tag,
        )
    return tag


#: Reading (and validating): the size and depth limits, the usage profile and CBPR+ release;
#: writing: ``validate_output`` (XSD-check every output) and the ``envelope_tag`` around AppHdr + Document.
#: Kinds are declared for ``--help`` and :func:`finmsg.registry.declared_options`; the choices of
#: ``profile`` and ``cbpr_release`` are declared by :mod:`finmsg.api` (declarations add up).
OPTIONS = OptionSpec(
    read=frozenset({"max_bytes", "max_depth", "profile", "cbpr_release"}),
    write=frozenset({"validate_output", "envelope_tag"}),
    check=check_options,
    details=(
        OptionDetail(
            "max_bytes", "refuse a larger input, in bytes (parse.limit; default 100 MiB)", kind="int"
        ),
        OptionDetail(
            "max_depth", f"refuse deeper element nesting, 1 to {MAX_DEPTH} (default {MAX_DEPTH})", kind="int"
        ),
        OptionDetail(
            "validate_output", "check every message written against its XSD (true/false; false)", kind="bool"
        ),
        OptionDetail("envelope_tag", "the element around AppHdr + Document (an XML name; default Envelope)"),
    ),
)
declare_options("iso20022", OPTIONS)


def read_envelope(envelope: Envelope) -> Result[Message]:
    """Map one AppHdr + Document pair to the canonical model."""
    return _read_envelope(envelope, ReadContext())


def read_compact(envelope: Envelope) -> Result[Message] | None:
    """:func:`read_envelope` for a tree from :func:`~finmsg.iso20022.xmlsafe.parse_for_reading`
    that dropped the indentation; None when that tree cannot give the same result (a
    fragment kept whole holds mixed content, or an entry is kept whole as it was read,
    blanks and all): the caller reads a full parse instead.
    """
    ctx = ReadContext(compact=True)
    result = _read_envelope(envelope, ctx)
    if ctx.inexact:
        return None
    for diagnostic in result.diagnostics:
        if diagnostic.code == "iso.structure.incomplete":  # ``read_each`` keeps its element verbatim
            return None
    return result


def _read_envelope(envelope: Envelope, ctx: ReadContext) -> Result[Message]:
    header = None
    if envelope.header is not None:
        version = envelope.header_id or "head.001"
        header = map_app_header(envelope.header, version)  # the plain shape in one pass, else None
        if header is None:
            header = read_app_header(Node(envelope.header, "/AppHdr", ctx), version)
    codec = codec_for(envelope.message_id)
    if not _VERSION.match(envelope.message_id):
        ctx.diagnostics.append(
            Diagnostic(
                "iso.variant",
                Severity.WARNING,
                f"{envelope.message_id} is a market variant; read with the {codec.family} mapping",
                path="/Document",
            )
        )
    message = codec.read(Node(envelope.document, "/Document", ctx), envelope.message_id, header)
    root_extras = _root_extras(envelope)
    if root_extras:
        message = replace(message, extras=message.extras + root_extras)
    return Result(message, ctx.diagnostics)


def _root_extras(envelope: Envelope) -> tuple[Extra, ...]:
    """Document attributes (``xsi:schemaLocation``) and a non-standard namespace, kept as extras."""
    out = [
        Extra("iso20022", f"/Document/@{name!s}", str(value))
        for name, value in envelope.document.attrib.items()
    ]
    namespace = namespace_of(envelope.document.tag)
    if namespace != ISO_NS + envelope.message_id:
        out.append(Extra("iso20022", NAMESPACE_EXTRA, namespace))
    return tuple(out)


def read_iso(data: bytes, options: Mapping[str, Any]) -> Result[Message]:
    """Read the first (usually only) message of an XML input."""
    limits = limits_from(options)
    root, compact = parse_for_reading(data, limits)
    envelopes = find_envelopes(root)
    result = read_compact(envelopes[0]) if compact else None
    if result is None:
        if compact:  # rare: the compact tree could not give the exact result
            envelopes = find_envelopes(parse_xml(data, limits))
        result = read_envelope(envelopes[0])
    if not compact and b"<!--" in data:  # a compact parse means no comment
        result.diagnostics.append(
            Diagnostic(
                "iso.comments-dropped",
                Severity.INFO,
                "XML comments carry no message data and are not kept in the model",
                path="/",
            )
        )
    if len(envelopes) > 1:
        result.diagnostics.append(multiple_documents(len(envelopes), "read"))
    return result


def multiple_documents(count: int, done: str) -> Diagnostic:
    """The warning of a one-message call (read, validate) given ``count`` Documents: only the
    first was ``done``; the calls that take each message are named."""
    return Diagnostic(
        "iso.multiple-documents",
        Severity.WARNING,
        f"input holds {count} Documents; only the first was {done} "
        "(finmsg.parse_all, finmsg.convert_all, finmsg validate and finmsg convert take each)",
        path="/",
    )


def resolve_target(message: Message, target: str) -> str:
    """The concrete version to write: ``pacs.008.001.13`` as given, family → same or default."""
    target = target.lower()
    source = message.message_type
    if target in ("iso20022", "xml", "mx"):
        if _VERSION.match(source[:15]):
            return source[:15]
        raise ConversionError(f"no ISO 20022 target version for a {source} message", code="iso.target")
    if _VERSION.match(target):
        return target
    if _FAMILY.match(target):
        codec = codec_for(target)
        return (
            source[:15]
            if source.startswith(target) and _VERSION.match(source[:15])
            else codec.default_version
        )
    raise ConversionError(f"{target!r} is not an ISO 20022 message version", code="iso.target", value=target)


def write_iso(message: Message, target: str, options: Mapping[str, Any]) -> Result[bytes]:
    """Serialise ``message`` as the ISO 20022 version named by ``target``.

    With the option ``validate_output`` (``True`` or the CLI text ``true``), the bytes written
    are XSD-validated too (:func:`~finmsg.iso20022.schemas.validate_output`: the Document,
    then the AppHdr), and any finding is added to the diagnostics: a writer is only as good
    as the proof that the receiver's schema accepts what it wrote.
    """
    tag = envelope_tag(options)  # refused with or without an AppHdr, on either lane
    version = resolve_target(message, target)
    codec = codec_for(version)
    if not isinstance(message, codec.model) or message.message_type[:8] != version[:8]:
        raise ConversionError(
            f"a {message.message_type} message cannot be written as {version} without translation",
            code="iso.target-mismatch",
            value=version,
        )
    variants = VARIANTS.get(version[:8])
    if variants is not None and getattr(message, "variant", None) not in variants:
        raise ConversionError(
            f"variant {getattr(message, 'variant', None)!r} is not one of {', '.join(sorted(variants))}"
            f" for {version[:8]}",
            code="write.variant",
            path="variant",
            value=str(getattr(message, "variant", None)),
        )
    notes: list[Diagnostic] = []
    if version not in codec.versions:
        if not schema_available(version):
            raise ConversionError(
                f"{version} has no schema in finmsg; supported versions: {', '.join(codec.versions)}",
                code="iso.unsupported-version",
                value=version,
            )
        notes.append(
            Diagnostic(
                "iso.version-untested",
                Severity.INFO,
                f"{version} is written from its schema but is not one of the tested versions "
                f"({', '.join(codec.versions)})",
                path="/Document",
            )
        )
    same_version = message.message_type[:15] == version
    if same_version and not notes and not message.extras and fastwrite.ENABLED:
        fast = _write_fast(message, version, options, tag)  # a usual pacs.008/009, straight to text
        if fast is not None:
            return fast
    namespace = (
        next((e.content for e in message.extras if e.path == NAMESPACE_EXTRA), None) if same_version else None
    )
    ctx = WriteContext(version, namespace, converting=not same_version)
    ctx.diagnostics.extend(notes)
    doc = WNode.document(ctx)
    codec.write(doc, message)
    for extra in message.extras:  # Document attributes such as xsi:schemaLocation
        if extra.path.startswith("/Document/@") and extra.path != NAMESPACE_EXTRA:
            doc.set(extra.path[len("/Document/@") :], extra.content)
    check = bool_option(options, "validate_output")
    header = getattr(message, "header", None)
    if header is None:
        xml = _render(doc)
        return Result(
            xml, ctx.diagnostics + (_check_output(message, xml, version, None, options) if check else [])
        )
    if header.message_definition_id and header.message_definition_id != version:
        ctx.diagnostics.append(_header_updated(header.message_definition_id, version))
        header = replace(header, message_definition_id=version)
    hctx = WriteContext(header_schema(header.version))
    hdr = WNode.root(hctx, "AppHdr")
    write_app_header(hdr, header)
    xml = _render(doc, hdr, tag)
    checked = _check_output(message, xml, version, hctx.message_id, options) if check else []
    return Result(xml, ctx.diagnostics + hctx.diagnostics + checked)


def _check_output(
    message: Message, xml: bytes, version: str, header_id: str | None, options: Mapping[str, Any]
) -> list[Diagnostic]:
    """What ``validate_output`` asks of a written message: its XSD (and the AppHdr's), and the
    CBPR+ usage rules when they apply (``profile=cbpr+`` or a CBPR+ business service).

    Why the CBPR+ rules too: a translation to a CBPR+ pacs.008 can be XSD-valid and still be
    refused by the network (an unstructured-only address from SR2026): asking for the output to be
    checked under that profile must say so, as ``finmsg validate --profile cbpr+`` of it would.
    """
    found = validate_output(xml, version, header_id)
    from finmsg.iso20022.cbpr import applies, run_cbpr

    return found + run_cbpr(message, options) if applies(message, options) else found


_HEADER_SCHEMA = re.compile(r"head\.[0-9]{3}\.[0-9]{3}\.[0-9]{2}")


def header_schema(version: object) -> str:
    """The AppHdr schema to write for ``AppHeader.version``: the version itself when it names
    one (``head.001.001.02``), the default when it names none (not ``head.``: e.g. a header
    built by hand with another family's version), else :class:`ConversionError`.

    Why refused: the version becomes the AppHdr's namespace, so a value such as
    ``head.001.001.0<2`` made lxml raise a bare ``ValueError`` (not a valid URI), and
    ``head.1`` would write a namespace no schema or receiver knows.
    """
    if type(version) is str and _HEADER_SCHEMA.fullmatch(version):
        return version
    if type(version) is str and not version.startswith("head."):
        return DEFAULT_HEADER_VERSION
    raise ConversionError(
        f"AppHeader.version must name a business application header schema such as "
        f"{DEFAULT_HEADER_VERSION} (head.NNN.NNN.NN), not {version!r}",
        code="iso.header.version",
        path="/AppHdr/@xmlns",
        value=version,
    )


#: Characters XML 1.0 cannot carry at all (lxml refuses them with a bare ValueError).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _render(doc: WNode, header: WNode | None = None, tag: str = "Envelope") -> bytes:
    """:func:`render`, with a value XML cannot carry refused as a typed error naming its element."""
    try:
        return render(doc, header, tag)
    except ValueError:
        found = _first_unwritable(doc) or (_first_unwritable(header) if header is not None else None)
        if found is None:
            raise
        path, value = found
        raise ConversionError(
            f"the value {value!r} holds a character XML 1.0 cannot carry (a control character); "
            "remove or replace it before writing",
            code="iso.write.character",
            path=path,
            value=value,
        ) from None


def _first_unwritable(node: WNode) -> tuple[str, str] | None:
    """The path and text of the first value under ``node`` that XML 1.0 cannot carry."""
    for kid in node.kids:
        if isinstance(kid, WNode):
            found = _first_unwritable(kid)
            if found is not None:
                return found
        elif isinstance(kid, tuple):
            name, text, attrs = kid
            for value in (text, *(attrs or {}).values()):
                if isinstance(value, str) and _NOT_XML.search(value):
                    return f"{node.path}/{name}", value
    for value in (node.attrs or {}).values():
        if _NOT_XML.search(value):
            return node.path, value
    return None


def _header_updated(original: str, version: str) -> Diagnostic:
    return Diagnostic(
        "iso.header.updated",
        Severity.INFO,
        f"AppHdr/MsgDefIdr changed from {original} to {version}",
        path="/AppHdr/MsgDefIdr",
        target_path="/AppHdr/MsgDefIdr",
        original=original,
        emitted=version,
    )


def _write_fast(
    message: Message, version: str, options: Mapping[str, Any], tag: str = "Envelope"
) -> Result[bytes] | None:
    """:func:`write_iso` through the fast lane (:mod:`finmsg.iso20022.fastwrite`), or None.

    Same bytes and same diagnostics as the general path below it: the AppHdr gets
    the same MsgDefIdr update (and note), the output the same optional XSD check.
    """
    header = getattr(message, "header", None)
    lane_header: tuple[AppHeader, str, str | None] | None = None
    definition: str | None = None
    if header is not None:
        if type(header) is not AppHeader or type(header.version) is not str:
            return None
        definition = header.message_definition_id
        header_id = header.version if header.version.startswith("head.") else DEFAULT_HEADER_VERSION
        lane_header = (header, header_id, version if definition and definition != version else definition)
    xml = fastwrite.write_fast(message, version, lane_header, tag)  # type: ignore[arg-type]
    if xml is None:
        return None
    diagnostics = [_header_updated(definition, version)] if definition and definition != version else []
    if bool_option(options, "validate_output"):
        diagnostics += _check_output(message, xml, version, lane_header[1] if lane_header else None, options)
    return Result(xml, diagnostics)
