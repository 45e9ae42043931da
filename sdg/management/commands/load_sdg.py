"""`manage.py load_sdg [--source DIR]`: the SDG framework, and optionally its official texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sdg.services import SdgSourceError, sdg_load_official_texts, sdg_load_shipped


class Command(BaseCommand):
    help = (
        "Load the SDG goals, targets and indicators with the project's short titles; with --source "
        "(or the SDG_SOURCE_DIR setting) also the official texts from an open-sdg translations folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            type=Path,
            metavar="DIR",
            help="folder holding ar/ en/ es/ fr/ ru/ zh-Hans/ with global_goals.yml, "
            "global_targets.yml and global_indicators.yml (default: the SDG_SOURCE_DIR setting)",
        )

    def handle(self, *args: Any, source: Path | None = None, **options: Any) -> None:
        if source is None and getattr(settings, "SDG_SOURCE_DIR", ""):
            source = Path(settings.SDG_SOURCE_DIR)
        try:
            with transaction.atomic():
                results = [sdg_load_shipped()]
                if source is not None:
                    results.append(sdg_load_official_texts(source_dir=source))
        except SdgSourceError as exc:
            raise CommandError(f"{exc} (nothing was changed)") from exc
        for result in results:
            self.stdout.write(result.summary())
