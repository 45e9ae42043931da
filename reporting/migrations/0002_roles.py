from django.db import migrations

from nmirf.roles import sync_roles


class Migration(migrations.Migration):
    """The permissions of reports, schedules and dashboards go to the roles."""

    dependencies = [
        ("reporting", "0001_initial"),
        ("focalpoints", "0005_evidencefile_published"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
