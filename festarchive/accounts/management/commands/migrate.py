"""Django's ``migrate``, which first brings a database from before
accounts.User up to date (see ``festarchive.accounts.migration_history``)."""

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

from festarchive.accounts.migration_history import record_user_model_migration


class Command(MigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if record_user_model_migration(connection) and options["verbosity"] >= 1:
            self.stdout.write(
                "Recorded accounts.0001_initial as applied: auth.User's table "
                "is accounts.User's now."
            )
        return super().handle(*args, **options)
