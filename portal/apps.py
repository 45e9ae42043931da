from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What public pages show (each model's many-to-many tables included): a change to any of these, however
# it is made, ends the copies of public pages at once (nmirf.cache).
PUBLIC_MODELS = (
    "recommendations.Recommendation", "recommendations.Mechanism", "recommendations.Country",
    "recommendations.Theme", "recommendations.ConcernedGroup", "recommendations.Cluster",
    "recommendations.SourceDocument", "focalpoints.Institution", "focalpoints.ProgressUpdate",
    "focalpoints.EvidenceFile", "focalpoints.Deadline", "reporting.Report", "sdg.Goal", "sdg.Target",
    "portal.Feedback",
)  # fmt: skip


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from nmirf.cache import watch

        watch(self.apps.get_model(label) for label in PUBLIC_MODELS)
