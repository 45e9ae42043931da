"""The read-only public JSON API under /api/: the same objects and filters as the public tracker."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from portal import selectors
from portal.api import serializers
from recommendations.filters import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORTS, RecommendationQuery
from reporting.selectors import report_published_list

_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class Pagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


def _many(name: str, description: str, type_=OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(name, type_, many=True, explode=True, description=description)


RECOMMENDATION_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words to find in the text (in the language `lang`)."),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=_LANGUAGES, description="Language of the text search."),
    _many("state", "ISO 3166 alpha-3 code of the State concerned."),
    _many("mechanism_type", "upr, treaty_body, special_procedure, regional, other."),
    _many("mechanism", "Mechanism code as in the Universal Human Rights Index, e.g. UPR, CRC."),
    _many("document", "Source document symbol."),
    _many("cycle", "UPR cycle.", OpenApiTypes.INT),
    _many("kind", "recommendation, observation, voluntary_pledge, other."),
    _many("theme", "Theme code."),
    _many("group", "Concerned group code."),
    _many("goal", "SDG goal code, e.g. 5."),
    _many("target", "SDG target code, e.g. 5.2."),
    _many("cluster", "Cluster id, or none."),
    _many("institution", "Institution id (lead or supporting), or none."),
    _many("status", "no_information, not_started, in_progress, partially_implemented, implemented, "
          "not_applicable."),
    _many("position", "supported, supported_in_part, noted, pending."),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=["relevance", *SORTS], description="Order of the results."),
]  # fmt: skip


@extend_schema_view(
    list=extend_schema(parameters=RECOMMENDATION_FILTERS, summary="Published recommendations"),
    retrieve=extend_schema(
        summary="One published recommendation with its published progress updates",
        responses=serializers.RecommendationDetailSerializer,
    ),
)
class RecommendationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.RecommendationSerializer
    pagination_class = Pagination
    _m2m = ("recommending_states", "themes", "groups", "sdg_goals", "sdg_targets", "supporting_institutions")

    def get_queryset(self) -> QuerySet:
        if self.action == "retrieve":
            return selectors.public_recommendations().select_related("mechanism", "source_document", "state")
        query = RecommendationQuery.from_params(self.request.query_params, staff=False)
        if query.errors:
            raise ValidationError({"errors": query.errors})
        return selectors.public_recommendation_list(query=query).prefetch_related(*self._m2m)

    def list(self, request: Request, *args, **kwargs) -> Response:
        language = request.query_params.get("lang", "en")
        if language not in _LANGUAGES:
            raise ValidationError({"errors": [f"Unknown lang: {language}"]})
        with translation.override(language):
            return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        recommendation = self.get_object()
        context = self.get_serializer_context() | {
            "updates": selectors.recommendation_public_updates(recommendation)
        }
        return Response(serializers.RecommendationDetailSerializer(recommendation, context=context).data)


@extend_schema_view(list=extend_schema(summary="Clusters with published recommendations"))
class ClusterViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ClusterSerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet:
        return selectors.public_clusters()


@extend_schema_view(list=extend_schema(summary="Mechanisms with published recommendations"))
class MechanismViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MechanismSerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet:
        return selectors.public_mechanisms()


@extend_schema_view(list=extend_schema(summary="Institutions responsible for published recommendations"))
class InstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.InstitutionSerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet:
        return selectors.public_institutions()


@extend_schema_view(list=extend_schema(summary="SDG goals, with their published recommendations counted"))
class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.GoalSerializer
    pagination_class = Pagination
    lookup_field = "code"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet:
        return selectors.public_goals()


@extend_schema_view(
    list=extend_schema(
        summary="SDG targets",
        parameters=[OpenApiParameter("goal", OpenApiTypes.STR, description="Only this goal's targets.")],
    )
)
class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.TargetSerializer
    pagination_class = Pagination
    lookup_field = "code"
    lookup_value_regex = r"[0-9]+\.[0-9a-z]+"

    def get_queryset(self) -> QuerySet:
        targets = selectors.public_targets()
        goal = self.request.query_params.get("goal")
        return targets.filter(goal__code=goal) if goal else targets


@extend_schema_view(
    list=extend_schema(
        summary="Published progress updates",
        parameters=[
            OpenApiParameter("recommendation", OpenApiTypes.INT, description="Only this recommendation's.")
        ],
    )
)
class ProgressUpdateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ProgressUpdateSerializer
    pagination_class = Pagination

    def get_queryset(self) -> QuerySet:
        updates = selectors.public_updates_with_evidence()
        recommendation = self.request.query_params.get("recommendation", "")
        if recommendation:
            if not recommendation.isdigit():
                raise ValidationError({"errors": ["recommendation must be an id"]})
            updates = updates.filter(recommendation_id=int(recommendation))
        return updates


@extend_schema_view(
    list=extend_schema(summary="Published reports", responses=serializers.ReportSerializer(many=True)),
    retrieve=extend_schema(
        summary="One published report",
        responses=serializers.ReportSerializer,
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    ),
)
class ReportViewSet(viewsets.ViewSet):
    """Published reports, newest first (a few dozen at most: listed without a database filter)."""

    serializer_class = serializers.ReportSerializer
    pagination_class = Pagination
    lookup_value_regex = r"[0-9]+"

    def list(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(report_published_list(), request, view=self)
        return paginator.get_paginated_response(serializers.ReportSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        for report in report_published_list():
            if str(report.pk) == pk:
                return Response(serializers.ReportSerializer(report).data)
        raise NotFound
