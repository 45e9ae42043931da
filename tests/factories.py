"""Test data. Countries, mechanisms, themes and groups come seeded by the migrations."""

import datetime

import factory
from django.contrib.auth.models import Group

from focalpoints.models import FocalPoint, Institution
from nmirf.models import User
from recommendations.models import Cluster, Country, Mechanism, Recommendation, SourceDocument
from recommendations.ordering import paragraph_key


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def mechanism(code: str) -> Mechanism:
    return Mechanism.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        self.save()


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Ministry number {n}")
    kind = Institution.Kind.MINISTRY


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory, roles=["Focal point"])
    institution = factory.SubFactory(InstitutionFactory)
    start_date = datetime.date(2024, 1, 1)


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceDocument

    symbol = factory.Sequence(lambda n: f"A/HRC/{40 + n}/15")
    mechanism = factory.LazyFunction(lambda: mechanism("UPR"))
    state = factory.LazyFunction(lambda: country("FRA"))
    date = datetime.date(2023, 3, 1)
    cycle = 4


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cluster {n}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    state = factory.LazyFunction(lambda: country("FRA"))
    text_en = factory.Sequence(lambda n: f"Strengthen the protection of human rights defenders, measure {n}")
    original_language = "en"
    mechanism = factory.LazyFunction(lambda: mechanism("UPR"))
    paragraph = factory.Sequence(lambda n: f"120.{n}")
    paragraph_key = factory.LazyAttribute(lambda rec: paragraph_key(rec.paragraph))  # as the services set it
    date = datetime.date(2023, 3, 1)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


# Focal-point network (issue 4) ---------------------------------------------------------------------


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "focalpoints.Action"

    title_en = factory.Sequence(lambda n: f"Train judges on the Convention, phase {n}")
    recommendation = factory.SubFactory(RecommendationFactory)
    status = "not_started"


class ImpactIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "focalpoints.ImpactIndicator"

    name_en = factory.Sequence(lambda n: f"Pre-trial detainees, share of prisoners {n}")
    unit = "%"


# Reports (issue 5) ---------------------------------------------------------------------------------


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """A validated progress update on a recommendation, as the secretariat leaves it after review."""

    class Meta:
        model = "focalpoints.ProgressUpdate"

    recommendation = factory.SubFactory(RecommendationFactory)
    institution = factory.SubFactory(InstitutionFactory)
    created_by = factory.SubFactory(UserFactory)
    owner = factory.SelfAttribute("created_by")
    narrative = factory.Sequence(lambda n: f"<p>Training of 40 judges completed, session {n}.</p>")
    proposed_status = "in_progress"
    applied_status = "in_progress"
    state = "validated"
    submitted_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    reviewed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
