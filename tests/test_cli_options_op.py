"""Command-line usage errors for options and inputs (session 8, brief OP).

- ``convert --help`` no longer offers ``now`` (library-only), and ``-o now=...`` says why it is refused;
- ``-o cbpr_release=SR2099`` is a usage error (exit 2, one line) before any input is read, as
  ``--cbpr-release SR2099`` was already;
- a folder whose only files sit in ``--out`` / ``--quarantine`` is the "folder with no file" error.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from finmsg.cli import CBPR_RELEASES, PROFILES, main
from finmsg.registry import declared_options

EXIT_OK, EXIT_USAGE = 0, 2
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"


class _UnreadableStdin:
    """A stdin whose reading fails the test: nothing may be read before the option check."""

    class buffer:  # the attribute name of sys.stdin
        @staticmethod
        def read(*_: object) -> bytes:
            raise AssertionError("the input was read before the option values were checked")


def _words(text: str) -> set[str]:
    return set(" ".join(text.split()).replace(",", " ").replace(":", " ").split())


def test_convert_help_does_not_offer_the_library_only_now(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "--help"]) == EXIT_OK
    help_text = capsys.readouterr().out
    translating = " ".join(help_text.split()).split("-o keys for translating to another family:")[1]
    translating = translating.split("-o values for writing")[0].split("exit codes")[0]
    assert _words(translating) == {"receiver", "sender", "ssi"}


def test_help_names_the_choices_of_the_keys_that_have_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "-o values (any other is refused): cbpr_release=SR2025|SR2026, DefaultApplVerID=2|3|4|5|6|7|8|9, "
        "profile=cbpr+"
    ) in text


@pytest.mark.parametrize("command", [["convert", "--to", "pacs.008.001.08"], ["convert", "--to", "json"]])
def test_now_on_the_command_line_is_refused_as_library_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    out = tmp_path / "out"
    argv = [command[0], str(PACS008), *command[1:], "--out", str(out), "--progress", "none", "-o", "now=2020"]
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "[option.library_only]" in err and "library-only option" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "-"],
        ["detect", "-"],
        ["inspect", "-"],
        ["report", "tfr-check", "-"],
        ["convert", "-", "--to", "pacs.008.001.13", "--out", "OUT", "--progress", "none"],
    ],
)
@pytest.mark.parametrize("option", ["cbpr_release=SR2099", "profile=cbpr"])
def test_a_value_outside_the_declared_choices_is_a_usage_error_before_reading(
    argv: list[str],
    option: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", _UnreadableStdin())
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in argv]
    out = io.StringIO()
    assert main([*argv, "-o", option], out) == EXIT_USAGE
    err = capsys.readouterr().err
    key, _, value = option.partition("=")
    assert err == f"finmsg: [option.choice] at option {key}: option {key} takes one of " + (
        f"SR2025, SR2026, not '{value}'\n" if key == "cbpr_release" else f"cbpr+, not '{value}'\n"
    )
    assert out.getvalue() == "" and not (tmp_path / "out").exists()


def test_a_declared_choice_in_any_case_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-o", "cbpr_release=sr2025", "-o", "profile=CBPR+", str(PACS008)]) == EXIT_OK
    assert "cbpr.release" not in capsys.readouterr().out  # no "unknown release" warning either


def test_the_flags_offer_the_choices_the_library_declares() -> None:
    declared = {o.key: o.choices for o in declared_options(["iso20022"]) if o.choices}
    assert declared == {"cbpr_release": CBPR_RELEASES, "profile": PROFILES}


def _convert(*argv: str) -> int:
    return main(["convert", *argv, "--to", "json", "--progress", "none"])


def test_a_folder_whose_only_file_is_in_out_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "in"
    (root / "out").mkdir(parents=True)
    (root / "out" / "a.xml").write_bytes(PACS008.read_bytes())
    assert _convert(str(root), "--out", str(root / "out")) == EXIT_USAGE
    assert (
        capsys.readouterr().err == f"finmsg: the folder {root} holds no file outside --out {root / 'out'}\n"
    )
    assert sorted(p.name for p in (root / "out").iterdir()) == ["a.xml"]  # nothing written


def test_a_folder_whose_files_are_in_out_and_quarantine_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "in"
    for sub in ("out", "q"):
        (root / sub).mkdir(parents=True)
        (root / sub / "a.xml").write_bytes(PACS008.read_bytes())
    argv = [str(root), "--out", str(root / "out"), "--quarantine", str(root / "q")]
    assert _convert(*argv) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"finmsg: the folder {root} holds no file outside --out {root / 'out'} "
        f"and --quarantine {root / 'q'}\n"
    )


def test_a_pattern_whose_only_matches_are_in_out_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.xml").write_bytes(PACS008.read_bytes())
    pattern = f"{tmp_path}/**/*.xml"
    assert _convert(pattern, "--out", str(tmp_path / "out")) == EXIT_USAGE
    assert (
        capsys.readouterr().err
        == f"finmsg: no file outside --out {tmp_path / 'out'} matches the pattern {pattern}\n"
    )


def test_a_folder_with_one_file_outside_out_still_converts(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "out").mkdir(parents=True)
    (root / "out" / "old.xml").write_bytes(PACS008.read_bytes())
    (root / "a.xml").write_bytes(PACS008.read_bytes())
    assert _convert(str(root), "--out", str(root / "out")) == EXIT_OK
    assert (root / "out" / "a.json").is_file()


@pytest.mark.parametrize("key", ["mt", "fix_options"])
def test_an_options_object_key_is_refused_as_library_only(
    key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["detect", "-o", f"{key}=1", str(PACS008)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err == (
        f"finmsg: [option.library_only] at option {key}: option {key} takes an options object: "
        f"a library-only option; the command line cannot set it (-o {key}='1')\n"
    )


def test_convert_help_lists_writing_choices_a_layer_declares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from finmsg import registry

    registry.registered_formats()
    mt = registry._OPTION_SPECS["mt"]
    detail = registry.OptionDetail("charset_policy", choices=("strict", "replace"))
    monkeypatch.setitem(
        registry._OPTION_SPECS, "mt", registry.OptionSpec(mt.read, mt.write, mt.check, (detail,))
    )
    assert main(["convert", "--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    assert "-o values for writing (any other is refused): charset_policy=strict|replace" in text
    assert (
        main(
            [
                "convert",
                str(PACS008),
                "--to",
                "mt103",
                "--out",
                str(tmp_path / "x"),
                "-o",
                "charset_policy=loose",
            ]
        )
        == EXIT_USAGE
    )
    assert "option charset_policy takes one of strict, replace, not 'loose'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
