"""`manage.py load_demo [--password PW]`: the demo data set (the Republic of Valdoria) and demo users."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from nmirf.demo.loader import DemoError, demo_load
from nmirf.env import env_str


class Command(BaseCommand):
    help = (
        "Load the demo data set of the fictional Republic of Valdoria (recommendations, clusters, "
        "institutions) and the demo users admin, secretariat, focal, focal_deputy, focal2 and "
        "consultative. Running it again updates the data in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help="password of every demo user (default: the DEMO_PASSWORD environment variable; "
            "without either, a random password is generated and printed)",
        )

    def handle(self, *args: Any, password: str | None = None, **options: Any) -> None:
        generated = False
        if password is None:
            password = env_str("DEMO_PASSWORD")
            if not password:
                password = secrets.token_urlsafe(12)
                generated = True
        try:
            result = demo_load(password=password)
        except DemoError as exc:
            raise CommandError(f"{exc} (nothing was changed)") from exc
        except DatabaseError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CommandError(f"database error: {reason} (nothing was changed)") from exc
        for line in result.summary():
            self.stdout.write(line)
        if generated:
            self.stdout.write(f"Password of the demo users (generated, keep it): {password}")
