"""A ``--processor`` that fails is named as the processor's failure (``batch.processor``), not finmsg's."""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.batch.plugins import load_processor
from finmsg.errors import FinmsgError
from finmsg.model.base import Message

MT103 = Path(__file__).resolve().parents[2] / "fixtures" / "mt" / "mt103_basic" / "input.fin"
HERE = "tests.batch.test_processor_errors"


def raising(model: Message) -> Message:
    raise ValueError("house rule 7 failed")


def returning_text(model: Message) -> str:
    return "not a model"


def passing(model: Message) -> Message:
    return model


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("raising", "raised ValueError: house rule 7 failed"),
        ("returning_text", "returned a str, not a finmsg model (or None to skip)"),
    ],
)
def test_a_failing_processor_is_a_batch_processor_error(name: str, text: str) -> None:
    processor = load_processor(f"{HERE}:{name}")
    with pytest.raises(FinmsgError) as info:
        processor(finmsg.parse(MT103).value)
    assert info.value.code == "batch.processor"
    assert f"processor '{HERE}:{name}' {text}" == info.value.message


def test_a_processor_that_works_is_untouched() -> None:
    message = finmsg.parse(MT103).value
    assert load_processor(f"{HERE}:passing")(message) is message
