"""The vendored official ISO 20022 XSDs, compiled once, and XSD validation of documents.

Why two engines: lxml (libxml2) decides valid/invalid in ~20 µs for a pacs.008,
so it is the only thing that runs for valid documents. Only when lxml says
*invalid* do we pay for xmlschema (imported lazily: ~0.4 s import, ~0.5 s per
schema build, both cached) to turn the failure into precise diagnostics with
paths and expected elements. If xmlschema cannot explain, lxml's own error log
is reported: validation never raises.

A ``Document`` inside a wrapper (next to an ``AppHdr``) is validated in place:
lxml validates a non-root element against the schema's global declarations
(measured: ~21 µs vs ~18 µs for the same element as a root; a deep copy to make
it a root would cost another ~17 µs).

Versions without a vendored XSD are validated structurally from pyiso20022's
facets (``structural.py``), flagged with an info diagnostic ``xsd.unavailable``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import FinmsgError
from finmsg.iso20022.xmlsafe import HARDENED, check_no_dtd

if TYPE_CHECKING:
    from finmsg.iso20022.schema_model import UnknownMessageError

__all__ = [
    "UnknownMessageError",
    "available_ids",
    "get_schema",
    "has_xsd",
    "validate_document",
    "validate_output",
    "xsd_path",
]

_PACKAGE = "finmsg._xsd"
#: Schemas are trusted files, but still parsed without DTDs, entities or network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
#: Parser for finmsg's own written output (``validate_output``): hardened like every
#: finmsg parser, and dropping the indentation between elements, which XSD validation
#: ignores anyway: fewer text nodes make both the parse and the validation cheaper
#: (measured on the pacs.008: about 60k of 480k instructions). A whitespace-only value
#: (``<Nm> </Nm>``) is kept: libxml2 only drops blanks next to element siblings.
_OUTPUT_PARSER = etree.XMLParser(**HARDENED, remove_blank_text=True, remove_pis=True, collect_ids=False)
#: Cap on diagnostics built from one invalid document (a broken file can yield thousands).
MAX_DIAGNOSTICS = 100
#: How the writer's output starts when it is a bare ``Document`` (no AppHdr envelope).
_DOCUMENT_OUTPUT = b"<?xml version='1.0' encoding='UTF-8'?>\n<Document "


class _NoTree:
    """A parser target without ``start``/``end``/``data``: lxml then hands libxml2 no
    callbacks at all, so a parse builds no tree (only :meth:`close` is called)."""

    def close(self) -> None:
        return None


#: Per thread, per message id: the parser of :func:`_valid_streaming` (a parser's error
#: log is only meaningful to the thread that ran the parse).
_STREAMING = threading.local()
#: Held around every ``validate`` of a shared compiled schema (:func:`get_schema`) and the read
#: of its error log. Why: lxml keeps one error log per ``XMLSchema`` object, which each call
#: clears and fills, so a thread reading the errors of its invalid document could read those of
#: another thread's call instead (measured where xmlschema does not explain, so the log is
#: reported: 10 to 18 mismatched results in 2,000 calls of 8 threads, and some calls raised).
#: The schema objects are shared because compiling one costs milliseconds; the lock costs a
#: few hundred instructions of the ~400k a validation takes.
_SCHEMA_LOCK = threading.Lock()


@cache
def _xsd_dir() -> Path:
    """Folder of the vendored XSDs: the ``finmsg._xsd`` data package, or ``xsd/`` in a checkout.

    The fallback covers editable installs whose import finder does not map the
    ``package-dir`` alias ``finmsg._xsd`` -> ``xsd/``.
    """
    try:
        return Path(str(files(_PACKAGE)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "xsd"


@cache
def available_ids() -> frozenset[str]:
    """Message ids (``pacs.008.001.08``...) with an official XSD vendored in ``xsd/``."""
    return frozenset(p.name[: -len(".xsd")] for p in _xsd_dir().glob("*.xsd"))


def has_xsd(msg_id: str) -> bool:
    return msg_id in available_ids()


def __getattr__(name: str) -> Any:
    """``UnknownMessageError`` is re-exported lazily: its module (the pyiso20022-derived
    structure models) costs a fresh process ~15 ms to import, and valid messages with a
    vendored XSD never need it."""
    if name == "UnknownMessageError":
        from finmsg.iso20022.schema_model import UnknownMessageError

        return UnknownMessageError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def xsd_path(msg_id: str) -> Path:
    """Path of the vendored XSD of ``msg_id``; :class:`UnknownMessageError` if none is vendored."""
    if not has_xsd(msg_id):
        from finmsg.iso20022.schema_model import UnknownMessageError

        raise UnknownMessageError(f"no official XSD vendored for {msg_id}", value=msg_id)
    return _xsd_dir() / f"{msg_id}.xsd"


@cache
def get_schema(msg_id: str) -> etree.XMLSchema:
    """The compiled lxml schema of ``msg_id`` (compiled on first use, then cached)."""
    return etree.XMLSchema(etree.parse(str(xsd_path(msg_id)), _PARSER))


@cache
def _rich_schema(msg_id: str) -> Any:
    """xmlschema's model of the same XSD, for explanations only (slow: lazy and cached)."""
    import xmlschema

    # allow="local": never fetch anything remote; defuse="always": hardened XML parsing.
    return xmlschema.XMLSchema(str(xsd_path(msg_id)), allow="local", defuse="always")


