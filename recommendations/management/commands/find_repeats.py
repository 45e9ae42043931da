"""manage.py find_repeats [--state CODE]: link recommendations that repeat earlier ones.

Exit status: 0 done (also when nothing repeats); 2 unusable input (an unknown State code).
"""

from django.core.management.base import BaseCommand, CommandError

from recommendations.models import Country
from recommendations.repeats import repeats_find


class Command(BaseCommand):
    help = "Find recommendations that repeat an earlier cycle or another mechanism, and link them."

    def add_arguments(self, parser):
        parser.add_argument("--state", help="only this State under review (ISO 3166 alpha-3 code)")

    def handle(self, *args, **options):
        state_ids = None
        if options["state"]:
            code = options["state"].upper()
            country = Country.objects.filter(code=code).first()
            if country is None:
                raise CommandError(f"Unknown State code {code}.", returncode=2)
            state_ids = [country.pk]
        found = repeats_find(state_ids=state_ids)
        self.stdout.write(f"{found} repeated recommendations linked.")
