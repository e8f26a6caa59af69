"""A database from before accounts.User keeps every user and what points at them.

The test database is turned back into one from before the change (no
accounts migrations recorded, no ``display_name`` column, the content type
still ``auth.user``), filled with a visitor, a staff member and what hangs off
them, and then migrated as a deployment would be: ``call_command("migrate")``.
It ends migrated, as the other tests need it.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from festarchive.accounts.models import User
from festarchive.catalogue.models import DistinctPair, Film
from festarchive.catalogue.services import film_create
from festarchive.core.models import ChangeRecord
from festarchive.lists.models import Favourite, FilmList, FilmListItem, RecentView

PASSWORD = "Documentary-Archive-2024"


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {
            column.name
            for column in connection.introspection.get_table_description(cursor, table)
        }


def _make_database_from_before_the_user_model() -> None:
    MigrationRecorder.Migration.objects.filter(app="accounts").delete()
    with connection.schema_editor() as editor:
        editor.remove_field(User, User._meta.get_field("display_name"))
    ContentType.objects.filter(app_label="accounts", model="user").update(
        app_label="auth"
    )


def _insert_user(*, username: str, email: str, is_staff: bool = False) -> int:
    """A row as auth.User wrote it (the model's own columns are not all there)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO auth_user (password, last_login, is_superuser, username,"
            " first_name, last_name, email, is_staff, is_active, date_joined)"
            " VALUES (%s, NULL, %s, %s, '', '', %s, %s, %s, CURRENT_TIMESTAMP)",
            [make_password(PASSWORD), is_staff, username, email, is_staff, True],
        )
        cursor.execute("SELECT id FROM auth_user WHERE username = %s", [username])
        return cursor.fetchone()[0]


@pytest.fixture
def migrated_afterwards():
    """Whatever the test leaves, the database is migrated for the next one
    (``django_migrations`` is not among the tables emptied after a test)."""
    yield
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_migrating_a_database_from_before_accounts_user_keeps_everything(
    migrated_afterwards,
):
    _make_database_from_before_the_user_model()
    assert "display_name" not in _columns("auth_user")

    visitor_id = _insert_user(username="ada", email="ada@example.org")
    staff_id = _insert_user(username="editor", email="", is_staff=True)
    # The rows below only need the ids; no query reads a user's row.
    staff = User(pk=staff_id)
    EmailAddress.objects.create(
        user_id=visitor_id, email="ada@example.org", verified=True, primary=True
    )
    # Wagtail's own migrations make an "Editors" group too.
    editors, _created = Group.objects.get_or_create(name="Editors")
    change_user = Permission.objects.get(
        content_type__app_label="auth", codename="change_user"
    )
    editors.permissions.add(change_user)
    editors.user_set.through.objects.create(user_id=staff_id, group_id=editors.pk)

    film = film_create(title_en="First Light", year=2020, by=staff)
    Film.history.filter(id=film.pk).update(history_user_id=staff_id)
    Favourite.objects.create(user_id=visitor_id, film=film)
    film_list = FilmList.objects.create(user_id=visitor_id, name="Sundays")
    item = FilmListItem.objects.create(film_list=film_list, film=film, note="Yes.")
    RecentView.objects.create(user_id=visitor_id, film=film, viewed_at=timezone.now())
    pair = DistinctPair.objects.create(kind="person", first_id=1, second_id=2, by=staff)
    record = ChangeRecord.objects.get(action="catalogue.film.created")
    assert record.by_id == staff_id

    call_command("migrate", verbosity=0)

    recorded = MigrationRecorder.Migration.objects.filter(app="accounts")
    assert {"0001_initial", "0002_user_display_name"} <= set(
        recorded.values_list("name", flat=True)
    )
    assert "display_name" in _columns("auth_user")
    visitor = User.objects.get(pk=visitor_id)
    staff = User.objects.get(pk=staff_id)
    assert (visitor.username, visitor.email, visitor.display_name) == (
        "ada",
        "ada@example.org",
        "",
    )
    assert staff.is_staff
    assert User.objects.count() == 2

    assert list(Favourite.objects.values_list("user_id", "film_id")) == [
        (visitor_id, film.pk)
    ]
    assert FilmList.objects.get(pk=film_list.pk).user == visitor
    assert FilmListItem.objects.get(pk=item.pk).film_list.user == visitor
    assert RecentView.objects.get(film=film).user == visitor
    assert visitor.favourites.get().film == film
    assert visitor.film_lists.get().items.get() == item
    assert Film.history.get(id=film.pk).history_user == staff
    assert ChangeRecord.objects.get(pk=record.pk).by == staff
    assert DistinctPair.objects.get(pk=pair.pk).by == staff
    assert EmailAddress.objects.get(user=visitor).email == "ada@example.org"

    # auth.User's content type is accounts.User's, permissions and all.
    user_type = ContentType.objects.get_for_model(User)
    assert (user_type.app_label, user_type.model) == ("accounts", "user")
    assert not ContentType.objects.filter(app_label="auth", model="user").exists()
    assert Permission.objects.get(pk=change_user.pk).content_type == user_type
    assert staff.groups.get() == editors
    assert staff.has_perm("accounts.change_user")

    # The visitor logs in with e-mail and password as before.
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "ada@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(visitor_id)


@pytest.mark.django_db(transaction=True)
def test_migrate_records_nothing_on_a_database_that_is_up_to_date():
    before = set(
        MigrationRecorder.Migration.objects.values_list("app", "name", "applied")
    )
    call_command("migrate", verbosity=0)
    after = set(
        MigrationRecorder.Migration.objects.values_list("app", "name", "applied")
    )
    assert after == before
