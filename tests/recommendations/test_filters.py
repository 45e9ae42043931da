"""The query parameters of DESIGN.md combine, search follows the page's language, facets count."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import translation

from recommendations.filters import RecommendationQuery
from recommendations.models import Recommendation, Theme
from recommendations.selectors import recommendation_facets, recommendation_list
from sdg.models import Goal
from tests.factories import (
    ClusterFactory,
    RecommendationFactory,
    SourceDocumentFactory,
    country,
    mechanism,
)

pytestmark = pytest.mark.django_db


def run(query_string: str, *, language: str = "en", staff: bool = True) -> list[Recommendation]:
    query = RecommendationQuery.from_params(QueryDict(query_string), staff=staff)
    with translation.override(language):
        return list(recommendation_list(query=query))


@pytest.fixture
def corpus(justice, health):
    violence = Theme.objects.get(code="violence-against-women")
    torture = Theme.objects.get(code__startswith="prohibition-of-torture")
    goal5 = Goal.objects.get_or_create(code="5", defaults={"number": 5, "short_title": "Gender equality"})[0]
    cluster = ClusterFactory(name="Violence")
    upr_doc = SourceDocumentFactory(symbol="A/HRC/54/10", cycle=4)
    crc = mechanism("CRC")
    crc_doc = SourceDocumentFactory(symbol="CRC/C/XYZ/CO/5-6", mechanism=crc, cycle=None)
    women = RecommendationFactory(
        text_en="Adopt a law on violence against women and fund shelters for women (Spain);",
        text_fr="Adopter une loi sur la violence à l'égard des femmes et financer des refuges (Espagne);",
        source_document=upr_doc,
        cycle=4,
        position="supported",
        cluster=cluster,
        lead_institution=justice,
        themes=[violence],
        date=datetime.date(2023, 5, 1),
    )
    women.sdg_goals.add(goal5)
    women.recommending_states.add(country("ESP"))
    noted = RecommendationFactory(
        text_en="Decriminalise defamation and protect journalists (Norway);",
        source_document=upr_doc,
        cycle=4,
        position="noted",
        status="in_progress",
        date=datetime.date(2023, 5, 1),
        published=False,
    )
    child = RecommendationFactory(
        text_en="The Committee recommends that the State party prohibit corporal punishment of children.",
        mechanism=crc,
        source_document=crc_doc,
        kind="observation",
        themes=[torture],
        date=datetime.date(2021, 2, 1),
    )
    child.supporting_institutions.add(health)
    other_state = RecommendationFactory(
        text_en="Abolish the death penalty (Italy);", state=country("DEU"), date=datetime.date(2019, 1, 1)
    )
    return {"women": women, "noted": noted, "child": child, "other_state": other_state, "cluster": cluster}


def test_each_parameter_narrows_and_values_widen(corpus, justice, health):
    c = corpus
    assert set(run("mechanism_type=upr")) == {c["women"], c["noted"], c["other_state"]}
    assert set(run("mechanism=CRC")) == {c["child"]}
    assert set(run("mechanism=CRC&mechanism=UPR&state=FRA")) == {c["women"], c["noted"], c["child"]}
    assert run("state=deu") == [c["other_state"]]
    assert run("document=CRC/C/XYZ/CO/5-6") == [c["child"]]
    assert set(run("cycle=4")) == {c["women"], c["noted"]}
    assert run("kind=observation") == [c["child"]]
    assert run("theme=violence-against-women") == [c["women"]]
    assert run("group=children") == []
    assert run("goal=5") == [c["women"]]
    assert run(f"cluster={c['cluster'].pk}") == [c["women"]]
    assert c["women"] not in run("cluster=none")
    assert run(f"institution={justice.pk}") == [c["women"]]
    assert run(f"institution={health.pk}") == [c["child"]]
    assert run("status=in_progress") == [c["noted"]]
    assert run("position=noted") == [c["noted"]]
    assert run("position=supported&mechanism_type=upr&cycle=4&theme=violence-against-women") == [c["women"]]
    assert run("position=noted&theme=violence-against-women") == []


def test_published_filter_is_for_staff_only(corpus):
    assert run("published=false") == [corpus["noted"]]
    assert len(run("published=false", staff=False)) == 4


def test_bad_values_are_reported_not_crashed_on():
    query = RecommendationQuery.from_params(
        QueryDict("status=done&cycle=x&sort=nonsense&page=-3"), staff=True
    )
    assert query.status == [] and query.cycle == [] and query.page == 1
    assert len(query.errors) == 3


def test_sorting(corpus):
    assert run("sort=date")[0] == corpus["other_state"]
    assert run("sort=-date")[-1] == corpus["other_state"]
    assert run("sort=mechanism")[0] == corpus["child"]


def test_search_in_english_finds_word_forms(corpus):
    if connection.vendor == "postgresql":
        # English stemming: "shelter" finds "shelters", "journalist" finds "journalists".
        assert run("q=shelter") == [corpus["women"]]
        assert run("q=journalist") == [corpus["noted"]]
        assert run('q="corporal punishment" -defamation') == [corpus["child"]]
    else:
        assert run("q=shelters") == [corpus["women"]]
    assert run("q=nothing-like-this") == []


def test_search_in_french_uses_the_french_text(corpus):
    if connection.vendor == "postgresql":
        assert run("q=refuge", language="fr") == [corpus["women"]]
    assert run("q=refuges", language="fr") == [corpus["women"]]
    # Untranslated recommendations are still found through their English text.
    assert run("q=journalists", language="fr") == [corpus["noted"]]


def test_search_in_chinese_matches_characters():
    rec = RecommendationFactory(text_en="Protect migrant workers (China);", text_zh_hans="保护移民工人的权利")
    assert run("q=移民", language="zh-hans") == [rec]
    assert run("q=migrant", language="zh-hans") == [rec]


def test_relevance_sort_puts_best_match_first():
    weak = RecommendationFactory(text_en="Improve prison conditions and consider torture prevention.")
    strong = RecommendationFactory(text_en="Prevent torture, investigate torture and punish torture.")
    if connection.vendor == "postgresql":
        assert run("q=torture") == [strong, weak]
    else:  # the SQLite trial set-up has no ranking: newest first
        assert set(run("q=torture")) == {strong, weak}


def test_facets_count_the_filtered_set(corpus):
    query = RecommendationQuery.from_params(QueryDict("mechanism_type=upr"), staff=True)
    facets = recommendation_facets(recommendation_list(query=query))
    assert {(f.value, f.count) for f in facets["position"]} == {("supported", 1), ("noted", 1)}
    assert {(f.value, f.count) for f in facets["mechanism"]} == {("UPR", 3)}
    assert [(f.value, f.count) for f in facets["theme"]] == [("violence-against-women", 1)]
    assert [(f.value, f.count) for f in facets["goal"]] == [("5", 1)]
    assert [(f.label, f.count) for f in facets["cluster"]] == [("Violence", 1)]


def test_the_url_carries_the_filter(personas, corpus):
    html = (
        personas["secretariat"]
        .get("/en/workspace/recommendations/?mechanism_type=upr&position=noted")
        .content
    )
    html = html.decode()
    assert "Decriminalise defamation" in html
    assert "Adopt a law on violence" not in html
    assert "1 recommendation found" in html
    # Facet links keep the other parameters.
    assert "mechanism_type=upr" in html and "position=noted" in html


def test_facets_in_one_query_agree_with_facets_per_column(corpus):
    """On PostgreSQL the facets come from one query over the matches; it must count what GROUP BY does."""
    from recommendations.selectors import _facet_counts_at_once, _facet_counts_grouped

    if connection.vendor != "postgresql":
        pytest.skip("the one-query facets are PostgreSQL's (CI runs PostgreSQL)")
    for params in ("", "mechanism_type=upr", "q=violence&status=no_information", "q=nothing-matches-this"):
        query = RecommendationQuery.from_params(QueryDict(params), staff=True)
        results = recommendation_list(query=query).order_by()
        assert _facet_counts_at_once(results)[0] == _facet_counts_grouped(results), params


@pytest.mark.parametrize("sort", ["", "relevance", "date", "paragraph", "mechanism", "status", "-updated"])
def test_a_page_of_search_results_follows_the_list_order(sort):
    """The page read with the facets (one pass on PostgreSQL) is the page the ordered list gives."""
    from recommendations.selectors import recommendation_search

    documents = [SourceDocumentFactory(symbol=f"A/HRC/{n}/10") for n in (40, 41)]
    for n in range(23):
        RecommendationFactory(
            text_en=f"Protect the rights of women, measure {n}" + " and of women" * (n % 3),
            source_document=documents[n % 2],
            paragraph=f"{n % 5}.{n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 4),
            status=["in_progress", "not_started", "no_information"][n % 3],
        )
    query = RecommendationQuery.from_params(QueryDict(f"q=women&sort={sort}"), staff=True)
    with translation.override("en"):
        results = recommendation_list(query=query)
        expected = [row.pk for row in results]
        assert len(expected) == 23
        for number in (1, 2, 5):
            page, facets = recommendation_search(results, number=number, per_page=5)
            assert [row.pk for row in page.object_list] == expected[(number - 1) * 5 : number * 5]
            assert page.paginator.count == 23 and sum(f.count for f in facets["status"]) == 23
        # A page past the end shows the last one, as the paginator does.
        page, _facets = recommendation_search(results, number=9, per_page=5)
        assert page.number == 5 and [row.pk for row in page.object_list] == expected[20:]


def test_a_facet_shows_its_most_frequent_values():
    from recommendations.selectors import FACET_LIMIT

    clusters = [ClusterFactory(name=f"Cluster {n:02d}") for n in range(FACET_LIMIT + 3)]
    for n, cluster in enumerate(clusters):
        for _ in range(1 + n % 4):
            RecommendationFactory(cluster=cluster)
    facets = recommendation_facets(recommendation_list(query=RecommendationQuery()))
    shown = [(facet.label, facet.count) for facet in facets["cluster"]]
    assert len(shown) == FACET_LIMIT
    assert [count for _label, count in shown] == sorted((count for _label, count in shown), reverse=True)
    assert shown[0] == ("Cluster 03", 4)  # the most frequent first; among equals, by name
    # 11 clusters count 2 to 4, four count 1: only one of those four is shown.
    assert [count for _label, count in shown].count(1) == 1
