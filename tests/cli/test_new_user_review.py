"""Rough edges a new user met on the command line (session-7 review): findings that a run
exiting 0 did not mention, a ``--strict`` quarantine naming an info as its reason, runs that
silently did nothing, and unusable flag values that were accepted."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from finmsg.cli import CBPR_RELEASES, EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from finmsg.iso20022.cbpr import DEFAULT_RELEASE
from tests.conftest import FIXTURES

MT103 = FIXTURES / "mt" / "mt103_basic" / "input.fin"
CAMT054 = FIXTURES / "iso20022" / "camt054-debit-batch" / "input.xml"
ROUTING = ["-o", "sender=ESSEFIHXXXX", "-o", "receiver=DEUTDEFFXXX"]


def _convert(*args: str) -> int:
    return main(["convert", *args, "--progress", "none"])


def test_warnings_of_a_clean_run_are_counted_on_stderr_and_in_the_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The MT103's 50K and 59 addresses name no recognisable town/country: two TR024 warnings
    # on one message, which is still converted (exit 0).
    ledger = tmp_path / "ledger.json"
    code = _convert(str(MT103), "--to", "pacs.008", "--out", str(tmp_path / "out"), "--ledger", str(ledger))
    assert code == EXIT_OK
    err = capsys.readouterr().err.splitlines()
    findings = [line for line in err if line.startswith("finmsg: findings:")]
    assert findings == [
        "finmsg: findings: 0 converted message(s) with lossy findings, 1 with warnings; "
        "rerun with --report FILE to list them"
    ]
    assert err[-1].startswith("finmsg: ledger: inputs=1 messages=1 converted=1 quarantined=0")
    counts = json.loads(ledger.read_text())
    assert {k: counts[k] for k in ("inputs", "messages", "converted", "quarantined")} == {
        "inputs": 1,
        "messages": 1,
        "converted": 1,
        "quarantined": 0,
    }
    assert counts["converted_lossy"] == 0 and counts["converted_with_warnings"] == 1


def test_lossy_conversion_is_counted_and_points_to_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A camt.054 notification of several entries written as one MT900/910 confirmation
    # drops the entries after the first: lossy, yet converted without --strict.
    report = tmp_path / "report.jsonl"
    ledger = tmp_path / "ledger.json"
    args = [str(CAMT054), "--to", "mt", *ROUTING, "--out", str(tmp_path / "out"), "--report", str(report)]
    assert main(["convert", *args, "--ledger", str(ledger), "--progress", "json"]) == EXIT_OK
    err = capsys.readouterr().err
    # the dropped members are reported as warnings: the one message counts under both
    assert (
        f"finmsg: findings: 1 converted message(s) with lossy findings, 1 with warnings; see {report}\n"
        in err
    )
    counts = json.loads(ledger.read_text())
    assert counts["converted_lossy"] == 1
    done = [json.loads(line) for line in err.splitlines() if line.startswith("{")][-1]
    assert done["event"] == "done" and done["converted_lossy"] == 1
    assert any(json.loads(line)["code"] == "lossy.dropped" for line in report.read_text().splitlines())


def test_a_clean_run_prints_no_findings_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
    assert _convert(str(source), "--to", "json", "--out", str(tmp_path / "out")) == EXIT_OK
    assert "findings:" not in capsys.readouterr().err


def test_strict_quarantine_names_the_lossy_finding_not_an_earlier_info(tmp_path: Path) -> None:
    # An XML comment gives an info (iso.comments-dropped) that comes first in the list; the
    # strict failure is caused by the lossy findings of the MT translation.
    data = CAMT054.read_bytes()
    at = data.index(b"<Document")
    source = tmp_path / "note.xml"
    source.write_bytes(data[:at] + b"<!-- a note -->" + data[at:])
    quarantine = tmp_path / "q"
    args = [str(source), "--to", "mt", *ROUTING, "--strict", "--quarantine", str(quarantine)]
    assert _convert(*args, "--out", str(tmp_path / "out")) == EXIT_INVALID
    doc = json.loads((quarantine / "note.xml.reason.json").read_text())
    codes = [d["code"] for d in doc["diagnostics"]]
    assert codes[0] == "iso.comments-dropped"
    assert doc["reason"] == "lossy.dropped"


def test_a_pattern_matching_nothing_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pattern = str(tmp_path / "nomatch" / "*.xml")
    out = tmp_path / "out"
    assert _convert(pattern, "--to", "json", "--out", str(out)) == EXIT_USAGE
    assert capsys.readouterr().err == f"finmsg: no file matches the pattern {pattern}\n"
    assert not out.exists()  # refused before anything was written


@pytest.mark.parametrize("command", [["validate"], ["detect"], ["report", "tfr-check"], ["convert"]])
def test_a_folder_with_no_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)  # a folder of folders holds no file either
    tail = (
        ["--to", "json", "--out", str(tmp_path / "out"), "--progress", "none"]
        if command == ["convert"]
        else []
    )
    assert main([*command, str(empty), *tail]) == EXIT_USAGE
    assert capsys.readouterr().err == f"finmsg: the folder {empty} holds no file\n"


def test_out_dash_is_refused_and_creates_no_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _convert(str(MT103), "--to", "json", "--out", "-") == EXIT_USAGE
    assert "--out takes a folder" in capsys.readouterr().err
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("target", "listed"),
    [
        ("pacs.999", "known messages: admi.024, camt.029"),
        ("pacs.999.001.01", "known messages: admi.024, camt.029"),
        ("pacs.008.001.99", "known pacs.008: pacs.008.001.02, pacs.008.001.03"),
    ],
)
def test_an_unknown_iso_target_is_a_usage_error_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, listed: str
) -> None:
    missing = tmp_path / "not-there.fin"  # never read: the target is refused first
    out = tmp_path / "out"
    assert _convert(str(missing), "--to", target, "--out", str(out)) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"finmsg: --to {target}: ") and listed in err and err.count("\n") == 1
    assert not out.exists()


def test_every_known_message_is_listed_for_an_unknown_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert _convert(str(MT103), "--to", "pacs.999", "--out", "unused") == EXIT_USAGE
    listed = capsys.readouterr().err.rstrip("\n").rpartition("known messages: ")[2].split(", ")
    # the message families the README names, securities ones included
    for family in ("pacs.008", "pacs.009", "camt.053", "pain.001", "sese.023", "sese.025", "setr.027"):
        assert family in listed


def test_known_targets_still_convert(tmp_path: Path) -> None:
    for target in ("pacs.008", "PACS.008.001.13", "iso20022"):
        assert _convert(str(MT103), "--to", target, "--out", str(tmp_path / target)) == EXIT_OK


@pytest.mark.parametrize("release", ["SR2099", "banana", "2026"])
def test_an_unusable_cbpr_release_is_a_usage_error(capsys: pytest.CaptureFixture[str], release: str) -> None:
    source = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
    assert main(["validate", "--cbpr-release", release, str(source)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--cbpr-release" in err and "SR2025" in err and "SR2026" in err


def test_cbpr_releases_are_accepted_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
    assert main(["validate", "--cbpr-release", "sr2025", str(source)]) == EXIT_OK
    assert "cbpr.release" not in capsys.readouterr().out
    assert DEFAULT_RELEASE in CBPR_RELEASES  # the library's default is one the flag offers


def test_version_prints_the_installed_distribution_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out == f"finmsg {version('finmsg')}\n"


@pytest.mark.parametrize(
    ("command", "one"),
    [
        ("detect", "1 an input is not a message finmsg knows"),
        ("validate", "1 a message is invalid"),
        ("inspect", "1 the message could not be read"),
        ("convert", "1 a message was quarantined"),
        ("reconcile", "1 a mismatch"),
        ("report", "1 an error finding or a rejected input"),
    ],
)
def test_every_command_help_states_its_exit_codes(
    capsys: pytest.CaptureFixture[str], command: str, one: str
) -> None:
    assert main([command, "--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())  # help text is wrapped: compare words
    assert "exit codes: 0 " in text and one in text and "2 usage or I/O error" in text


def test_positional_inputs_have_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["detect"], ["validate"], ["inspect"], ["report"], ["convert"]):
        assert main([*command, "--help"]) == EXIT_OK
        section = capsys.readouterr().out.split("positional arguments:")[1].split("options:")[0]
        assert "stdin" in section, command


def test_convert_help_lists_targets_and_option_keys_from_the_registry(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from finmsg import registry

    registry.registered_formats()
    mt = registry._OPTION_SPECS["mt"]
    # a key declared now must show up: the list is built from the declarations, not kept by hand
    monkeypatch.setitem(
        registry._OPTION_SPECS, "mt", registry.OptionSpec(mt.read, mt.write | {"zz_declared_key"}, mt.check)
    )
    assert main(["convert", "--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    words = set(text.replace(",", " ").replace(":", " ").split())
    for target in ("iso20022", "mt", "fix", "json", "mt103", "mt940", "pacs.008", "sese.023", "setr.027"):
        assert target in words, target
    for rows in ("jsonl", "csv", "parquet"):
        assert rows in words, rows
    assert "-o keys for writing mt: charset_policy, zz_declared_key" in text
    for key in ("ValidateUserDefinedFields", "cbpr_release", "validate_output", "sender", "receiver"):
        assert key in words, key
    # options that take a whole object (library only) are not offered to the command line
    assert "fix_options" not in words and "mt_options" not in words


def test_report_with_a_rejected_input_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    # a camt.053 statement is no credit transfer: tfr-check rejects it, and says so by its exit code
    statement = FIXTURES / "iso20022" / "camt053-cbpr-envelope" / "input.xml"
    assert main(["report", "tfr-check", str(statement)]) == EXIT_INVALID
    assert "1 rejected" in capsys.readouterr().err


def test_a_resumed_run_reports_the_same_finding_counts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    args = [str(MT103), str(CAMT054), "--to", "pacs.008", "--out", str(out), "--keep-manifest"]
    _convert(*args, "--ledger", str(first))
    _convert(*args, "--resume", "--ledger", str(second))  # every input comes from the manifest
    assert json.loads(second.read_text()) == json.loads(first.read_text())
    assert json.loads(second.read_text())["converted_with_warnings"] == 1
