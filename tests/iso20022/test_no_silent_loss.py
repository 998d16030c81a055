"""No silent loss: every value of an ISO 20022 input is carried through read + write, or reported.

For every ISO 20022 document under ``fixtures/`` (and the shared corpus, when
present) and for hypothesis-chosen mutations of the fixtures (an unknown element or
attribute at a random element, a duplicated member, a comment), the document is
read with validation off and written back to the same version; every text and
attribute value must come back or be named by a diagnostic
(:mod:`tests.iso20022.loss_harness`).

Each mutation runs twice: through the reader as shipped (with its one-pass fast lanes,
whose rule is to decline to the general reader on anything unusual), and through the
general reader alone (:class:`~finmsg.iso20022.reading.Node` and the ``read_*``
functions; the camt ``Ntry`` lane switched off), where these rules live.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import finmsg
from finmsg.diagnostics import is_lossy
from finmsg.iso20022.components import entries
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.xmlsafe import parse_xml
from tests.conftest import FIXTURES
from tests.corpus import CORPUS
from tests.iso20022.loss_harness import Value, unaccounted

_ISO = b"urn:iso:std:iso:20022"


def _iso_files(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*.xml")) if _ISO in p.read_bytes()]


FIXTURE_FILES = _iso_files(FIXTURES)
CORPUS_DIR = CORPUS / "iso20022"
#: The mutation tests start from the ISO 20022 fixtures of each message family (the
#: translate/settlement goldens repeat the same shapes).
MUTATION_BASES = [p for p in FIXTURE_FILES if p.parent.parent.name == "iso20022"]


def _show(missing: list[Value]) -> str:
    return "; ".join(f"{v.path}={v.value!r}" for v in missing[:5])


def test_the_fixtures_are_found() -> None:
    # guards the parametrisation below against an empty (vacuous) list
    assert len(FIXTURE_FILES) >= 100
    assert len(MUTATION_BASES) >= 30


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_values_are_carried_or_reported(path: Path) -> None:
    missing = unaccounted(path.read_bytes())
    assert not missing, _show(missing)


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="shared corpus not present")
def test_corpus_values_are_carried_or_reported() -> None:
    lost = {}
    for path in _iso_files(CORPUS_DIR):
        missing = unaccounted(path.read_bytes())
        if missing:
            lost[path.name] = _show(missing)
    assert not lost, lost


# --------------------------------------------------------------------------- mutations

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Attribute names to add: unknown ones, a namespaced one, and Ccy where it does not belong.
_ATTRIBUTE_NAMES = st.sampled_from(["foo", "Zz9", _XML_LANG, "Ccy"])
_VALUES = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12)


def _members(root: etree._Element) -> list[etree._Element]:
    """The AppHdr and Document elements of the first envelope, in document order."""
    envelope = find_envelopes(root)[0]
    found = [] if envelope.header is None else list(envelope.header.iter())
    found.extend(envelope.document.iter())
    return [el for el in found if isinstance(el.tag, str)]


def _mutated(path: Path, change: Callable[[list[etree._Element]], None]) -> bytes:
    root = parse_xml(path.read_bytes())
    change(_members(root))
    return etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True)


def _namespace(el: etree._Element) -> str:
    tag = el.tag
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


@contextmanager
def _general_reader_only() -> Iterator[None]:
    """Entries read by the general reader: the fast lane (``entries.map_entry``) always declines."""
    with mock.patch.object(entries, "map_entry", lambda *args, **kwargs: None):
        yield


def _check(data: bytes, lanes: bool) -> None:
    if lanes:
        missing = unaccounted(data)
    else:
        with _general_reader_only():
            missing = unaccounted(data)
    assert not missing, _show(missing)


_SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_LANES = pytest.mark.parametrize("lanes", [True, False], ids=["as-shipped", "general-reader"])


@_LANES
@_SETTINGS
@given(st.sampled_from(MUTATION_BASES), st.integers(0, 10_000), _ATTRIBUTE_NAMES, _VALUES)
def test_an_added_attribute_is_carried_or_reported(
    lanes: bool, path: Path, at: int, name: str, value: str
) -> None:
    def change(members: list[etree._Element]) -> None:
        members[at % len(members)].set(name, value)

    _check(_mutated(path, change), lanes)


@_LANES
@_SETTINGS
@given(st.sampled_from(MUTATION_BASES), st.integers(0, 10_000), st.integers(0, 40), _VALUES)
def test_an_unknown_element_is_carried_or_reported(
    lanes: bool, path: Path, at: int, position: int, value: str
) -> None:
    def change(members: list[etree._Element]) -> None:
        parents = [el for el in members if len(el)]
        parent = parents[at % len(parents)]
        unknown = etree.Element(_namespace(parent) + "Zz9Unknown")
        unknown.text = value
        parent.insert(position % (len(parent) + 1), unknown)

    _check(_mutated(path, change), lanes)


@_LANES
@_SETTINGS
@given(st.sampled_from(MUTATION_BASES), st.integers(0, 10_000))
def test_a_duplicated_member_is_carried_or_reported(lanes: bool, path: Path, at: int) -> None:
    def change(members: list[etree._Element]) -> None:
        inner = [el for el in members if el.getparent() is not None and el.getparent() in members]
        el = inner[at % len(inner)]
        el.addnext(copy.deepcopy(el))

    _check(_mutated(path, change), lanes)


@_LANES
@_SETTINGS
@given(st.sampled_from(MUTATION_BASES), st.integers(0, 10_000), st.integers(0, 40))
def test_a_comment_is_carried_or_reported(lanes: bool, path: Path, at: int, split: int) -> None:
    def change(members: list[etree._Element]) -> None:
        el = members[at % len(members)]
        comment = etree.Comment(" note ")
        if len(el) or not el.text:
            el.insert(split % (len(el) + 1), comment)
            return
        cut = split % (len(el.text) + 1)  # inside the value: <Nm>Ac<!-- note -->me</Nm>
        head, tail = el.text[:cut], el.text[cut:]
        el.text = head
        el.append(comment)
        comment.tail = tail

    _check(_mutated(path, change), lanes)


# --------------------------------------------------------------------------- the camt entry fast lane

#: Its first entry has the shape the fast lane maps itself (it does not decline on it).
CAMT052 = FIXTURES / "iso20022" / "camt052-bah-intraday" / "input.xml"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<CdtDbtInd>", '<CdtDbtInd foo="x">'),  # on a value of the entry
        ("<NtryDtls>", '<NtryDtls foo="x">'),  # on a member with members
    ],
)
def test_an_attribute_inside_an_entry_is_reported_by_the_general_reader(old: str, new: str) -> None:
    text = CAMT052.read_text(encoding="utf-8")
    start = text.index("<Ntry>")
    data = (text[:start] + text[start:].replace(old, new, 1)).encode("utf-8")
    with _general_reader_only():
        assert unaccounted(data) == []


def test_the_entry_fast_lane_declines_on_an_attribute() -> None:
    # the lane maps this entry's shape itself; an attribute must send it to the general reader
    text = CAMT052.read_text(encoding="utf-8")
    start = text.index("<Ntry>")
    data = (text[:start] + text[start:].replace("<CdtDbtInd>", '<CdtDbtInd foo="x">', 1)).encode("utf-8")
    assert unaccounted(data) == []


# --------------------------------------------------------------------------- translation to MT

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"


def test_translating_to_mt_names_an_unknown_member_of_a_party() -> None:
    text = PACS008.read_text(encoding="utf-8")
    data = text.replace("<Nm>Acme Widgets Ltd</Nm>", "<Nm>Acme Widgets Ltd</Nm><Zz9>kept?</Zz9>", 1)
    result = finmsg.convert(data.encode("utf-8"), "mt")
    assert b"kept?" not in result.value  # MT103 has no place for it...
    paths = [d.path for d in result.diagnostics if is_lossy(d)]
    assert "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Zz9[1]" in paths  # ...so it must be named
