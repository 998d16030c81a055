"""The MT, FIX and ISO 20022 families declare what each option key takes (brief LE item 6).

Before, their keys were declared by name only: ``declared_options()`` listed every one as
``text`` with no help, ``convert --help`` could not say which values a key takes, and the
library checked no value of a closed set before reading (``charset_policy=bogus`` failed only
when the writer met it, after reading and translating; ``DefaultApplVerID=77`` was never
checked by the library at all). Each wrong value below is refused before the input is read:
the input is a file that does not exist, so reading it would fail with ``input.unreadable``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.cli import EXIT_USAGE, main
from finmsg.errors import OptionError
from finmsg.fix.dictionary import APPL_VER_IDS
from finmsg.mt.writer import _POLICIES
from finmsg.registry import DeclaredOption, declared_options

MISSING = Path("/nonexistent/finmsg-le/input.fin")
QUICKFIX_BOOLS = (
    "ValidateFieldsOutOfOrder",
    "ValidateFieldsHaveValues",
    "ValidateUserDefinedFields",
    "AllowUnknownMsgFields",
    "ValidateLengthAndChecksum",
    "UseDataDictionary",
    "CheckLatency",
)


def _listed(layer: str) -> dict[tuple[str, str], DeclaredOption]:
    return {(o.key, o.side): o for o in declared_options([layer])}


def test_mt_keys_have_kinds_help_and_the_charset_policy_choices() -> None:
    listed = _listed("mt")
    policy = listed[("charset_policy", "write")]
    assert (policy.kind, policy.choices, policy.cli) == ("choice", ("transliterate", "reject", "keep"), True)
    assert set(policy.choices) == set(_POLICIES)  # the writer's own list: the two cannot drift apart
    for key in ("allow_lf", "allow_cr", "allow_bom", "allow_block_order", "allow_trailing_text"):
        assert listed[(key, "read")].kind == "bool" and listed[(key, "read")].help
    assert listed[("max_bytes", "read")].kind == "int"
    assert listed[("mt", "read")].kind == "object"  # the whole ParseOptions, library only


def test_fix_keys_have_kinds_help_and_the_appl_ver_id_choices() -> None:
    listed = _listed("fix")
    for side in ("read", "write"):
        appl = listed[("DefaultApplVerID", side)]
        assert (appl.kind, appl.choices) == ("choice", ("2", "3", "4", "5", "6", "7", "8", "9"))
    assert listed[("DefaultApplVerID", "read")].choices == tuple(APPL_VER_IDS)  # the engine's codes
    for key in QUICKFIX_BOOLS:
        assert listed[(key, "read")].kind == "bool"
    assert listed[("MaxLatency", "read")].kind == "int"
    for key in ("delimiter", "encoding", "dictionary", "overlay"):  # open sets (a path, a codec)
        option = listed[(key, "read")]
        assert (option.kind, option.choices) == ("text", ()) and option.help


def test_iso_keys_have_kinds_and_keep_the_profile_choices() -> None:
    listed = _listed("iso20022")
    assert listed[("max_bytes", "read")].kind == "int"
    assert listed[("max_depth", "read")].kind == "int"
    assert listed[("validate_output", "write")].kind == "bool"
    assert listed[("envelope_tag", "write")].help
    assert listed[("cbpr_release", "read")].choices == ("SR2025", "SR2026")
    assert listed[("profile", "read")].choices == ("cbpr+",)


@pytest.mark.parametrize(
    ("call", "key", "value"),
    [
        (lambda **o: finmsg.convert(MISSING, "mt103", **o), "charset_policy", "ascii"),
        (lambda **o: finmsg.convert_all(MISSING, "mt103", **o), "charset_policy", "drop"),
        (lambda **o: finmsg.parse(MISSING, **o), "DefaultApplVerID", "77"),
        (lambda **o: finmsg.validate(MISSING, **o), "DefaultApplVerID", "FIX.4.4"),
        (lambda **o: finmsg.convert(MISSING, "fix", **o), "DefaultApplVerID", "10"),
    ],
)
def test_a_value_outside_a_closed_set_is_refused_before_the_input_is_read(
    call: object, key: str, value: str
) -> None:
    with pytest.raises(OptionError) as caught:
        call(**{key: value})  # type: ignore[operator]
    assert (caught.value.code, caught.value.path) == ("option.choice", f"option {key}")
    assert repr(value) in caught.value.message


def test_a_value_inside_the_set_still_works() -> None:
    mt103 = Path(__file__).resolve().parents[1] / "fixtures/mt/mt103_basic/input.fin"
    xml = finmsg.convert(mt103, "pacs.008.001.08").value
    for policy in ("transliterate", "reject", "keep"):
        assert finmsg.convert(xml, "mt103", charset_policy=policy).value.startswith(b"{1:")


def test_convert_help_lists_the_values_of_the_closed_sets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "charset_policy=transliterate|reject|keep" in text
    assert "DefaultApplVerID=2|3|4|5|6|7|8|9" in text


def test_the_command_line_refuses_a_wrong_value_as_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["convert", str(MISSING), "--to", "mt103", "--out", str(tmp_path / "o"), "-o", "charset_policy=x"]
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "charset_policy takes one of transliterate, reject, keep, not 'x'" in err
