from django.db import migrations

# The role vocabulary every festival archive starts with; staff add more in the
# admin. Display order follows the festival's film pages.
ROLES = [
    ("director", "Director", "Regie", 10),
    ("screenplay", "Screenplay", "Scenario", 20),
    ("production", "Production", "Productie", 30),
    ("co-production", "Co-production", "Coproductie", 40),
    ("cinematography", "Cinematography", "Camera", 50),
    ("editing", "Editing", "Montage", 60),
    ("sound", "Sound", "Geluid", 70),
    ("sound-design", "Sound Design", "Sound design", 80),
    ("music", "Music", "Muziek", 90),
    ("involved-tv-channel", "Involved TV Channel", "Betrokken tv-zender", 200),
    ("world-sales", "World Sales", "Wereldwijde verkoop", 210),
    ("screening-copy", "Screening copy", "Vertoningskopie", 220),
]


def add_roles(apps, schema_editor):
    Role = apps.get_model("catalogue", "Role")
    for slug, name_en, name_nl, order in ROLES:
        Role.objects.update_or_create(
            slug=slug, defaults={"name_en": name_en, "name_nl": name_nl, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
