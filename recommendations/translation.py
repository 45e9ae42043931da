from modeltranslation.translator import TranslationOptions, register

from recommendations.models import Cluster, ConcernedGroup, Country, Mechanism, Recommendation, Theme


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Mechanism)
class MechanismTranslation(TranslationOptions):
    fields = ("name",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(ConcernedGroup)
class ConcernedGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Cluster)
class ClusterTranslation(TranslationOptions):
    fields = ("name", "objective")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)
