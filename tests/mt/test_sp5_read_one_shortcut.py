"""``read_one`` answers one clean FIN message directly (``blocks.clean_bytes``): the same result
as the general way through ``read_all``, for the fixtures, the shared corpus and inputs the
shortcut must hand over (a BOM, leading space, non-ASCII bytes, text, options, several messages).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from finmsg.errors import FinmsgError
from finmsg.mt.api import read_all, read_one
from finmsg.mt.blocks import clean_bytes, parse_message
from finmsg.mt.options import ParseOptions
from tests.corpus import CORPUS

from ._paths import FIXTURES

MT103 = (FIXTURES / "mt103_basic" / "input.fin").read_bytes()


def _inputs() -> Iterator[tuple[str, bytes]]:
    for path in sorted(FIXTURES.glob("*/input.*")):
        yield path.parent.name, path.read_bytes()
    if (CORPUS / "mt").is_dir():
        for path in sorted((CORPUS / "mt").rglob("*")):
            if path.is_file() and path.stat().st_size < 20_000:
                yield str(path.relative_to(CORPUS)), path.read_bytes()
    yield "bom", b"\xef\xbb\xbf" + MT103
    yield "leading-space", b" " + MT103
    yield "non-ascii", MT103.replace(b"CRED", b"CR\xc9D", 1)
    yield "two-messages", MT103.strip() + MT103.strip()
    yield "bad-first-tag", MT103.replace(b"{4:\r\n:20:", b"{4:\r\n:2X:", 1)


def _outcome(fn: object, data: bytes | str) -> tuple[str, object, object]:
    try:
        result = fn(data)  # type: ignore[operator]
    except FinmsgError as exc:
        return "error", (type(exc), exc.code, exc.path, str(exc)), None
    return "ok", result.value, result.diagnostics


def _general_one(data: bytes | str) -> object:
    """What ``read_one`` answered before the shortcut: ``read_all``, then exactly one message."""
    result = read_all(data)
    if len(result.value) != 1:
        return read_one(data, ParseOptions())  # the same refusal, by the general way
    return type(result)(result.value[0], result.diagnostics)


@pytest.mark.parametrize(("name", "data"), list(_inputs()), ids=lambda v: v if isinstance(v, str) else "")
def test_read_one_matches_the_general_way(name: str, data: bytes) -> None:
    assert _outcome(read_one, data) == _outcome(_general_one, data)


def test_clean_bytes_takes_only_one_clean_ascii_message() -> None:
    message = clean_bytes(MT103)
    assert message is not None and message.message_type == "103"
    assert [f.tag for f in message.fields][:3] == ["20", "23B", "32A"]
    assert clean_bytes(MT103.decode("ascii")) is None  # text: the general way decides
    assert clean_bytes(b" " + MT103) is None
    assert clean_bytes(MT103.replace(b"CRED", b"CR\xc9D", 1)) is None
    assert clean_bytes(MT103.strip() + MT103.strip()) is None


def test_parse_message_still_takes_the_shortcut_and_the_general_way() -> None:
    assert parse_message(MT103).value == read_one(MT103).value
    assert parse_message(MT103, ParseOptions()).value == read_one(MT103).value
