"""Reads of the SDG framework that other apps use: look-ups by code and recognising codes in text."""

from __future__ import annotations

import re
from typing import Literal

from sdg.models import Goal, Indicator, Target

SdgLevel = Literal["goal", "target", "indicator"]

# Optional words ("SDG", "Goal", "Target", "Indicator", repeated, with or without a space or a
# separator), then the code, then nothing that would make it a longer code ("5.2x", "5.2.1.4").
_CODE_RE = re.compile(
    r"""
    ^\s*
    (?:(?:sdg|goal|target|indicator)s?\s*[-:#]?\s*)*
    (?P<goal>\d{1,2})
    (?:\.(?P<target>\d{1,2}|[a-d])(?:\.(?P<indicator>\d{1,2}))?)?
    (?!\w|\.\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)


def parse_sdg_code(text: str) -> tuple[SdgLevel, str] | None:
    """Recognise an SDG code at the start of `text`: ("goal", "5"), ("target", "5.a"), ("indicator", "5.2.1").

    Accepts "5", "SDG 5", "SDG5", "Goal 5", "Target 5.2", "16.3 - Promote the rule…" in any case;
    returns None when the text does not start with a well-formed code of goal 1 to 17.
    """
    match = _CODE_RE.match(text or "")
    if match is None:
        return None
    goal = int(match["goal"])
    if not 1 <= goal <= 17:
        return None
    if match["target"] is None:
        return "goal", str(goal)
    target_part = match["target"].lower()
    if target_part.isdigit():
        if int(target_part) == 0:
            return None
        target_part = str(int(target_part))
    target = f"{goal}.{target_part}"
    if match["indicator"] is None:
        return "target", target
    number = int(match["indicator"])
    return ("indicator", f"{target}.{number}") if number else None


def goal_by_code(code: str) -> Goal | None:
    """The goal with this exact code ("5"); use `parse_sdg_code` first for free text."""
    return Goal.objects.filter(code=code.strip()).first()


def target_by_code(code: str) -> Target | None:
    """The target with this exact code ("5.2", "5.a"), with its goal."""
    return Target.objects.select_related("goal").filter(code=code.strip().lower()).first()


def indicator_by_code(code: str) -> Indicator | None:
    """The indicator with this exact code ("5.2.1"), with its target and goal."""
    return Indicator.objects.select_related("target__goal").filter(code=code.strip().lower()).first()
