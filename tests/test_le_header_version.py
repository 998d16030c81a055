"""An ``AppHeader.version`` that names no AppHdr schema is a typed error, not lxml's ValueError
(brief LE item 5).

The version becomes the AppHdr's namespace (``urn:iso:std:iso:20022:tech:xsd:head.001.001.02``).
Before, ``head.001.001.0<2`` or a trailing blank made lxml raise a bare ``ValueError`` ("Invalid
namespace URI"), and ``head.`` wrote a namespace no schema has.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import finmsg
from finmsg.errors import ConversionError
from finmsg.iso20022.document import header_schema

PACS008 = Path(__file__).resolve().parents[1] / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"


def _with_version(version: Any) -> Any:
    message: Any = finmsg.parse(PACS008).value
    return replace(message, header=replace(message.header, version=version))


@pytest.mark.parametrize(
    "version",
    ["head.001.001.0<2", 'head.001.001.02"', "head.001.001.02 ", "head.001.001.02\n", "head.", None],
)
@pytest.mark.parametrize("to", ["pacs.008.001.08", "pacs.008.001.13"])
def test_a_version_that_names_no_schema_is_refused(version: Any, to: str) -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.write(_with_version(version), to)
    error = caught.value
    assert (error.code, error.path, error.value) == ("iso.header.version", "/AppHdr/@xmlns", version)
    assert "head.NNN.NNN.NN" in error.message and repr(version) in error.message


def test_convert_gives_the_same_typed_error() -> None:
    with pytest.raises(ConversionError, match=r"\[iso\.header\.version\] at /AppHdr"):
        finmsg.convert(_with_version("head.001.001.0<2"), "pacs.008.001.13")


@pytest.mark.parametrize(
    ("version", "schema"),
    [
        ("head.001.001.02", "head.001.001.02"),
        ("head.001.001.04", "head.001.001.04"),
        ("pacs.008.001.08", "head.001.001.02"),  # not an AppHdr version: the default, as before
        ("", "head.001.001.02"),
    ],
)
def test_a_well_formed_version_or_none_at_all_is_written_as_before(version: str, schema: str) -> None:
    assert header_schema(version) == schema
    written = finmsg.write(_with_version(version), "pacs.008.001.13").value
    assert f'<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:{schema}">'.encode() in written
