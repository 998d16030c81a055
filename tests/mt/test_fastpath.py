"""The fast paths give exactly what the general paths give (session-2 performance work).

* ``fastsplit.clean_message`` (one clean FIN message, no per-character scan) against
  ``blocks.scan`` + ``blocks._message``;
* ``fastsplit.new_message`` against the dataclass constructor;
* ``validate_message(m)`` (per-tag quick checks, detailed pass only for failing
  fields) against ``validate_message(m, LAYERS)`` (the layer-by-layer path), and
  each ``fieldplan.quick_check`` against the detailed per-field findings.

Inputs: the fixtures, the shared corpus when present, and systematic mutations of
them (every character removed, doubled or replaced by a troublesome one), so the
comparison also covers the inputs the fast paths must hand over to the general ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from finmsg.errors import FinmsgError
from finmsg.mt.blocks import _message, parse_message, scan
from finmsg.mt.fastsplit import clean_message, new_message
from finmsg.mt.fieldplan import quick_check
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.mt.options import ParseOptions
from finmsg.mt.validate import LAYERS, _field, validate_message
from tests.corpus import CORPUS

from ._paths import FIXTURES

MT103 = (FIXTURES / "mt103_basic" / "input.fin").read_bytes().decode()


def _texts() -> Iterator[tuple[str, str]]:
    for path in sorted(FIXTURES.glob("*/input.*")):
        yield path.parent.name, path.read_bytes().decode("latin-1")
    if (CORPUS / "mt").is_dir():
        for path in sorted((CORPUS / "mt").rglob("*")):
            if path.is_file() and path.stat().st_size < 20_000:
                yield str(path.relative_to(CORPUS)), path.read_bytes().decode("latin-1")


def _general(text: str) -> MtMessage | None:
    """What the general path makes of ``text`` when it is exactly one message."""
    opts = ParseOptions()
    try:
        segments = scan(text, opts, [])
        if len(segments) != 1:
            return None
        return _message(segments[0], opts, [])
    except FinmsgError:
        return None


def _mutations(text: str) -> Iterator[str]:
    for i in range(0, len(text), 3):
        yield text[:i] + text[i + 1 :]
        yield text[:i] + text[i] + text[i:]
        for ch in ("\n", "\r", "}", "{", "$", "-"):
            yield text[:i] + ch + text[i + 1 :]


def _same_parse(text: str) -> None:
    try:
        fast = clean_message(text)
    except FinmsgError as exc:  # the same error as the general path (a bad field tag)
        with pytest.raises(FinmsgError) as general:
            _message(scan(text, ParseOptions(), [])[0], ParseOptions(), [])
        assert (general.value.code, str(general.value)) == (exc.code, str(exc))
        return
    if fast is None:
        return
    diags: list[object] = []
    segments = scan(text, ParseOptions(), diags)  # type: ignore[arg-type]
    assert diags == [] and len(segments) == 1, text
    assert fast == _message(segments[0], ParseOptions(), []), text


def test_clean_path_takes_the_usual_message() -> None:
    assert clean_message(MT103) is not None
    assert clean_message(MT103) == _general(MT103)


@pytest.mark.parametrize(
    "text",
    [
        MT103,  # CRLF: clean
        MT103.replace("{5:{CHK:123456789ABC}}", ""),  # no block 5
        MT103.replace("{3:{108:MUR12345}", "{3:{108:MUR12345}{119:STP}"),
    ],
)
def test_clean_path_variants_equal_general(text: str) -> None:
    fast = clean_message(text)
    assert fast is not None
    assert fast == _general(text)


def test_clean_path_declines_what_needs_a_diagnostic() -> None:
    crlf = MT103
    assert "\r\n" in crlf
    assert clean_message(MT103.replace("\r\n", "\n")) is None  # LF-only input is a reported tolerance
    assert clean_message(crlf.replace(":70:INVOICE 42\r\n", ":70:INVOICE 42\n")) is None  # bare LF
    assert clean_message(" " + crlf) is None  # leading whitespace
    assert clean_message(crlf + crlf) is None  # two messages
    assert clean_message(crlf.replace(":70:INVOICE 42", ":70:A-}B")) is None  # '}' inside block 4


def test_clean_path_equals_general_on_fixtures_corpus_and_mutations() -> None:
    checked = 0
    for _, text in _texts():
        crlf = text.replace("\r\n", "\n").replace("\n", "\r\n")
        for candidate in (text, crlf):
            _same_parse(candidate)
            checked += 1
    for candidate in _mutations(MT103):
        _same_parse(candidate)
        checked += 1
    assert checked > 1000


def test_new_message_equals_constructor() -> None:
    fields = (MtField("20", "R"), MtField("23B", "CRED"))
    built = new_message("103", BasicHeader("F01X"), ApplicationHeader("I103X"), None, fields, (), None)
    expected = MtMessage(
        message_type="103",
        basic_header=BasicHeader("F01X"),
        application_header=ApplicationHeader("I103X"),
        fields=fields,
        trailer=(),
    )
    assert built == expected
    assert hash(built.fields) == hash(expected.fields) and built.extras == () and built.ack is None


def _messages() -> Iterator[MtMessage]:
    for _, text in _texts():
        crlf = text.replace("\r\n", "\n").replace("\n", "\r\n")
        msg = _general(crlf)
        if msg is not None:
            yield msg
    base = _general(MT103)
    assert base is not None
    for i, (tag, value) in enumerate(base.fields):
        for bad in ("", value + "/", "/" + value, value.replace(",", "."), value + "é", value[:-1], "X" * 40):
            fields = (*base.fields[:i], MtField(tag, bad), *base.fields[i + 1 :])
            yield MtMessage(
                message_type=base.message_type,
                basic_header=base.basic_header,
                application_header=base.application_header,
                fields=fields,
            )


def test_quick_validation_equals_layered_validation() -> None:
    count = 0
    for msg in _messages():
        assert validate_message(msg) == validate_message(msg, LAYERS)
        count += 1
    assert count > 50


def test_quick_checks_agree_with_detailed_findings() -> None:
    seen = 0
    for msg in _messages():
        for index, (tag, value) in enumerate(msg.fields):
            found: list[object] = []
            _field(msg, index, tag, value, True, True, True, found)  # type: ignore[arg-type]
            assert bool(quick_check(tag)(value)) == (not found), (tag, value)
            seen += 1
    assert seen > 500


def test_quick_check_rejects_bad_values() -> None:
    assert quick_check("32A")("240131EUR1,00")
    assert not quick_check("32A")("240230EUR1,00")  # 30 February (T50)
    assert not quick_check("32A")("240131EUR1,001")  # three decimals (T43)
    assert not quick_check("32A")("240131XXY1,00")  # not ISO 4217 (T52)
    assert not quick_check("20")("/REF")  # T26
    assert not quick_check("52A")("BANKZZBB")  # ZZ is no country (T27)
    assert quick_check("70")("ANY TEXT")
    assert not quick_check("70")("ANY TEXT é")  # charset
    assert not quick_check("99Z")("{")  # unknown tag: charset only
    assert quick_check("77T")("{ENVELOPE")  # the Z set allows "{"


def test_fixture_paths_exist() -> None:
    assert Path(FIXTURES / "mt103_basic" / "input.fin").is_file()


@pytest.mark.parametrize(
    "text",
    [
        MT103,  # the shortcut of parse_message applies
        MT103.replace("\r\n", "\n"),  # LF: reported, the general way
        MT103.replace("INVOICE 42", "INVOICE 42 é"),  # not ASCII: reported, the general way
        "\ufeff" + MT103,  # BOM
        MT103.replace(":20:REF12345", ":2X:REF12345"),  # a bad first tag: the same error
    ],
)
def test_parse_message_shortcut_equals_the_general_call(text: str) -> None:
    data = text.encode("utf-8")
    try:
        short = parse_message(data)  # no options: the shortcut may apply
    except FinmsgError as exc:
        with pytest.raises(FinmsgError) as general:
            parse_message(data, ParseOptions())
        assert (general.value.code, str(general.value)) == (exc.code, str(exc))
        return
    full = parse_message(data, ParseOptions())  # options given: always the general call
    assert short.value == full.value and short.diagnostics == full.diagnostics
