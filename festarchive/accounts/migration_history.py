"""Databases from before accounts.User: record its first migration as applied.

Until issue 18 the archive used ``auth.User``. The migrations applied since
(lists, catalogue and festival history, the admin, allauth ...) depend on
``settings.AUTH_USER_MODEL``, which is now ``accounts.User``: on such a
database they look applied before ``accounts.0001_initial``, and Django refuses
to migrate (``InconsistentMigrationHistory``). That migration only takes over
the ``auth_user`` table, which is already there, so recording it as applied is
all it would have done. The ``migrate`` command does this before Django checks
the history.
"""

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder

USER_MIGRATION = ("accounts", "0001_initial")
# accounts.0001_initial depends on it: auth.User as Django 5.2 left it.
AUTH_MIGRATION = ("auth", "0012_alter_user_first_name_max_length")
USER_TABLE = "auth_user"


def record_user_model_migration(connection: BaseDatabaseWrapper) -> bool:
    """Mark accounts.0001_initial applied where auth.User's table already is;
    say whether it did. A fresh database, or one already done, is left alone."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    if USER_MIGRATION in applied or AUTH_MIGRATION not in applied:
        return False
    if USER_TABLE not in connection.introspection.table_names():
        return False
    recorder.record_applied(*USER_MIGRATION)
    return True
