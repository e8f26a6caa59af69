"""On PostgreSQL the database itself refuses two screenings in one screen at
once, so two editors saving at the same moment cannot both win. SQLite has no
exclusion constraints; there the model's check (programme.rules.overlapping),
run inside the saving transaction, is the guard."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE programme_screening
    ADD CONSTRAINT screening_no_overlap_in_screen
    EXCLUDE USING gist (
        screen_id WITH =,
        tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status <> 'cancelled');
"""
DROP = "ALTER TABLE programme_screening DROP CONSTRAINT IF EXISTS screening_no_overlap_in_screen;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
