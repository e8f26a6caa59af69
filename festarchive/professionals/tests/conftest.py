"""The four kinds of user every professional route is tried as."""

import pytest

from .factories import make_holder_film, make_professional, make_user


@pytest.fixture
def professional(db):
    return make_professional()


@pytest.fixture
def other_professional(db):
    return make_professional("other@example.org", role="distributor")


@pytest.fixture
def expired_professional(db):
    return make_professional("expired@example.org", days_left=-1)


@pytest.fixture
def visitor_user(db):
    return make_user("visitor@example.org")


@pytest.fixture
def pro_client(client, professional):
    client.force_login(professional)
    return client


@pytest.fixture
def holder_film(db):
    """A published film whose world sales company has an e-mail address."""
    return make_holder_film()


@pytest.fixture
def film_without_holder(db):
    return make_holder_film("Nobody Answers", holder_email=None)
