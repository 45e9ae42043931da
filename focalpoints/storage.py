"""Where evidence files live: under settings.PRIVATE_MEDIA_ROOT, never under a public URL."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at PRIVATE_MEDIA_ROOT, read at each use (tests may change it).

    It has no URL: files are served only by permission-checked views.
    """

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def evidence_upload_to(instance, filename: str) -> str:
    """A random name in a folder per update: the original name is kept in the database only."""
    return f"evidence/{instance.update_id}/{uuid.uuid4().hex}.{instance.kind}"