def validate_document(doc: etree._Element, msg_id: str) -> list[Diagnostic]:
    """XSD-validate the ``Document`` element ``doc`` as message ``msg_id``.

    Returns an empty list when valid. Never raises for bad documents or unknown ids.
    """
    if not has_xsd(msg_id):
        return _validate_without_xsd(doc, msg_id)
    schema = get_schema(msg_id)
    with _SCHEMA_LOCK:  # see _SCHEMA_LOCK: the log is read before another call clears it
        if schema.validate(doc):
            return []
        entries = list(cast(Iterable[Any], schema.error_log))[:MAX_DIAGNOSTICS]
    try:
        diags = _explain(doc, msg_id)
    except Exception:  # xmlschema is only an explainer: fall back to lxml, never raise
        diags = []
    return diags or _from_lxml_log(entries, msg_id)


def validate_output(xml: bytes, msg_id: str, header_id: str | None = None) -> list[Diagnostic]:
    """XSD-validate what finmsg's ISO 20022 writer produced: a ``Document``, or a wrapper
    holding an ``AppHdr`` (validated as ``header_id``, when given) and a ``Document``.

    Why not :func:`validate_document` after :func:`~finmsg.iso20022.xmlsafe.parse_xml`:
    the shape of written output is known, so the envelope search is not needed, and
    the indentation the writer added can be dropped while parsing (see
    ``_OUTPUT_PARSER``). Diagnostics are those :func:`validate_document` gives.
    """
    # Never in written output: a DTD is refused as ``parse_xml`` refuses it. A lone ``!`` is
    # looked for first: that scan costs about a fifth of the two-byte one (2.7k instead of
    # 12k instructions on the benchmark pacs.008), and most output has no ``!`` at all.
    if b"!" in xml and b"<!" in xml:
        try:
            check_no_dtd(xml)
        except FinmsgError as exc:
            return [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)]
    if header_id is None and xml.startswith(_DOCUMENT_OUTPUT) and _valid_streaming(xml, msg_id):
        return []  # the usual case: valid, found without building a tree
    try:
        root = etree.fromstring(xml, _OUTPUT_PARSER)
    except etree.XMLSyntaxError as exc:
        return [Diagnostic("xml.syntax", Severity.ERROR, f"not well-formed XML: {exc}", path="/")]
    if root.tag[-9:] == "}Document" or root.tag == "Document":
        if has_xsd(msg_id):
            schema = get_schema(msg_id)
            with _SCHEMA_LOCK:
                valid = schema.validate(root)
            if valid:
                return []  # the usual case, without the call to ``validate_document``
        return validate_document(root, msg_id)
    document = header = None
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # a comment
        name = tag.rsplit("}", 1)[-1]
        if name == "Document" and document is None:
            document = child
        elif name == "AppHdr" and header is None:
            header = child
    if document is None:
        return [Diagnostic("iso.no-document", Severity.ERROR, "no Document element in the output", path="/")]
    out = validate_document(document, msg_id)
    if header is not None and header_id:  # after the Document's, as ``validate_iso`` orders them
        out.extend(validate_document(header, header_id))
    return out


