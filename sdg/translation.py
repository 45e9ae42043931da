from modeltranslation.translator import TranslationOptions, register

from sdg.models import Goal, Indicator, Target


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("short_title", "title")


@register(Target)
class TargetTranslation(TranslationOptions):
    fields = ("short_title", "title")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("short_title", "title")
