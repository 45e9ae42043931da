"""Country names as the UN writes them, in the six languages (the seed file was corrected)."""

from django.db import migrations

from recommendations.seed import seed_reference_data


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0005_imports")]

    operations = [migrations.RunPython(seed_reference_data, migrations.RunPython.noop)]
