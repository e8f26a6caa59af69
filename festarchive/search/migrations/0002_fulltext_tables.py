from django.db import migrations


def create_tables(apps, schema_editor):
    from festarchive.search.backends import get_backend

    get_backend(schema_editor.connection).create_tables()


def drop_tables(apps, schema_editor):
    from festarchive.search.backends import get_backend

    get_backend(schema_editor.connection).drop_tables()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]
    operations = [migrations.RunPython(create_tables, drop_tables)]
