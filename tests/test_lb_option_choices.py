"""A declared choice (``charset_policy``, ``profile``...) is accepted in any case and reaches every
layer in its declared spelling: the registry that accepts ``REJECT`` and the MT writer that
compares with ``reject`` must agree (the writer refused what the check had let through)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import ConversionError, OptionError
from finmsg.registry import check_options
from tests.conftest import FIXTURES

MT103 = FIXTURES / "mt" / "mt103_basic" / "input.fin"


def _mt103_with_umlaut() -> bytes:
    """The MT103 fixture with a character outside the FIN X set in field 70 (read as UTF-8)."""
    return MT103.read_bytes().replace(b":70:", b":70:M\xc3\xbcller ", 1)


@pytest.mark.parametrize("policy", ["REJECT", "Reject", "reject"])
def test_reject_in_any_case_refuses_the_character(policy: str) -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(_mt103_with_umlaut(), "MT103", charset_policy=policy)
    assert caught.value.code == "mt.writer.unsafe"
    assert caught.value.path == "MT103:70"


@pytest.mark.parametrize("policy", ["KEEP", "Keep"])
def test_keep_in_any_case_keeps_the_character(policy: str) -> None:
    out = finmsg.convert(_mt103_with_umlaut(), "MT103", charset_policy=policy)
    assert b":70:M\xc3\xbcller INVOICE 42\r\n" in out.value
    assert "mt.writer.charset_kept" in [d.code for d in out.diagnostics]


def test_write_takes_the_same_spellings_as_convert() -> None:
    message = finmsg.parse(_mt103_with_umlaut()).value
    out = finmsg.write(message, "MT103", charset_policy="TRANSLITERATE")
    assert b":70:Muller INVOICE 42\r\n" in out.value


def test_write_refuses_a_value_outside_the_choices_as_convert_does() -> None:
    message = finmsg.parse(MT103.read_bytes()).value
    with pytest.raises(OptionError) as caught:
        finmsg.write(message, "MT103", charset_policy="drop")
    assert caught.value.code == "option.choice"
    expected = "option charset_policy takes one of transliterate, reject, keep, not 'drop'"
    assert caught.value.message == expected


def test_the_check_hands_back_the_declared_spelling() -> None:
    given = {"charset_policy": "KEEP", "cbpr_release": "sr2025", "profile": "CBPR+"}
    checked = check_options(given, read=("iso20022", "mt"), write=("mt",))
    assert dict(checked) == {"charset_policy": "keep", "cbpr_release": "SR2025", "profile": "cbpr+"}


def test_the_command_line_takes_any_case_too(tmp_path: Path) -> None:
    source = tmp_path / "in.fin"
    source.write_bytes(_mt103_with_umlaut())
    out = io.StringIO()
    argv = [
        "convert",
        str(source),
        "--to",
        "MT103",
        "-o",
        "charset_policy=Keep",
        "--out",
        str(tmp_path / "o"),
    ]
    code = main(argv, out=out)
    assert code == 0, out.getvalue()
    (written,) = (tmp_path / "o").rglob("*.fin")
    assert b":70:M\xc3\xbcller INVOICE 42\r\n" in written.read_bytes()


def test_the_command_line_names_the_choices_of_a_wrong_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.fin"
    source.write_bytes(MT103.read_bytes())
    argv = ["convert", str(source), "--to", "MT103", "-o", "charset_policy=rejected", "--out", str(tmp_path)]
    assert main(argv, out=io.StringIO()) == 2
    expected = "charset_policy takes one of transliterate, reject, keep, not 'rejected'"
    assert expected in capsys.readouterr().err
