"""The public API's representation of each public object (read-only; nothing private is serialised)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from focalpoints.models import EvidenceFile, Institution, ProgressUpdate
from focalpoints.services import narrative_as_text
from recommendations.models import Cluster, Mechanism, Recommendation
from sdg.models import Goal, Target


def _portal(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _translations(obj, field: str) -> dict[str, str]:
    values = {}
    for code, _name in settings.LANGUAGES:
        value = getattr(obj, f"{field}_{code.replace('-', '_')}", "")
        if value:
            values[code] = value
    return values


class RecommendationSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="code", read_only=True)
    mechanism = serializers.SlugRelatedField(slug_field="code", read_only=True)
    mechanism_type = serializers.CharField(source="mechanism.type", read_only=True)
    document = serializers.SlugRelatedField(source="source_document", slug_field="symbol", read_only=True)
    text = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()
    recommending_states = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sdg_goals = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sdg_targets = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    portal_url = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id", "external_id", "state", "kind", "mechanism", "mechanism_type", "document", "paragraph",
            "date", "cycle", "text", "original_language", "translations", "recommending_states", "position",
            "themes", "groups", "sdg_goals", "sdg_targets", "cluster", "lead_institution",
            "supporting_institutions", "status", "status_date", "requires_legislation", "updated_at",
            "portal_url",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_text(self, obj: Recommendation) -> str:
        """The text in its original language."""
        return obj.original_text()

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_translations(self, obj: Recommendation) -> dict[str, str]:
        return _translations(obj, "text")

    def get_portal_url(self, obj: Recommendation) -> str:
        return _portal("portal:recommendation_detail", obj.pk)


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceFile
        fields = ["id", "name", "kind", "size", "url"]
        read_only_fields = fields

    def get_url(self, obj: EvidenceFile) -> str:
        return _portal("portal:evidence_download", obj.pk)


class ProgressUpdateSerializer(serializers.ModelSerializer):
    institution = serializers.PrimaryKeyRelatedField(read_only=True)
    narrative = serializers.SerializerMethodField()
    validated_at = serializers.DateTimeField(source="reviewed_at", read_only=True)
    status = serializers.CharField(source="applied_status", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id", "recommendation", "institution", "period_start", "period_end", "narrative", "links",
            "status", "validated_at", "evidence",
        ]  # fmt: skip
        read_only_fields = fields

    def get_narrative(self, obj: ProgressUpdate) -> str:
        """The narrative as plain text."""
        return narrative_as_text(obj.narrative)


class RecommendationDetailSerializer(RecommendationSerializer):
    progress_updates = serializers.SerializerMethodField()

    class Meta(RecommendationSerializer.Meta):
        fields = [*RecommendationSerializer.Meta.fields, "progress_updates"]
        read_only_fields = fields

    @extend_schema_field(ProgressUpdateSerializer(many=True))
    def get_progress_updates(self, obj: Recommendation) -> list[dict]:
        return ProgressUpdateSerializer(self.context["updates"], many=True).data


class ClusterSerializer(serializers.ModelSerializer):
    names = serializers.SerializerMethodField()
    published_recommendations = serializers.IntegerField(source="published_count", read_only=True)
    portal_url = serializers.SerializerMethodField()

    class Meta:
        model = Cluster
        fields = ["id", "name", "names", "objective", "published_recommendations", "portal_url"]
        read_only_fields = fields

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_names(self, obj: Cluster) -> dict[str, str]:
        return _translations(obj, "name")

    def get_portal_url(self, obj: Cluster) -> str:
        return _portal("portal:cluster_detail", obj.pk)


class MechanismSerializer(serializers.ModelSerializer):
    published_recommendations = serializers.IntegerField(source="published_count", read_only=True)
    portal_url = serializers.SerializerMethodField()

    class Meta:
        model = Mechanism
        fields = ["id", "code", "name", "type", "published_recommendations", "portal_url"]
        read_only_fields = fields

    def get_portal_url(self, obj: Mechanism) -> str:
        return _portal("portal:mechanism_detail", obj.pk)


class InstitutionSerializer(serializers.ModelSerializer):
    lead_recommendations = serializers.IntegerField(source="lead_count", read_only=True)
    portal_url = serializers.SerializerMethodField()

    class Meta:
        model = Institution
        fields = ["id", "name", "acronym", "kind", "website", "lead_recommendations", "portal_url"]
        read_only_fields = fields

    def get_portal_url(self, obj: Institution) -> str:
        return _portal("portal:institution_detail", obj.pk)


class TargetSerializer(serializers.ModelSerializer):
    goal = serializers.SlugRelatedField(slug_field="code", read_only=True)
    published_recommendations = serializers.IntegerField(source="published_count", read_only=True)

    class Meta:
        model = Target
        fields = ["code", "goal", "short_title", "title", "published_recommendations"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    published_recommendations = serializers.IntegerField(source="published_count", read_only=True)

    class Meta:
        model = Goal
        fields = ["code", "short_title", "title", "published_recommendations"]
        read_only_fields = fields


class ReportSerializer(serializers.Serializer):
    """A published report (reporting.selectors.PublishedReport) and where to download its PDF."""

    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    kind = serializers.CharField()
    language = serializers.CharField()
    published_at = serializers.DateTimeField()
    pages = serializers.IntegerField(source="version.pages", allow_null=True)
    pdf_url = serializers.SerializerMethodField()

    def get_pdf_url(self, obj) -> str:
        return settings.SITE_URL + reverse("reports:download", args=[obj.pk])
