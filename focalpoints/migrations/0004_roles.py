from django.db import migrations

from nmirf.roles import sync_roles


class Migration(migrations.Migration):
    """The permissions of actions, indicators, deadlines and progress updates go to the roles."""

    dependencies = [
        ("focalpoints", "0003_network_and_updates"),
        ("nmirf", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
