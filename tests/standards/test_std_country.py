"""ISO 3166-1 alpha-2 codes and the conservative name lookup."""

from __future__ import annotations

import pytest

from finmsg.standards import country
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidLength


@pytest.mark.parametrize("code", ["DE", "US", "GB", "CH", "AX", "SS", "CW", "bq"])
def test_valid(code: str) -> None:
    assert country.validate(code) == code.upper()
    assert country.is_valid(code)


@pytest.mark.parametrize(
    "value, error",
    [
        ("UK", InvalidComponent),  # exceptionally reserved, not assigned
        ("XK", InvalidComponent),  # user-assigned (Kosovo), not ISO 3166-1
        ("EU", InvalidComponent),
        ("ZZ", InvalidComponent),
        ("D", InvalidLength),
        ("DEU", InvalidLength),
        ("D1", InvalidFormat),
    ],
)
def test_invalid(value: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        country.validate(value)
    assert not country.is_valid(value)


def test_codes_size() -> None:
    # ISO 3166-1 has 249 officially assigned alpha-2 codes.
    assert len(country.codes()) == 249


def test_name() -> None:
    assert country.name("ch") == "Switzerland"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Germany", "DE"),
        ("GERMANY", "DE"),
        ("Federal Republic of Germany", "DE"),
        ("Deutschland", "DE"),
        ("  germany. ", "DE"),
        ("United Kingdom", "GB"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("UK", "GB"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("USA", "US"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Côte d’Ivoire", "CI"),
        ("COTE D'IVOIRE", "CI"),
        ("The Netherlands", "NL"),
        ("Schweiz", "CH"),
        ("Guinea", "GN"),
        ("Equatorial Guinea", "GQ"),
        ("Czechia", "CZ"),
        ("Türkiye", "TR"),
        ("DEU", "DE"),
        ("che", "CH"),
        ("fr", "FR"),
    ],
)
def test_lookup(text: str, expected: str) -> None:
    assert country.lookup(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Korea", "Narnia", "", "   ", "Bavaria", "New York", "Berlin Germany", "XK", "Kosovo", "G" * 500],
)
def test_lookup_never_guesses(text: str) -> None:
    assert country.lookup(text) is None


@pytest.mark.parametrize("word, code", [("AND", "AD"), ("CAN", "CA"), ("CA", "CA"), ("ARE", "AE")])
def test_lookup_codes_can_be_switched_off(word: str, code: str) -> None:
    assert country.lookup(word) == code
    assert country.lookup(word, codes_allowed=False) is None


def test_lookup_names_work_without_codes() -> None:
    assert country.lookup("Canada", codes_allowed=False) == "CA"
    assert country.lookup("UK", codes_allowed=False) == "GB"
