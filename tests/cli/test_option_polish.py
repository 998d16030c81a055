"""Option errors: what the command line offers, and that a bad key fails before any input is read.

- The "understands" list of a command-line error named ``mt`` and ``fix_options``, which take a
  whole ``ParseOptions`` / ``FixOptions`` object: ``-o KEY=VALUE`` gives text only, so a user
  cannot set them there. The library, which can pass such objects, still lists them.
- ``finmsg inspect`` and the library's ``finmsg.convert`` read the input before checking the
  option names; a misspelt key on a huge (here: unreadable) input must fail at once.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import OptionError

EXIT_USAGE = 2


def _listed(message: str) -> set[str]:
    """The names after ``understands:`` in an option error."""
    found = re.search(r"understands: ([^)]*)\)", message)
    assert found, message
    return set(found.group(1).split(", "))


class _UnreadableStdin:
    """A stdin whose reading fails the test: nothing may be read before the option check."""

    class buffer:  # the attribute name of sys.stdin
        @staticmethod
        def read(*_: object) -> bytes:
            raise AssertionError("the input was read before the option names were checked")


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "-", "--to", "pacs.008.001.13", "--out", "OUT", "--progress", "none"],
        ["validate", "-"],
        ["inspect", "-"],
        ["detect", "-"],
    ],
)
def test_the_command_line_lists_only_keys_a_user_can_set(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _UnreadableStdin())
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in argv]
    assert main([*argv, "-o", "fix_optons=1"], io.StringIO()) == EXIT_USAGE
    line = capsys.readouterr().err.strip()
    assert "[option.unknown]" in line
    listed = _listed(line)
    assert {"allow_cr", "delimiter", "max_bytes"} <= listed  # reading options of MT, FIX, ISO 20022
    assert not listed & {"mt", "fix_options"}
    assert "did you mean" not in line  # the only close name is one a command line cannot give
    assert not (tmp_path / "out").exists()


def test_the_library_still_lists_the_option_objects_it_accepts() -> None:
    data = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured"
    with pytest.raises(OptionError) as caught:
        finmsg.parse((data / "input.xml").read_bytes(), bogus=1)
    assert {"mt", "fix_options"} <= _listed(caught.value.message)


def test_inspect_checks_option_names_before_reading_the_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _UnreadableStdin())
    out = io.StringIO()
    assert main(["inspect", "-", "-o", "bogus=1"], out) == EXIT_USAGE
    assert "[option.unknown]" in capsys.readouterr().err
    assert out.getvalue() == ""


def test_convert_on_the_command_line_fails_on_a_bad_key_not_on_the_missing_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["convert", str(tmp_path / "missing.xml"), "--to", "pacs.008.001.13"]
    assert main([*argv, "--out", str(tmp_path / "out"), "-o", "bogus=1"], io.StringIO()) == EXIT_USAGE
    assert "[option.unknown]" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_library_convert_checks_option_names_before_reading_the_input(tmp_path: Path) -> None:
    with pytest.raises(OptionError) as caught:
        finmsg.convert(tmp_path / "missing.xml", "pacs.008.001.13", bogus=1)  # a read would raise OSError
    assert caught.value.code == "option.unknown"
