"""FixOptions are built once per distinct options mapping (a batch passes the same one for every message)."""

from __future__ import annotations

import pytest

from finmsg.errors import OptionError
from finmsg.fix.options import FixOptions


def test_equal_mappings_share_one_instance() -> None:
    first = FixOptions.from_mapping({"delimiter": "|", "ValidateFieldsOutOfOrder": "N"})
    again = FixOptions.from_mapping({"delimiter": "|", "ValidateFieldsOutOfOrder": "N"})
    assert again is first
    assert first.delimiter == b"|"
    assert first.validation.ValidateFieldsOutOfOrder is False


def test_different_mappings_do_not_share() -> None:
    pipe = FixOptions.from_mapping({"delimiter": "|"})
    caret = FixOptions.from_mapping({"delimiter": "^"})
    assert (pipe.delimiter, caret.delimiter) == (b"|", b"^")


def test_a_refused_value_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(OptionError):
            FixOptions.from_mapping({"encoding": "bogus"})


def test_an_unhashable_value_is_still_read() -> None:
    built = FixOptions.from_mapping({"delimiter": "|", "note": ["not", "hashable"]})
    assert built.delimiter == b"|"