def _valid_streaming(xml: bytes, msg_id: str) -> bool:
    """Whether ``xml`` is well-formed and a valid ``msg_id`` ``Document``, decided while parsing.

    Why: libxml2 validates the SAX events of a parse as they come (the validator lxml plugs
    into a parser given ``schema=``), and with a target that takes no events no tree is built
    or freed: on the benchmark pacs.008, 384k instructions instead of 437k for a compact parse
    and ``schema.validate`` of the tree. Both ways run libxml2's one XSD validator on the same
    elements and values. Only a *valid* verdict is used: anything else (an error logged, a
    syntax error, no vendored XSD) returns False and :func:`validate_output` takes its usual
    path, which finds the diagnostics, so those stay exactly what they were.
    """
    if not has_xsd(msg_id):
        return False
    parsers: dict[str, etree.XMLParser] | None = getattr(_STREAMING, "parsers", None)
    if parsers is None:
        parsers = _STREAMING.parsers = {}
    parser = parsers.get(msg_id)
    if parser is None:
        target: Any = _NoTree()  # (the stubs' ParserTarget protocol asks for every callback)
        parser = etree.XMLParser(**HARDENED, schema=get_schema(msg_id), target=target, collect_ids=False)
        if len(parsers) < 64:
            parsers[msg_id] = parser
    try:
        etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return False
    return len(parser.error_log) == 0


def _validate_without_xsd(doc: etree._Element, msg_id: str) -> list[Diagnostic]:
    from finmsg.iso20022 import schema_model, structural
    from finmsg.iso20022.schema_model import UnknownMessageError

    try:
        schema_model.schema_model(msg_id)
    except UnknownMessageError:
        return [
            Diagnostic(
                "xsd.unknown-message",
                Severity.WARNING,
                f"{msg_id} has neither a vendored XSD nor a pyiso20022 model; not validated",
                path=f"/{etree.QName(doc).localname}",
                original=msg_id,
            )
        ]
    info = Diagnostic(
        "xsd.unavailable",
        Severity.INFO,
        f"no official XSD vendored for {msg_id}; validated structurally from pyiso20022 facets",
        path=f"/{etree.QName(doc).localname}",
        original=msg_id,
    )
    return [info, *structural.validate_structure(doc, msg_id)]


def _explain(doc: etree._Element, msg_id: str) -> list[Diagnostic]:
    from finmsg.iso20022.structural import element_path

    rich = _rich_schema(msg_id)
    ns = "{" + (rich.target_namespace or "") + "}"
    out: list[Diagnostic] = []
    for err in rich.iter_errors(doc):
        elem = err.elem if isinstance(err.elem, etree._Element) else None
        path = element_path(elem, doc, msg_id) if elem is not None else f"/{etree.QName(doc).localname}"
        index = getattr(err, "index", None)
        if elem is not None and isinstance(index, int):
            # children errors point at the parent: name the child that was found or expected
            if index < len(elem) and isinstance(elem[index].tag, str):
                path = element_path(elem[index], doc, msg_id)
            else:
                expected = getattr(err, "expected", None) or []
                names = [str(getattr(e, "local_name", e)) for e in expected]
                if names:
                    path = f"{path}/{names[0]}"
        reason = (err.reason or err.message or "invalid").replace(ns, "")
        value = err.obj if isinstance(err.obj, str) else None
        out.append(Diagnostic("xsd.invalid", Severity.ERROR, reason, path=path, original=value))
        if len(out) >= MAX_DIAGNOSTICS:
            break
    return out


def _from_lxml_log(entries: list[Any], msg_id: str) -> list[Diagnostic]:
    """Diagnostics from the entries of lxml's error log (copied while :data:`_SCHEMA_LOCK` was held)."""
    out = [
        Diagnostic(
            "xsd.invalid",
            Severity.ERROR,
            entry.message,
            path=entry.path or f"line {entry.line}",
            rule=f"line {entry.line}",
        )
        for entry in entries
    ]
    return out or [Diagnostic("xsd.invalid", Severity.ERROR, f"document is not a valid {msg_id}", path="/")]
