import pytest
from django.core.checks import run_checks

from config.settings import base
from festarchive.core.limits import NAMES, check_limits, limit


def test_the_settings_set_every_limit_the_code_reads():
    assert set(base.FESTARCHIVE_LIMITS) == NAMES
    assert check_limits() == []


def test_a_limit_is_read_when_asked_for(settings):
    settings.FESTARCHIVE_LIMITS = {**settings.FESTARCHIVE_LIMITS, "more_from_films": 3}
    assert limit("more_from_films") == 3


def test_an_unknown_limit_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match="'archive_page_size'.*known limits"):
        limit("archive_page_size")


def test_a_limit_left_out_of_the_settings_is_a_key_error(settings):
    settings.FESTARCHIVE_LIMITS = {}
    with pytest.raises(KeyError, match="missing from settings.FESTARCHIVE_LIMITS"):
        limit("more_from_films")


def test_the_check_refuses_unknown_keys_missing_keys_and_bad_values(settings):
    limits = {**settings.FESTARCHIVE_LIMITS, "api_max_limt": 200}
    del limits["recent_views_kept"]
    limits["archive_search_page"] = 0
    limits["api_max_limit"] = "100"
    limits["search_max_words"] = True
    settings.FESTARCHIVE_LIMITS = limits
    ids = sorted(error.id for error in check_limits())
    assert ids == ["core.E102", "core.E103", "core.E104", "core.E104", "core.E104"]


def test_the_check_names_a_setting_the_limits_replaced(settings):
    settings.ARCHIVE_PAGE_SIZE = 48
    assert [error.id for error in check_limits()] == ["core.E105"]


def test_the_check_is_registered(settings):
    settings.FESTARCHIVE_LIMITS = {**settings.FESTARCHIVE_LIMITS, "nope": 1}
    assert "core.E102" in [error.id for error in run_checks()]


def test_the_environment_sets_only_the_keys_it_names():
    assert base.limits_from_env("") == {}
    assert base.limits_from_env('{"api_max_limit": 200}') == {"api_max_limit": 200}
    with pytest.raises(Exception, match="not JSON"):
        base.limits_from_env("api_max_limit=200")
    with pytest.raises(Exception, match="JSON object"):
        base.limits_from_env("[1]")
