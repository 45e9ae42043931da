from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from nmirf.revert import register_uses
        from reporting.scopes import scope_uses

        register_uses(scope_uses)
