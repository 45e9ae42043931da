from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from focalpoints.models import FocalPoint, Institution


@admin.register(Institution)
class InstitutionAdmin(TranslationAdmin):
    list_display = ("name", "acronym", "kind", "membership", "active")
    list_filter = ("kind", "membership", "active")
    search_fields = ("name", "acronym")
    autocomplete_fields = ("parent",)


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ("user", "institution", "role", "start_date", "end_date")
    list_filter = ("role", "institution")
    search_fields = ("user__username", "user__last_name", "institution__name")
    autocomplete_fields = ("user", "institution")
