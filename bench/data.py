"""Synthetic but realistic recommendations in bulk, for benchmarks."""

import datetime
import random

from focalpoints.models import Institution
from recommendations.models import Cluster, Country, Mechanism, Recommendation, SourceDocument, Theme
from sdg.models import Goal

VERBS = ["Adopt", "Strengthen", "Ensure", "Take measures to", "Continue efforts to", "Guarantee", "Consider"]
OBJECTS = [
    "a comprehensive law against discrimination",
    "access to justice for women and girls",
    "the independence of the judiciary",
    "protection of human rights defenders and journalists",
    "inclusive education for children with disabilities",
    "prison conditions in line with the Nelson Mandela Rules",
    "the rights of migrant workers and their families",
    "universal health coverage in rural areas",
    "the prevention of torture and ill-treatment in places of detention",
    "birth registration of all children",
    "the participation of indigenous peoples in decisions affecting them",
    "investigations into cases of violence against women",
]
ENDINGS = ["", " and allocate sufficient resources", " in consultation with civil society", " without delay"]
STATES = ["ESP", "FRA", "DEU", "BRA", "MEX", "NOR", "JPN", "ZAF", "IND", "CAN", "CHL", "SEN", "PHL", "KEN"]


def build(count: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    state = Country.objects.get(code="FRA")
    mechanisms = list(
        Mechanism.objects.filter(code__in=["UPR", "CRC", "CEDAW", "CAT", "CCPR", "CESCR", "SR Torture"])
    )
    documents = [
        SourceDocument.objects.create(symbol=f"BENCH/{m.code}/{i}", mechanism=m, state=state)
        for m in mechanisms
        for i in range(3)
    ]
    themes = list(Theme.objects.all()[:40])
    goals = list(Goal.objects.all())
    clusters = [Cluster.objects.create(name=f"Bench cluster {i}") for i in range(20)]
    institutions = [Institution.objects.create(name=f"Bench ministry {i}") for i in range(25)]
    states = list(Country.objects.filter(code__in=STATES))
    rows = []
    for i in range(count):
        document = rng.choice(documents)
        upr = document.mechanism.code == "UPR"
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(ENDINGS)}"
        rows.append(
            Recommendation(
                state=state,
                text=text,
                text_en=text,
                text_fr=f"Version française {i}: {text}" if i % 5 == 0 else None,
                mechanism=document.mechanism,
                source_document=document,
                paragraph=f"{100 + i // 300}.{i % 300}",
                date=datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(5000)),
                cycle=rng.choice([2, 3, 4]) if upr else None,
                position=rng.choice(["supported", "noted"]) if upr else "",
                status=rng.choice(Recommendation.Status.values),
                cluster=rng.choice(clusters) if rng.random() < 0.8 else None,
                lead_institution=rng.choice(institutions) if rng.random() < 0.7 else None,
                published=rng.random() < 0.95,
            )
        )
    created = Recommendation.objects.bulk_create(rows, batch_size=2000)
    theme_links, goal_links, state_links = [], [], []
    for rec in created:
        for theme in rng.sample(themes, 2):
            theme_links.append(Recommendation.themes.through(recommendation_id=rec.pk, theme_id=theme.pk))
        goal_links.append(
            Recommendation.sdg_goals.through(recommendation_id=rec.pk, goal_id=rng.choice(goals).pk)
        )
        if rec.mechanism.code == "UPR":
            state_links.append(
                Recommendation.recommending_states.through(
                    recommendation_id=rec.pk, country_id=rng.choice(states).pk
                )
            )
    for links in (theme_links, goal_links, state_links):
        type(links[0]).objects.bulk_create(links, batch_size=5000)
