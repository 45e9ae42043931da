"""What every step of an import shares: where its files are kept, its progress as the page shows it,
the sizes it works in, and which fields an import owns."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache

from recommendations.importing.columns import header_key
from recommendations.models import ImportBatch, ImportProfile

CHUNK = 1000
NEAR_DUPLICATE_SCORE = 90
REPORT_LIMIT = 2000
# Fields an import owns; everything the secretariat adds (cluster, institutions, status…) is left alone.
RELATIONS = ("recommending_states", "themes", "groups", "sdg_goals", "sdg_targets")
SECRETARIAT_FIELDS = (
    "cluster",
    "lead_institution",
    "supporting_institutions",
    "status",
    "status_date",
    "requires_legislation",
    "published",
)
LINK, NEW = "link", "new"
# Possible duplicates of earlier imports this alike or more are linked unless the administrator says
# otherwise; exact ones (the same normalised text) by default.
EXACT = 100
LINK_AT = (EXACT, 95)


def import_dir() -> Path:
    path = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_set(batch_id: int, percent: int, message: str) -> None:
    cache.set(f"import-progress-{batch_id}", {"percent": percent, "message": message}, 24 * 3600)


def import_progress(batch: ImportBatch) -> dict[str, Any]:
    return cache.get(f"import-progress-{batch.pk}") or {"percent": 0, "message": ""}


def headers_signature(headers: Iterable[str]) -> str:
    return hashlib.sha256("|".join(header_key(h) for h in headers).encode()).hexdigest()


def profile_for_headers(headers: list[str]) -> ImportProfile | None:
    return (
        ImportProfile.objects.filter(headers_key=headers_signature(headers)).order_by("-created_at").first()
    )
