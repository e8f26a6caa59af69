"""Fixtures of the OAI-PMH tests: requests whose answers are checked against
the protocol's schema."""

import pytest

from .support import ADMIN_EMAIL, valid_document


@pytest.fixture(autouse=True)
def oai_settings(settings):
    settings.FESTARCHIVE_OAI = {"ADMIN_EMAIL": ADMIN_EMAIL}
    return settings


@pytest.fixture
def oai(client):
    """GET the endpoint with these arguments; the checked document."""

    def request(**arguments):
        response = client.get("/oai", arguments)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        return valid_document(response.content)

    return request
