"""Every bad ``-o`` is a usage error: exit 2, one line on stderr naming the key, the value and
what is accepted, and nothing written. Covers a limit no input can pass (``max_bytes=-5``), a FIX
dictionary or encoding that does not exist, and an unknown key (a typo), for every command that
takes ``-o``, and the same values through the library."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import EXIT_OK, EXIT_USAGE, main
from finmsg.errors import OptionError
from tests.conftest import FIXTURES
from tests.fix.helpers import order

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
MT103 = FIXTURES / "mt" / "mt103_basic" / "input.fin"


def _fix_file(tmp_path: Path) -> Path:
    source = tmp_path / "order.fix"
    source.write_bytes(order())
    return source


def _usage_error(capsys: pytest.CaptureFixture[str], argv: list[str], *words: str) -> str:
    """Run the CLI; it must exit 2 with exactly one stderr line holding each of ``words``."""
    code = main(argv)
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert code == EXIT_USAGE, captured.err
    assert len(lines) == 1, lines
    assert "Traceback" not in captured.err
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert captured.out == ""
    return lines[0]


def _convert(source: Path, out: Path, target: str, *options: str) -> list[str]:
    argv = ["convert", str(source), "--to", target, "--out", str(out), "--progress", "none"]
    for option in options:
        argv += ["-o", option]
    return argv


# --- limits no input can pass ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "accepted"),
    [
        ("max_bytes=-5", "at least 1"),
        ("max_bytes=0", "at least 1"),
        ("max_depth=0", "from 1 to 256"),
        ("max_depth=1000", "from 1 to 256"),  # libxml2 stops at 256 levels: 1000 would silently mean 256
    ],
)
def test_a_limit_no_input_can_pass_is_a_usage_error_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, accepted: str
) -> None:
    out = tmp_path / "out"
    key, _, value = option.partition("=")
    _usage_error(capsys, _convert(PACS008, out, "pacs.008.001.13", option), key, repr(value), accepted)
    assert not out.exists()


def test_a_negative_mt_size_limit_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    _usage_error(capsys, _convert(MT103, out, "json", "max_bytes=-5"), "max_bytes", "'-5'")
    assert not out.exists()


@pytest.mark.parametrize("value", [-5, 0])
def test_the_library_refuses_a_size_limit_below_one(value: int) -> None:
    with pytest.raises(OptionError) as iso:
        finmsg.parse(PACS008.read_bytes(), max_bytes=value)
    assert iso.value.path == "option max_bytes"
    with pytest.raises(OptionError) as mt:
        finmsg.parse(MT103.read_bytes(), max_bytes=value)
    assert mt.value.path == "option max_bytes"


def test_a_usable_limit_is_still_applied_per_message(tmp_path: Path) -> None:
    # The negative control: a small but positive limit is the input's problem, not a usage error.
    out = tmp_path / "out"
    assert main(_convert(PACS008, out, "pacs.008.001.13", "max_bytes=100")) == 1
    assert main(_convert(PACS008, tmp_path / "ok", "pacs.008.001.13", "max_bytes=10000000")) == EXIT_OK


# --- FIX dictionary and encoding ----------------------------------------------------------------


def test_an_unknown_fix_dictionary_is_a_usage_error_naming_the_bundled_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    line = _usage_error(
        capsys, _convert(_fix_file(tmp_path), out, "json", "dictionary=FIX99"), "dictionary", "'FIX99'"
    )
    assert "FIX.4.4" in line and "FIX.5.0SP2" in line  # what is accepted
    assert not out.exists()


def test_a_missing_fix_dictionary_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "FIX44.xml"
    _usage_error(
        capsys, _convert(_fix_file(tmp_path), tmp_path / "out", "json", f"dictionary={missing}"), str(missing)
    )


@pytest.mark.parametrize("encoding", ["bogus", "utf-16"])
def test_a_fix_encoding_no_message_can_use_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    out = tmp_path / "out"
    line = _usage_error(
        capsys, _convert(_fix_file(tmp_path), out, "json", f"encoding={encoding}"), "encoding", repr(encoding)
    )
    assert "latin-1" in line  # an example of what is accepted
    assert not out.exists()


def test_the_library_refuses_an_unknown_fix_dictionary_and_encoding() -> None:
    with pytest.raises(OptionError) as dictionary:
        finmsg.parse(order(), dictionary="FIX99")
    assert dictionary.value.code == "fix.option.dictionary"
    with pytest.raises(OptionError) as encoding:
        finmsg.parse(order(), encoding="bogus")
    assert encoding.value.code == "fix.option.encoding"


def test_a_bundled_dictionary_and_a_usable_encoding_still_read(tmp_path: Path) -> None:
    result = finmsg.parse(order(), dictionary="FIX.4.4", encoding="latin-1")
    assert result.value.message_type == "D"
    out = tmp_path / "out"
    assert main(_convert(_fix_file(tmp_path), out, "json", "dictionary=fix44", "encoding=cp1252")) == EXIT_OK
    assert (out / "order.json").is_file()


@pytest.mark.parametrize(
    ("option", "code"),
    [
        ("overlay=mifid3", "fix.option.overlay"),
        ("DefaultApplVerID=77", "option.choice"),  # a declared choice: refused by the registry first
        ("ValidateUserDefinedFields=maybe", "option.invalid"),
    ],
)
def test_other_unusable_fix_values_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, code: str
) -> None:
    _usage_error(capsys, _convert(_fix_file(tmp_path), tmp_path / "out", "json", option), f"[{code}]")


# --- unknown keys, for every command that takes -o ---------------------------------------------


def test_a_misspelt_key_in_convert_is_a_usage_error_with_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    line = _usage_error(
        capsys,
        _convert(PACS008, out, "pacs.008.001.13", "valdate_output=true"),
        "[option.unknown]",
        "valdate_output='true'",
        "did you mean validate_output?",
        "convert --to pacs.008.001.13 understands:",
    )
    assert "envelope_tag" in line and "max_bytes" in line  # the accepted keys are listed
    assert not out.exists()


def test_an_unknown_key_stops_a_parallel_run_of_a_folder_before_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        (inputs / f"p{n}.xml").write_bytes(PACS008.read_bytes())
    (inputs / "o.fix").write_bytes(order())
    out = tmp_path / "out"
    argv = [
        *_convert(inputs, out, "json", "valdate_output=true"),
        "--jobs",
        "2",
        "--ledger",
        str(tmp_path / "l"),
    ]
    _usage_error(capsys, argv, "valdate_output")
    assert not out.exists()
    assert not (tmp_path / "l").exists()


def test_a_writer_option_of_another_target_is_unknown_to_convert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # charset_policy is the MT writer's: converting to ISO 20022 would ignore it without a word.
    _usage_error(
        capsys, _convert(MT103, tmp_path / "out", "pacs.008", "charset_policy=keep"), "charset_policy"
    )


def test_a_writer_option_is_unknown_to_a_row_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _usage_error(
        capsys, _convert(PACS008, tmp_path / "out", "jsonl", "validate_output=true"), "validate_output"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["detect", str(PACS008)],
        ["validate", str(PACS008)],
        ["inspect", str(PACS008)],
        ["report", "screening", str(PACS008)],
    ],
)
def test_an_unknown_key_is_a_usage_error_in_every_reading_command(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    _usage_error(
        capsys, [*argv, "-o", "allow_lff=true"], "allow_lff='true'", "did you mean allow_lf?", argv[0]
    )


def test_a_writer_option_is_unknown_to_a_reading_command(capsys: pytest.CaptureFixture[str]) -> None:
    _usage_error(capsys, ["validate", str(PACS008), "-o", "validate_output=true"], "validate_output")


def test_report_refuses_a_bad_limit_before_printing_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    argv = ["report", "screening", str(PACS008), "--out", str(report), "-o", "max_depth=-1"]
    _usage_error(capsys, argv, "max_depth", "'-1'")
    assert not report.exists()


def test_known_keys_with_usable_values_are_accepted_by_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["detect"], ["validate"], ["inspect"]):
        code = main(
            [*argv, str(PACS008), "-o", "max_depth=64", "-o", "allow_lf=false", "-o", "UseDataDictionary=N"]
        )
        assert code == EXIT_OK, capsys.readouterr().err
    capsys.readouterr()


# --- what the README names is accepted ----------------------------------------------------------

#: Every option the README names (``-o`` paragraph and the library examples), with a usable value.
README_OPTIONS = {
    "ValidateUserDefinedFields": "N",
    "UseDataDictionary": "N",
    "delimiter": "|",
    "overlay": "mifid2",
    "validate_output": "true",
    "allow_trailing_text": "true",
    "allow_unclosed_last_block": "true",
    "allow_loose_block4_end": "true",
}


def test_every_option_the_readme_names_is_accepted(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in README_OPTIONS:
        assert re.search(rf"\b{name}\b", readme), name  # the list above follows the README
    options = [f"{key}={value}" for key, value in README_OPTIONS.items()]
    out = tmp_path / "out"
    assert main(_convert(PACS008, out, "pacs.008.001.13", *options)) == EXIT_OK
    assert (out / "input.xml").is_file()
    fix_out = tmp_path / "fix"
    # the order is SOH-framed, and JSON has no XSD to check: the FIX reader's options alone
    fix_options = [o for o in options if not o.startswith(("delimiter", "validate_output"))]
    assert main(_convert(_fix_file(tmp_path), fix_out, "json", *fix_options)) == EXIT_OK


def test_the_readme_library_options_are_accepted() -> None:
    # finmsg.convert(fin, "pacs.008.001.08", validate_output=True) and convert(fill, "mt541", ssi=...)
    from finmsg.registry import check_options

    check_options({"validate_output": True}, read=["mt"], write=["iso20022", "translate"])
    check_options({"ssi": "ssi.json"}, read=["fix"], write=["mt", "translate"])


# --- the declaration hook -----------------------------------------------------------------------


def test_a_plugin_layer_declares_its_own_options_and_value_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from finmsg import registry

    def check(options: Mapping[str, object]) -> None:
        if options.get("acme_mode") not in (None, "fast", "safe"):
            raise OptionError("acme_mode is fast or safe", path="option acme_mode")

    monkeypatch.setitem(
        registry._OPTION_SPECS, "acme", registry.OptionSpec(read=frozenset({"acme_mode"}), check=check)
    )
    registry.check_options({"acme_mode": "fast", "max_depth": "9"}, read=["acme", "iso20022"])
    with pytest.raises(OptionError, match="fast or safe"):
        registry.check_options({"acme_mode": "slow"}, read=["acme"])
    with pytest.raises(OptionError, match="unknown option acme_mode"):
        registry.check_options({"acme_mode": "fast"}, read=["iso20022"])  # not a layer this call reaches
    # names only (a per-message caller): the value is left to the layer that reads it
    registry.check_options({"acme_mode": "slow"}, read=["acme"], values=False)


def test_a_family_that_declares_nothing_takes_no_option() -> None:
    from finmsg.registry import check_options

    with pytest.raises(OptionError) as caught:
        check_options({"indent": "2"}, read=["json"], where="convert --to json")
    assert caught.value.code == "option.unknown"
    assert "convert --to json understands: no option" in caught.value.message
