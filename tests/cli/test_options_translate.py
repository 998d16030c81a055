"""Translation options are checked before anything is read or written, and the library's reading
calls accept any reader's option, as the command line does.

``-o sender=BIC`` / ``-o receiver=BIC`` used to be validated only when a message that needed
them was translated: after the outputs of earlier inputs were written, or never. ``-o now=...``
(text) was accepted and ignored: the translation ran at the current time. And
``finmsg.validate(mt_bytes, profile="cbpr+")`` was refused although ``finmsg validate --profile``
and :func:`finmsg.convert` accept a reading option of any family for any input.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import EXIT_OK, EXIT_USAGE, main
from finmsg.errors import OptionError
from tests.conftest import FIXTURES

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
MT103 = FIXTURES / "mt" / "mt103_basic" / "input.fin"
CAMT053 = FIXTURES / "translate" / "camt053-mt940" / "cbpr-customer-rich" / "input.xml"


def _convert(out: Path, target: str, *options: str, inputs: tuple[Path, ...] = (MT103, CAMT053)) -> list[str]:
    argv = ["convert", *map(str, inputs), "--to", target, "--out", str(out), "--progress", "none"]
    argv += ["--jobs", "1"]
    for option in options:
        argv += ["-o", option]
    return argv


@pytest.mark.parametrize("option", ["sender=BAD", "receiver=NOTABIC!"])
def test_a_bad_routing_bic_is_a_usage_error_before_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    out = tmp_path / "out"
    # the MT103 needs no routing and would be written first; the camt.053 would then stop the run
    assert main(_convert(out, "mt", option)) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"option {option.split('=')[0]} must be a BIC" in err
    assert not out.exists()


def test_a_bad_routing_bic_is_refused_even_when_no_message_would_use_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_convert(tmp_path / "out", "pacs.008.001.13", "sender=BAD", inputs=(PACS008,))) == EXIT_USAGE
    assert "option sender must be a BIC" in capsys.readouterr().err


def test_a_usable_routing_bic_is_accepted(tmp_path: Path) -> None:
    """The negative control: a valid BIC runs (the camt.053's own BICs still win)."""
    assert main(_convert(tmp_path / "out", "mt", "sender=DEUTDEFFXXX", "receiver=BNPAFRPP")) == EXIT_OK


def test_now_as_text_is_a_usage_error_not_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert (
        main(_convert(out, "pacs.008.001.08", "now=2020-01-01T00:00:00+00:00", inputs=(MT103,))) == EXIT_USAGE
    )
    assert "option now takes a datetime" in capsys.readouterr().err
    assert not out.exists()


def test_the_library_still_takes_now_as_a_datetime() -> None:
    now = datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    out = finmsg.convert(MT103.read_bytes(), "pacs.008.001.08", now=now).value
    assert b"2020-01-02T03:04:05" in out


def test_the_library_reading_calls_accept_any_readers_option() -> None:
    fin, xml = MT103.read_bytes(), PACS008.read_bytes()
    assert finmsg.validate(fin, profile="cbpr+").value is not None  # an ISO 20022 reading option
    assert finmsg.parse(xml, allow_lf=True).value is not None  # an MT reading option
    assert len(list(finmsg.parse_all(fin, max_depth=64))) == 1


def test_the_library_reading_calls_still_refuse_an_unknown_key() -> None:
    """The negative control: a key no reader understands, and a writer's key, are still refused."""
    with pytest.raises(OptionError, match="did you mean allow_lf"):
        finmsg.validate(MT103.read_bytes(), allow_lff=True)
    with pytest.raises(OptionError, match="unknown option validate_output"):
        finmsg.parse(PACS008.read_bytes(), validate_output=True)
