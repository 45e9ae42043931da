"""Where report files live: private storage (focalpoints.storage), served only by permission-checked views."""

from __future__ import annotations

import uuid


def report_upload_to(instance, filename: str) -> str:
    """A random name in a folder per report; the download name is built from the title."""
    extension = filename.rsplit(".", 1)[-1]
    return f"reports/{instance.report_id}/{instance.number}-{uuid.uuid4().hex}.{extension}"
