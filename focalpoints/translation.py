from modeltranslation.translator import TranslationOptions, register

from focalpoints.models import Action, Deadline, ImpactIndicator, Institution


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name",)


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ImpactIndicator)
class ImpactIndicatorTranslation(TranslationOptions):
    fields = ("name",)


@register(Deadline)
class DeadlineTranslation(TranslationOptions):
    fields = ("title",)
