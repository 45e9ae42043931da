"""Repeated recommendations (issue 13, item 7): found across cycles and mechanisms, shown and counted."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse

from recommendations.filters import RecommendationQuery
from recommendations.models import ImportBatch, Recommendation, RecommendationRepeat
from recommendations.repeats import fold_text, repeat_links, repeats_find
from recommendations.selectors import recommendation_list
from reporting.content import parliament_content
from reporting.models import Report
from tests.conftest import client_for
from tests.factories import RecommendationFactory, SourceDocumentFactory, country, mechanism
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx
from tests.imports.test_import_service import commit, upload

pytestmark = pytest.mark.django_db

BASE = "Strengthen the national mechanism for the prevention of torture in all places of detention"


def upr(text: str, *, cycle: int, symbol: str, paragraph: str, **values) -> Recommendation:
    document = SourceDocumentFactory(symbol=symbol, cycle=cycle, date=datetime.date(2000 + 4 * cycle, 3, 1))
    return RecommendationFactory(
        text_en=text,
        source_document=document,
        cycle=cycle,
        paragraph=paragraph,
        date=document.date,
        **values,
    )


def links() -> set[tuple[int, int]]:
    return set(RecommendationRepeat.objects.values_list("recommendation_id", "repeats_id"))


def with_changes(text: str, changes: int) -> str:
    """The text with its first `changes` letters replaced."""
    letters = [i for i, char in enumerate(text) if char.isalpha()][:changes]
    return "".join("x" if i in letters else char for i, char in enumerate(text))


def test_normalisation_drops_paragraph_states_case_accents_and_punctuation():
    assert fold_text("90.12 Élaborer, un   PLAN national (Espagne);") == fold_text(
        "élaborer un plan national"
    )


def test_a_repeat_from_an_earlier_cycle_is_linked_to_it():
    earlier = upr(f"90.12 {BASE} (Spain);", cycle=2, symbol="A/HRC/19/9", paragraph="90.12")
    later = upr(f"{BASE.upper()}! (Chile, Peru);", cycle=3, symbol="A/HRC/33/7", paragraph="120.4")
    assert repeats_find() == 1
    link = RecommendationRepeat.objects.get()
    assert (link.recommendation, link.repeats, link.score) == (later, earlier, 100)


def test_the_threshold_is_ninety_percent():
    # fuzz.ratio is 2·matches / (len a + len b): one replaced letter in 90 characters costs about 1.1 %
    upr(BASE, cycle=2, symbol="A/HRC/19/9", paragraph="1")
    upr(with_changes(BASE, 9), cycle=3, symbol="A/HRC/33/7", paragraph="2")  # exactly 90 %: linked
    upr(with_changes(BASE, 10), cycle=4, symbol="A/HRC/52/1", paragraph="3")  # 88.9 % to 1: not linked
    repeats_find()
    pairs = {
        (Recommendation.objects.get(pk=a).paragraph, Recommendation.objects.get(pk=b).paragraph)
        for a, b in links()
    }
    assert ("2", "1") in pairs
    assert ("3", "1") not in pairs
    assert all(score >= 90 for score in RecommendationRepeat.objects.values_list("score", flat=True))


def test_the_same_review_is_not_linked_but_another_mechanism_is():
    document = SourceDocumentFactory(symbol="A/HRC/52/1", cycle=4)
    first = RecommendationFactory(text_en=BASE, source_document=document, cycle=4, paragraph="1")
    RecommendationFactory(text_en=f"{BASE} (Spain);", source_document=document, cycle=4, paragraph="2")
    assert repeats_find() == 0
    crc = mechanism("CRC")
    crc_document = SourceDocumentFactory(symbol="CRC/C/FRA/CO/6", mechanism=crc, cycle=None)
    observation = RecommendationFactory(
        text_en=f"{BASE}.",
        mechanism=crc,
        source_document=crc_document,
        date=datetime.date(2025, 1, 1),
        paragraph="34",
    )
    assert repeats_find() == 2
    assert {earlier for _later, earlier in links()} == {first.pk, first.pk + 1}
    assert {later for later, _earlier in links()} == {observation.pk}


def test_other_states_are_not_linked_and_a_second_run_changes_nothing():
    upr(BASE, cycle=2, symbol="A/HRC/19/9", paragraph="1")
    upr(BASE, cycle=3, symbol="A/HRC/33/7", paragraph="2", state=country("ESP"))
    assert repeats_find() == 0
    upr(BASE, cycle=4, symbol="A/HRC/52/1", paragraph="3")
    assert repeats_find() == 1
    before = links()
    assert repeats_find(state_ids=[country("FRA").pk]) == 1
    assert links() == before
    assert RecommendationRepeat.objects.count() == 1


@pytest.fixture
def pair():
    earlier = upr(f"90.12 {BASE} (Spain);", cycle=2, symbol="A/HRC/19/9", paragraph="90.12")
    later = upr(f"{BASE} (Chile);", cycle=3, symbol="A/HRC/33/7", paragraph="120.4")
    repeats_find()
    return earlier, later


def test_the_workspace_page_links_both_ways(pair, secretariat):
    earlier, later = pair
    client = client_for(secretariat)
    page = client.get(reverse("workspace:recommendation_detail", args=[later.pk])).content.decode()
    assert "Repeats" in page
    assert f'href="{earlier.get_absolute_url()}"' in page
    assert "cycle 2" in page and "A/HRC/19/9" in page and "para. 90.12" in page
    page = client.get(reverse("workspace:recommendation_detail", args=[earlier.pk])).content.decode()
    assert "Repeated by" in page and "A/HRC/33/7" in page and "para. 120.4" in page


def test_the_public_page_links_published_ones_only(pair, client):
    earlier, later = pair
    page = client.get(reverse("portal:recommendation_detail", args=[later.pk])).content.decode()
    assert f'href="{reverse("portal:recommendation_detail", args=[earlier.pk])}"' in page
    assert "cycle 2" in page and "para. 90.12" in page
    Recommendation.objects.filter(pk=earlier.pk).update(published=False)
    page = client.get(reverse("portal:recommendation_detail", args=[later.pk])).content.decode()
    assert "A/HRC/19/9" not in page


def test_the_workspace_filters_repeated_recommendations(pair, secretariat):
    earlier, later = pair
    query = RecommendationQuery.from_params(QueryDict("repeated=true"), staff=True)
    assert list(recommendation_list(query=query)) == [later]
    query = RecommendationQuery.from_params(QueryDict("repeated=false"), staff=True)
    assert list(recommendation_list(query=query)) == [earlier]
    assert RecommendationQuery.from_params(QueryDict("repeated=true"), staff=False).repeated is None
    page = client_for(secretariat).get(reverse("workspace:recommendation_list")).content.decode()
    assert "?repeated=true" in page and "Repeated recommendations" in page


def test_the_parliament_report_counts_them(pair, settings):
    settings.NMIRF_STATE = "FRA"
    report = Report(
        kind=Report.Kind.PARLIAMENT,
        language="en",
        title="Annual report",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    context = parliament_content(report, datetime.date(2026, 1, 1))
    assert context["repeated"] == 1
    html = render_to_string("reporting/pdf/parliament.html", context)
    assert "1 recommendation repeats an earlier one." in html


def test_the_command_exits_zero_and_refuses_an_unknown_state(pair, capsys):
    call_command("find_repeats", "--state", "fra")
    assert "1 repeated recommendations linked." in capsys.readouterr().out
    with pytest.raises(CommandError) as refused:
        call_command("find_repeats", "--state", "XXX")
    assert refused.value.returncode == 2


def test_an_import_finds_the_repeats_of_its_states(tmp_path, admin_user, django_capture_on_commit_callbacks):
    earlier = upr(f"{BASE} (Spain);", cycle=2, symbol="A/HRC/19/9", paragraph="90.12")
    path = write_xlsx(
        tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1, text=f"118.1 {BASE} without delay (Germany);")]
    )
    batch = upload(admin_user, path)
    with django_capture_on_commit_callbacks(execute=True):
        batch = commit(admin_user, batch)
    assert batch.status == ImportBatch.Status.IMPORTED, batch.error
    imported = Recommendation.objects.get(import_batch=batch)
    assert links() == {(imported.pk, earlier.pk)}


def test_the_links_of_a_page_take_one_query(pair, django_assert_num_queries):
    earlier, later = pair
    with django_assert_num_queries(1):
        found = repeat_links(later, public=True)
    assert found == {"repeats": [earlier], "repeated_by": []}
