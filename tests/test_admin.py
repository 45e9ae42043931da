"""The Django admin has a page for every model, and administrators can open each list."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db
OWN_APPS = ("nmirf", "recommendations", "focalpoints", "sdg")


def test_every_model_is_in_the_admin():
    missing = [
        f"{model._meta.app_label}.{model.__name__}"
        for app in OWN_APPS
        for model in apps.get_app_config(app).get_models()
        if model not in admin.site._registry
    ]
    assert not missing


def test_administrators_open_every_list(admin_user, client):
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    for model in admin.site._registry:
        if model._meta.app_label in OWN_APPS:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert client.get(url).status_code == 200, url
