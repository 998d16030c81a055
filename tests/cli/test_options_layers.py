"""Option declarations per layer: merged when declared twice, open when a (plugin) layer declares nothing."""

from __future__ import annotations

import pytest

from finmsg import registry
from finmsg.errors import OptionError
from finmsg.registry import OptionSpec, check_options, declare_options


def test_a_second_declaration_adds_names_and_checks(specs: dict[str, OptionSpec]) -> None:
    def refuse_zero(options: registry.Options) -> None:
        if options.get("depth") == "0":
            raise OptionError("depth must be positive", code="option.invalid")

    declare_options("translate", OptionSpec(write=frozenset({"depth"}), check=refuse_zero))
    merged = specs["translate"]
    assert {"now", "sender", "receiver", "depth"} <= merged.write
    check_options({"sender": "COBADEFFXXX", "depth": "3"}, write=("translate",))
    with pytest.raises(OptionError):
        check_options({"depth": "0"}, write=("translate",))
    with pytest.raises(OptionError):  # the built-in check still runs: a bad BIC
        check_options({"sender": "NOT A BIC"}, write=("translate",))


def test_an_undeclared_plugin_family_accepts_its_own_keys(specs: dict[str, OptionSpec]) -> None:
    with pytest.raises(OptionError, match="unknown option"):
        check_options({"swift_dialect": "x"}, read=("mt", "iso20022"))
    check_options({"swift_dialect": "x"}, read=("mt", "iso20022", "acme-plugin"))


def test_values_are_still_checked_when_a_layer_is_open(specs: dict[str, OptionSpec]) -> None:
    with pytest.raises(OptionError):
        check_options({"max_bytes": "-5"}, read=("mt", "acme-plugin"))


def test_the_json_family_is_declared_and_takes_no_option(specs: dict[str, OptionSpec]) -> None:
    assert specs["json"] == OptionSpec()
    with pytest.raises(OptionError, match="unknown option"):
        check_options({"typo": "1"}, read=("json",))
