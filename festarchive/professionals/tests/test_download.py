"""A professional's own data download holds their professional side, and
deleting the account erases it."""

import json

import pytest
from django.urls import reverse

from festarchive.professionals.models import Accreditation

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_data_download_holds_the_accreditation(pro_client, professional):
    data = json.loads(pro_client.get(reverse("accounts:data-json")).content)
    (accreditation,) = data["professional"]["accreditations"]
    assert accreditation["organisation"] == "Docs Festival"
    assert accreditation["status"] == "approved"
    rows = pro_client.get(reverse("accounts:data-csv")).content.decode()
    assert "accreditation" in rows and "Docs Festival" in rows


def test_a_visitor_who_never_applied_has_no_professional_part(client, visitor_user):
    client.force_login(visitor_user)
    data = json.loads(client.get(reverse("accounts:data-json")).content)
    assert data["professional"] is None


def test_deleting_the_account_erases_the_accreditation(pro_client, professional):
    response = pro_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not Accreditation.objects.filter(user_id=professional.pk).exists()
