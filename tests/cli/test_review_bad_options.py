"""A ``-o`` value the reader or writer cannot use is the run's usage error (exit 2), for every
option: found by the session-5 review, where ``delimiter`` (FIX) and ``charset_policy`` (MT
writer) still quarantined each message one by one and ended with exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.cli import EXIT_USAGE, main
from finmsg.errors import OptionError
from finmsg.fix.tagvalue import tokenize
from tests.conftest import FIXTURES
from tests.fix.helpers import order

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"


@pytest.mark.parametrize("delimiter", ["ab", "=", "7"])
def test_unusable_fix_delimiter_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delimiter: str
) -> None:
    source = tmp_path / "order.fix"
    source.write_bytes(order())
    out = tmp_path / "out"
    code = main(
        [
            "convert",
            str(source),
            "--to",
            "json",
            "--out",
            str(out),
            "--progress",
            "none",
            "-o",
            f"delimiter={delimiter}",
        ]
    )
    err = capsys.readouterr().err
    assert code == EXIT_USAGE, err
    assert "delimiter" in err and "Traceback" not in err
    assert not (out / "order.json").exists()


def test_unusable_fix_delimiter_in_the_api_is_an_option_error() -> None:
    with pytest.raises(OptionError) as caught:
        tokenize(order(), delimiter="||")
    assert caught.value.path == "option delimiter"


def test_unknown_mt_charset_policy_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "convert",
            str(PACS008),
            "--to",
            "mt",
            "--out",
            str(out),
            "--progress",
            "none",
            "-o",
            "charset_policy=bogus",
        ]
    )
    err = capsys.readouterr().err
    assert code == EXIT_USAGE, err
    assert "charset_policy" in err and "transliterate" in err
