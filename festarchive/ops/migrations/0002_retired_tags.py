from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ops", "0001_catalogue_version")]

    operations = [
        migrations.CreateModel(
            name="RetiredTag",
            fields=[
                (
                    "tag",
                    models.CharField(max_length=120, primary_key=True, serialize=False),
                ),
                ("version", models.BigIntegerField(db_index=True)),
            ],
            options={"verbose_name": "retired page tag"},
        ),
    ]
