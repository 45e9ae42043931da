from django.db import migrations

from recommendations.seed import seed_reference_data


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(seed_reference_data, migrations.RunPython.noop)]
