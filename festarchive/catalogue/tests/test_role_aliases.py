"""Credit labels as festivals print them, read as the vocabulary's roles."""

import pytest

from festarchive.catalogue.role_aliases import (
    ROLE_ALIASES,
    label_key,
    nearest_roles,
    role_for_label,
    roles_for_label,
)
from festarchive.catalogue.vocabulary import ROLES


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Producer", "production"),
        ("Produced by", "production"),
        ("PRODUCED BY:", "production"),
        ("Executive producer", "production"),
        ("Directed by", "director"),
        ("Regisseur", "director"),
        ("réalisation", "director"),
        ("CAMERA", "cinematography"),
        ("DoP", "cinematography"),
        ("Kamera", "cinematography"),
        ("Editor", "editing"),
        ("Schnitt", "editing"),
        ("Ton", "sound"),
        ("Sounddesign", "sound-design"),
        ("Musique", "music"),
        ("Drehbuch", "screenplay"),
        ("  written   by ", "screenplay"),
        ("Geluid/Sound", "sound"),
        ("Regie & Director", "director"),
    ],
)
def test_a_printed_label_is_read_as_its_role(label, slug):
    assert role_for_label(label) == slug


def test_a_combined_label_of_two_roles_names_both_but_is_no_one_role():
    assert roles_for_label("Sound/Sounddesign") == ("sound", "sound-design")
    assert role_for_label("Sound/Sounddesign") is None


def test_a_label_with_an_unknown_part_names_no_role():
    assert roles_for_label("Sound/Juggling") == ()
    assert role_for_label("Juggler") is None


def test_names_given_go_before_the_table():
    assert role_for_label("Camera", names={"camera": "editing"}) == "editing"


def test_every_alias_answers_to_its_own_role_and_roles_exist():
    slugs = {slug for slug, *_rest in ROLES}
    assert set(ROLE_ALIASES) <= slugs
    for slug, labels in ROLE_ALIASES.items():
        for label in labels:
            assert label_key(label), label
            assert role_for_label(label) == slug, label


def test_the_nearest_roles_of_a_misspelt_label():
    assert nearest_roles("Prodcuer")[0] == "production"
    assert nearest_roles("Xylophone") == []
