from django.db import migrations

PREMIERE_STATUSES = [
    ("world", "World Premiere", "Wereldpremière", 10),
    ("international", "International Premiere", "Internationale première", 20),
    ("european", "European Premiere", "Europese première", 30),
    ("dutch", "Dutch Premiere", "Nederlandse première", 40),
]


def add_statuses(apps, schema_editor):
    PremiereStatus = apps.get_model("festival", "PremiereStatus")
    for slug, name_en, name_nl, order in PREMIERE_STATUSES:
        PremiereStatus.objects.update_or_create(
            slug=slug, defaults={"name_en": name_en, "name_nl": name_nl, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("festival", "0001_initial")]
    operations = [migrations.RunPython(add_statuses, migrations.RunPython.noop)]
