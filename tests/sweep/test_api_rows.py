"""``finmsg.convert(data, "csv")``: row targets are batch outputs; the error says where rows come from."""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import UnknownFormatError
from tests.conftest import FIXTURES

MT103 = (FIXTURES / "mt" / "mt103_basic" / "input.fin").read_bytes()


@pytest.mark.parametrize("target", ["csv", "jsonl", "PARQUET"])
def test_row_target_error_points_to_rows_for_and_the_cli(target: str) -> None:
    with pytest.raises(UnknownFormatError) as info:
        finmsg.convert(MT103, target)
    assert "finmsg.etl.rows_for" in info.value.message
    assert f"--to {target.lower()}" in info.value.message


def test_other_unknown_target_keeps_the_plain_error() -> None:
    with pytest.raises(UnknownFormatError) as info:
        finmsg.convert(MT103, "bogus")
    assert "rows_for" not in info.value.message
