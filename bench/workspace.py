"""The secretariat's recommendations list with a combined filter and a text search.

Measured as deployed: the workers' copies of the small tables (nmirf.cache.kept_in_process) live
PORTAL_CACHE_SECONDS, 300 by default; the test settings turn them off.
"""

import statistics
import time

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from bench.data import build
from nmirf.models import User
from sdg.services import sdg_load_shipped

URL = "/en/workspace/recommendations/?q=women&mechanism_type=upr&status=in_progress&cycle=3&cycle=4"


def run(*, scale: float) -> None:
    sdg_load_shipped()
    build(max(200, int(20_000 * scale)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user = User.objects.create_user("bench-secretariat", password="bench-password-123")
    user.groups.add(Group.objects.get(name="Secretariat"))
    client = Client()
    client.force_login(user)
    with override_settings(PORTAL_CACHE_SECONDS=300):
        timings = _timings(client)
    print(f"BENCH workspace_list_ms {statistics.median(timings):.1f} ms", flush=True)


def _timings(client: Client) -> list[float]:
    for _ in range(3):  # warm up caches and connections
        assert client.get(URL).status_code == 200
    timings = []
    for _ in range(15):
        start = time.perf_counter()
        response = client.get(URL)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return timings
