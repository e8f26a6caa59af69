from django.db import migrations

from festarchive.festival.vocabulary import ensure_premiere_statuses


def add_statuses(apps, schema_editor):
    ensure_premiere_statuses(apps.get_model("festival", "PremiereStatus"))


class Migration(migrations.Migration):
    dependencies = [("festival", "0001_initial")]
    operations = [migrations.RunPython(add_statuses, migrations.RunPython.noop)]
