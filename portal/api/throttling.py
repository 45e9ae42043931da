from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class PublicRateThrottle(AnonRateThrottle):
    """Requests per client address, at the rate of the API_RATE_LIMIT setting (read on each request)."""

    scope = "public"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT
