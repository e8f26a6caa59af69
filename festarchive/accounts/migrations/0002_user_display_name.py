"""The visitor's display name, and auth.User's content type handed over."""

from django.db import migrations, models


def take_over_content_type(apps, schema_editor):
    """Permissions (``auth.add_user`` ...) given to groups and staff, and the
    admin's log entries, point at the content type ``auth.user``: it becomes
    ``accounts.user``, so they keep working for the new model. A fresh
    database has neither yet (content types are made after ``migrate``)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label="auth", model="user")
    if ContentType.objects.using(db).filter(app_label="accounts", model="user").exists():
        return
    old.update(app_label="accounts")


def give_back_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label="auth", model="user").exists():
        return
    ContentType.objects.using(db).filter(app_label="accounts", model="user").update(
        app_label="auth"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="display_name",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The name the archive greets the visitor by.",
                max_length=150,
                verbose_name="display name",
            ),
        ),
        migrations.RunPython(take_over_content_type, give_back_content_type),
    ]
