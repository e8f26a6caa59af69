"""accounts.User takes over auth.User's rows where they already are.

The model keeps auth.User's table (``auth_user``, and ``auth_user_groups`` and
``auth_user_user_permissions`` for its many-to-many fields, which Django names
after it), its columns and its integer ids. So:

- on a database that already had auth.User, nothing is created or copied: the
  model is only added to the migration state, and every foreign key that
  pointed at ``auth_user`` points at this model's table. The ``migrate``
  command of this app records this migration as applied there first
  (``festarchive.accounts.migration_history``), because migrations applied
  earlier (lists, catalogue, admin, allauth ...) now depend on it;
- on a fresh database, where auth skips its swapped-out User, the tables are
  created here.
"""

import django.contrib.auth.models
import django.contrib.auth.validators
import django.utils.timezone
from django.db import migrations, models


def create_user_tables(apps, schema_editor):
    """Create auth_user and its two many-to-many tables unless they exist."""
    User = apps.get_model("accounts", "User")
    if User._meta.db_table in schema_editor.connection.introspection.table_names():
        return
    schema_editor.create_model(User)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        # The model, in the state only: the tables are the step below.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='User',
                    fields=[
                        ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('password', models.CharField(max_length=128, verbose_name='password')),
                        ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                        ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                        ('username', models.CharField(error_messages={'unique': 'A user with that username already exists.'}, help_text='Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.', max_length=150, unique=True, validators=[django.contrib.auth.validators.UnicodeUsernameValidator()], verbose_name='username')),
                        ('first_name', models.CharField(blank=True, max_length=150, verbose_name='first name')),
                        ('last_name', models.CharField(blank=True, max_length=150, verbose_name='last name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                        ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                        ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                        ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                        ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                        ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                    ],
                    options={
                        'verbose_name': 'user',
                        'verbose_name_plural': 'users',
                        'db_table': 'auth_user',
                        'abstract': False,
                    },
                    managers=[
                        ('objects', django.contrib.auth.models.UserManager()),
                    ],
                ),
            ],
        ),
        migrations.RunPython(create_user_tables, migrations.RunPython.noop, elidable=False),
    ]
