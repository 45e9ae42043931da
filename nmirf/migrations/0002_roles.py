from django.db import migrations

from nmirf.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("nmirf", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("recommendations", "0001_initial"),
        ("focalpoints", "0002_initial"),
        ("sdg", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
