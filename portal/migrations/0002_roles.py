from django.db import migrations

from nmirf.roles import sync_roles


class Migration(migrations.Migration):
    """The secretariat moderates feedback; administrators hold every permission of the portal."""

    dependencies = [
        ("portal", "0001_initial"),
        ("nmirf", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
