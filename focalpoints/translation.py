from modeltranslation.translator import TranslationOptions, register

from focalpoints.models import Institution


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name",)
