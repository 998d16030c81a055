"""Junk thrown at every registered reader produces typed finmsg errors, never a crash."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finmsg.errors import FinmsgError
from finmsg.registry import FormatHandler, registered_formats
from tests.conftest import FIXTURES

READERS = [h for h in registered_formats() if h.family != "json"]
SAMPLES = sorted(
    p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in {".xml", ".fin", ".fix", ".txt"}
)


def _exercise(handler: FormatHandler, data: bytes) -> None:
    try:
        for part in handler.split(data, {}):
            handler.read(part.data, {})
    except FinmsgError as exc:
        assert exc.code and exc.message
    result = handler.validate(data, {})  # never raises: failures are diagnostics
    assert isinstance(result.diagnostics, list)


@pytest.mark.parametrize("handler", READERS, ids=lambda h: h.family)
@given(data=st.binary(max_size=512))
def test_random_bytes(handler: FormatHandler, data: bytes) -> None:
    _exercise(handler, data)


@pytest.mark.parametrize("handler", READERS, ids=lambda h: h.family)
def test_truncated_fixtures(handler: FormatHandler) -> None:
    rng = random.Random(20261129)
    for sample in SAMPLES[:40]:
        data = sample.read_bytes()
        for cut in sorted(rng.sample(range(len(data)), k=min(8, len(data)))):
            _exercise(handler, data[:cut])


@pytest.mark.parametrize("handler", READERS, ids=lambda h: h.family)
def test_ten_megabytes_of_garbage(handler: FormatHandler) -> None:
    rng = random.Random(7)
    _exercise(handler, bytes(rng.getrandbits(8) for _ in range(1 << 16)) * 160)


@pytest.mark.parametrize(
    ("option", "value"), [("max_bytes", "abc"), ("max_depth", "1.5"), ("max_depth", None)]
)
def test_an_unusable_numeric_option_is_a_typed_error(option: str, value: object) -> None:
    import finmsg

    data = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    with pytest.raises(finmsg.OptionError) as caught:
        finmsg.parse(data, **{option: value})
    assert caught.value.code == "option.invalid" and caught.value.path == f"option {option}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        ("TRUE", True),
        (" yes ", True),
        ("1", True),
        (1, True),
        ("off", False),
        ("No", False),
        (0, False),
        (None, False),
        ("", False),
    ],
)
def test_a_boolean_option_reads_cli_text(value: object, expected: bool) -> None:
    from finmsg.errors import bool_option

    assert bool_option({"flag": value}, "flag") is expected


@pytest.mark.parametrize("value", ["perhaps", "2", 2.5])
def test_an_unusable_boolean_option_is_a_typed_error(value: object) -> None:
    from finmsg.errors import OptionError, bool_option

    with pytest.raises(OptionError) as caught:
        bool_option({"flag": value}, "flag")
    assert caught.value.code == "option.invalid" and caught.value.path == "option flag"


@pytest.mark.parametrize(("switch", "value"), [("UseDataDictionary", "maybe"), ("MaxLatency", "soon")])
def test_an_unusable_quickfix_switch_is_a_typed_error(switch: str, value: str) -> None:
    """Before, ``maybe`` silently meant N and ``soon`` raised a bare ValueError."""
    from finmsg.errors import OptionError
    from finmsg.fix.validate import ValidationOptions

    assert ValidationOptions.from_mapping({"UseDataDictionary": "n"}).UseDataDictionary is False
    with pytest.raises(OptionError) as caught:
        ValidationOptions.from_mapping({switch: value})
    assert caught.value.path == f"option {switch}"


def test_an_unusable_streaming_option_is_a_typed_error() -> None:
    from finmsg.errors import OptionError
    from finmsg.iso20022.streaming import iter_entries

    path = FIXTURES / "iso20022" / "camt053-multi-stmt" / "input.xml"
    with pytest.raises(OptionError, match="workers"):
        next(iter_entries(path, {"workers": "two"}))
