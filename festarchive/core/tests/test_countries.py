"""Countries as people write them, and lists of them."""

import pytest

from festarchive.core.countries import country_code_for_name, split_countries


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Cape Verde", "CV"),
        ("Netherlands, The", "NL"),
        ("the netherlands", "NL"),
        ("Korea, Republic of", "KR"),
        ("Congo, The Democratic Republic of the", "CD"),
        ("Burma", "MM"),
        ("Ivory Coast", "CI"),
        ("USSR", "SUHH"),
        ("West Germany", "DE"),
        ("Oost-Duitsland", "DDDE"),
        ("Zwitserland", "CH"),
        ("SUHH", "SUHH"),
    ],
)
def test_a_country_name_is_read_as_its_code(name, code):
    assert country_code_for_name(name) == code


def test_an_unknown_name_or_reserved_code_is_no_country():
    assert country_code_for_name("Atlantis") is None
    assert country_code_for_name("XX") is None


def test_a_list_keeps_inverted_names_whole():
    assert split_countries("Netherlands, The; Korea, Republic of / France") == [
        "Netherlands, The",
        "Korea, Republic of",
        "France",
    ]
    assert split_countries("Netherlands, Belgium") == ["Netherlands", "Belgium"]
    assert split_countries(" ; ") == []
