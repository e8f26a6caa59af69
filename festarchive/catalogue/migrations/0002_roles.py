from django.db import migrations

from festarchive.catalogue.vocabulary import ensure_roles


def add_roles(apps, schema_editor):
    ensure_roles(apps.get_model("catalogue", "Role"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
