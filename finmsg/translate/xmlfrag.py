"""Small XML fragments for model ``extras`` (elements the statement model has no member for).

Built and read with lxml so that a value can never inject structure: text is
escaped on the way in, and fragments are parsed with the hardened parser on
the way out. Fragments carry no namespace; the ISO writer qualifies them, and
:func:`clean_fragment` shows a fragment a reader kept the same way in a diagnostic.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from finmsg.errors import ParseError
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Extra

__all__ = ["clean_fragment", "fragment", "fragment_text"]

#: The namespaces of ISO 20022 messages and headers (``...:pacs.008.001.08``, ``...:head.001.001.02``).
_ISO_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:"


def fragment(name: str, children: Iterable[tuple[str, str]]) -> str:
    """``<name><child>text</child>...</name>`` as a string."""
    root = etree.Element(name)
    for child, text in children:
        etree.SubElement(root, child).text = text
    return etree.tostring(root, encoding="unicode")


def fragment_text(extras: Iterable[Extra], name: str, child: str) -> str | None:
    """The text of ``child`` inside the first iso20022 extra fragment whose path ends in ``name``."""
    for extra in extras:
        if extra.source != "iso20022" or extra.path.rsplit("/", 1)[-1].split("[", 1)[0] != name:
            continue
        root = parse_xml(extra.content.encode("utf-8"))
        for element in root.iter():
            if isinstance(element.tag, str) and etree.QName(element).localname == child:
                return element.text
    return None


def clean_fragment(text: str) -> str:
    """An XML fragment kept from an ISO 20022 message as it reads in that message: without the
    declarations of the message's own namespace.

    Why: a reader keeps an element it has no member for as a serialised subtree, which must
    declare the namespace it inherited (``<Zz9 xmlns="urn:iso:...:pacs.008.001.08">``). In the
    message it is just ``<Zz9>``; the declaration is an artefact of cutting it out, and noise in
    a diagnostic. Only that inherited ISO 20022 namespace is removed: another one (supplementary
    data of another schema, an ISO one such as ``supl.017`` included) says what the content is
    and is kept. Text that is not a well-formed fragment is returned as it is.
    """
    if _ISO_NAMESPACE not in text or not text.startswith("<"):
        return text
    try:
        root = parse_xml(text.encode("utf-8"))
    except ParseError:  # a fragment the hardened parser refuses is shown as it was kept
        return text
    own = etree.QName(root).namespace  # the message's namespace, inherited by the cut-out subtree
    if own is None or not own.startswith(_ISO_NAMESPACE):
        return text
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).namespace == own:
            element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(root)
    return etree.tostring(root, encoding="unicode", with_tail=False)
