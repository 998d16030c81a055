"""Small XML fragments for model ``extras`` (elements the statement model has no member for).

Built and read with lxml so that a value can never inject structure: text is
escaped on the way in, and fragments are parsed with the hardened parser on
the way out. Fragments carry no namespace; the ISO writer qualifies them.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Extra

__all__ = ["fragment", "fragment_text"]


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
