"""The registry's public view of declared options, library-only keys and declared choices.

Each test fails on the registry of session 7: it had no public listing (``clihelp`` read the
private ``_OPTION_SPECS``), offered ``now`` to the command line, and checked no choices, so
``cbpr_release="SR2099"`` was only a per-message warning with the SR2026 rules applied.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import finmsg
from finmsg.errors import OptionError
from finmsg.registry import (
    DeclaredOption,
    OptionDetail,
    OptionSpec,
    check_options,
    declare_options,
    declared_options,
)

PACS008 = (
    Path(__file__).resolve().parents[1] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)


def _one(layer: str, key: str, side: str) -> DeclaredOption:
    found = [o for o in declared_options([layer]) if o.key == key and o.side == side]
    assert len(found) == 1, found
    return found[0]


def test_the_listing_gives_layer_key_side_kind_choices_help_and_cli() -> None:
    release = _one("iso20022", "cbpr_release", "read")
    assert release.choices == ("SR2025", "SR2026")
    assert release.kind == "choice"
    assert "CBPR+" in release.help
    assert release.cli is True
    now = _one("translate", "now", "write")
    assert (now.kind, now.cli) == ("datetime", False)
    assert "now=datetime(" in now.help


def test_a_key_declared_without_detail_is_listed_as_text_and_an_options_object_as_library_only(
    specs: dict[str, OptionSpec],
) -> None:
    declare_options("acme", OptionSpec(write=frozenset({"style"})))  # a plugin layer: names only
    style = _one("acme", "style", "write")
    assert (style.kind, style.choices, style.help, style.cli) == ("text", (), "", True)
    for layer, key in (("mt", "mt"), ("fix", "fix_options")):
        option = _one(layer, key, "read")
        assert (option.kind, option.cli) == ("object", False)


def test_a_key_on_both_sides_is_listed_once_per_side() -> None:
    assert [o.side for o in declared_options(["fix"]) if o.key == "delimiter"] == ["read", "write"]


def test_the_listing_covers_every_declared_layer_when_none_is_named() -> None:
    layers = {o.layer for o in declared_options()}
    assert {"iso20022", "mt", "fix", "translate"} <= layers


def test_a_later_detail_replaces_the_earlier_one_and_names_add_up(specs: dict[str, OptionSpec]) -> None:
    declare_options("acme", OptionSpec(read=frozenset({"mode"}), details=(OptionDetail("mode", "old"),)))
    declare_options(
        "acme",
        OptionSpec(read=frozenset({"depth"}), details=(OptionDetail("mode", "new", choices=("a", "b")),)),
    )
    listed = {o.key: o for o in declared_options(["acme"])}
    assert set(listed) == {"depth", "mode"}
    assert (listed["mode"].help, listed["mode"].choices) == ("new", ("a", "b"))


@pytest.mark.parametrize("value", ["SR2099", "banana", "2026"])
def test_a_value_outside_the_choices_is_refused_by_the_library(value: str) -> None:
    with pytest.raises(OptionError) as caught:
        finmsg.validate(PACS008.read_bytes(), cbpr_release=value)
    assert caught.value.code == "option.choice"
    assert caught.value.path == "option cbpr_release"
    assert "SR2025, SR2026" in caught.value.message and repr(value) in caught.value.message


def test_choices_are_refused_by_parse_and_convert_too() -> None:
    with pytest.raises(OptionError, match="option profile takes one of cbpr\\+"):
        finmsg.parse(PACS008.read_bytes(), profile="cbpr")
    with pytest.raises(OptionError, match="cbpr_release"):
        finmsg.convert(PACS008.read_bytes(), "pacs.008.001.13", cbpr_release="SR2099")


def test_choices_match_in_any_case_and_none_means_the_default() -> None:
    assert finmsg.validate(PACS008.read_bytes(), cbpr_release="sr2025", profile="CBPR+").ok
    assert finmsg.validate(PACS008.read_bytes(), cbpr_release=None).ok


def test_choices_are_checked_even_when_the_value_checks_are_not() -> None:
    with pytest.raises(OptionError, match="cbpr_release takes one of SR2025, SR2026"):
        check_options({"cbpr_release": "SR1999"}, read=("iso20022",), values=False)


def test_choices_apply_only_when_a_declaring_layer_is_reached(specs: dict[str, OptionSpec]) -> None:
    declare_options(
        "acme", OptionSpec(write=frozenset({"mode"}), details=(OptionDetail("mode", choices=("a",)),))
    )
    declare_options("other", OptionSpec(write=frozenset({"mode"})))
    check_options({"mode": "z"}, write=("other",))  # free text where it is not a choice
    with pytest.raises(OptionError, match="option mode takes one of a, not 'z'"):
        check_options({"mode": "z"}, write=("other", "acme"))


def test_the_command_line_is_told_why_a_library_only_key_is_refused() -> None:
    with pytest.raises(OptionError) as caught:
        check_options({"now": "2020-01-01"}, write=("translate",), text=True)
    assert caught.value.code == "option.library_only"
    assert "library-only option" in caught.value.message and "takes a datetime" in caught.value.message


def test_the_library_still_takes_now_as_a_datetime() -> None:
    when = datetime(2021, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    check_options({"now": when}, write=("translate",))  # not text: the library may pass it
    mt103 = Path(__file__).resolve().parents[1] / "fixtures" / "mt" / "mt103_basic" / "input.fin"
    assert (
        b"<CreDtTm>2021-05-06T07:08:09"
        in finmsg.convert(mt103.read_bytes(), "pacs.008.001.08", now=when).value
    )


def test_a_library_only_key_is_not_offered_in_the_command_lines_list() -> None:
    with pytest.raises(OptionError) as caught:
        check_options({"nowx": "1"}, write=("translate",), text=True)
    assert "now" not in caught.value.message.split("understands: ")[1].replace(",", " ").split()
    assert "did you mean now" not in caught.value.message
