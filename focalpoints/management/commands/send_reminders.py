"""`manage.py send_reminders [--today YYYY-MM-DD]`: the reminder job of Celery beat, run by hand."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from focalpoints.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders and notifications that are due (assignments, deadlines in 14 and 3 days, "
        "overdue items, reviewed updates). Each is sent once: running it again sends only what is new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="count deadlines from this date instead of today (YYYY-MM-DD)")

    def handle(self, *args: Any, today: str | None = None, **options: Any) -> None:
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-06-01, not {today!r}") from None
        try:
            result = send_reminders(today=day)
        except DatabaseError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CommandError(f"database error: {reason}") from exc
        self.stdout.write(f"Reminders: {result.summary()}")
        if result.failed:
            raise CommandError(f"{result.failed} people could not be reached; run it again later")
