"""The crosswalk from UPR Info's issues, matching across sources' spellings, and near-match defaults."""

import csv

import pytest

from recommendations.importing.matching import Matcher
from recommendations.models import ConcernedGroup, Recommendation, Theme
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx
from tests.imports.test_import_service import commit, upload
from vocabulary.matching import (
    CROSSWALK,
    CROSSWALK_ORIGIN,
    SAME_NAME,
    Vocabulary,
    load_crosswalk,
    nearest,
    vocabulary_key,
    vocabulary_report,
)

pytestmark = pytest.mark.django_db

# The 54 issues of UPR Info's database (from the shared sample export, sessions 1-5).
UPR_INFO_ISSUES = [
    "Asylum-seekers - refugees", "CP rights - general", "Civil society", "Corruption", "Counter-terrorism",
    "Death penalty", "Detention", "Development", "Disabilities", "ESC rights - general", "Elections",
    "Enforced disappearances", "Environment", "Extrajudicial executions",
    "Freedom of association and peaceful assembly", "Freedom of movement", "Freedom of opinion and expression",
    "Freedom of religion and belief", "Freedom of the press", "General", "HIV - Aids", "Human rights defenders",
    "Human rights education and training", "Human rights violations by state agents", "Impunity",
    "Indigenous peoples", "Internally displaced persons", "International humanitarian law",
    "International instruments", "Justice", "Labour", "Migrants", "Minorities", "NHRI",
    "National plan of action", "Other", "Poverty", "Public security", "Racial discrimination",
    "Right to education", "Right to food", "Right to health", "Right to housing", "Right to land",
    "Right to water", "Rights of the Child", "Sexual Orientation and Gender Identity", "Special procedures",
    "Technical assistance and cooperation", "Torture and other CID treatment", "Trafficking", "Treaty bodies",
    "UPR process", "Women's rights",
]  # fmt: skip


def test_every_upr_info_issue_is_in_the_crosswalk_with_a_theme_or_a_group():
    crosswalk = load_crosswalk()
    assert len(UPR_INFO_ISSUES) == 54
    for issue in UPR_INFO_ISSUES:
        entry = crosswalk[vocabulary_key(issue)]
        assert entry.theme or entry.group, issue
    with CROSSWALK.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 54
    themes = set(Theme.objects.values_list("code", flat=True))
    groups = set(ConcernedGroup.objects.values_list("code", flat=True))
    assert {row["theme"] for row in rows if row["theme"]} <= themes
    assert {row["group"] for row in rows if row["group"]} <= groups


def test_upr_info_issues_read_as_themes_and_groups():
    matcher = Matcher()
    matcher.vocabulary = Vocabulary("uprinfo")
    women = Theme.objects.get(code="discrimination-against-women")
    assert matcher.many("theme", ["Women's rights", "Detention"]) == {
        women.pk,
        Theme.objects.get(code="conditions-of-detention").pk,
    }
    assert matcher.implied_groups(["Women's rights", "Indigenous peoples"]) == {
        ConcernedGroup.objects.get(code="women-girls").pk,
        ConcernedGroup.objects.get(code="indigenous-peoples").pk,
    }
    # A group-only issue is read by the crosswalk, not counted as unknown nor as a theme.
    assert matcher.many("theme", ["Indigenous peoples"]) == set()
    assert not matcher.unknown["theme"]
    applied = vocabulary_report(matcher.vocabulary, matcher.unknown, matcher.samples)["applied"]
    assert {(item["value"], item["origin"]) for item in applied} >= {("Women's rights", CROSSWALK_ORIGIN)}


def test_the_crosswalk_applies_to_upr_info_only():
    matcher = Matcher()
    matcher.vocabulary = Vocabulary("matrix")
    assert matcher.one("theme", "Women's rights") is None
    assert matcher.unknown["theme"]["Women's rights"] == 1


@pytest.mark.parametrize(
    ("kind", "written", "code"),
    [
        ("theme", "Arbitrary arrest and detention", "arbitrary-arrest-detention"),
        ("theme", "ARBITRARY ARREST AND DETENTION.", "arbitrary-arrest-detention"),
        ("theme", "Right to health - general", "right-to-health"),
        ("group", "Women and girls", "women-girls"),
    ],
)
def test_other_spellings_of_uhri_names_match_without_asking(kind, written, code):
    model = Theme if kind == "theme" else ConcernedGroup
    matcher = Matcher()
    matcher.vocabulary = Vocabulary("matrix")
    assert matcher.one(kind, written) == model.objects.get(code=code).pk
    assert [origin for (_k, _v, origin, _t) in matcher.vocabulary.applied] == [SAME_NAME]


def test_an_unknown_near_name_defaults_to_the_nearest_with_its_similarity():
    matcher = Matcher()
    matcher.vocabulary = Vocabulary("matrix")
    matcher.row = 7
    assert matcher.one("theme", "Arbitrary arrests and detentions") is None
    matcher.row = 9
    matcher.one("theme", "Arbitrary arrests and detentions")
    matcher.row = 12
    matcher.one("theme", "Arbitrary arrests and detentions")
    suggested = vocabulary_report(matcher.vocabulary, matcher.unknown, matcher.samples)["suggested"]
    hint = suggested["theme"]["Arbitrary arrests and detentions"]
    assert hint["target"] == Theme.objects.get(code="arbitrary-arrest-detention").pk
    assert hint["label"] == "Arbitrary arrest & detention"
    assert hint["score"] >= 90
    assert hint["samples"] == [7, 9]


def test_uhri_and_matrix_spellings_are_at_least_90_percent_alike():
    target = Theme.objects.get(code="arbitrary-arrest-detention")
    assert nearest("theme", "Arbitrary arrest and detention") == (target.pk, 100)


def test_a_value_with_no_near_name_has_no_suggestion():
    assert nearest("theme", "Quantum chromodynamics") is None


def test_a_group_named_among_the_themes_is_read_as_that_group(tmp_path, admin_user):
    """OHCHR matrices list concerned groups ("Migrants") among their themes: no question, the group."""
    path = write_xlsx(
        tmp_path / "m.xlsx", UHRI_HEADERS, [uhri_row(1, themes="- Migrants\n- Death penalty", groups="")]
    )
    batch = upload(admin_user, path)
    assert "theme" not in batch.report.get("unknown", {}), batch.report.get("unknown")
    commit(admin_user, batch)
    rec = Recommendation.objects.get()
    assert [g.name_en for g in rec.groups.all()] == ["Migrants"]
    assert [t.code for t in rec.themes.all()] == ["death-penalty"]
