"""Signing in: the real form, redirects, and throttling of repeated failures."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_sign_in_leads_to_the_workspace(client, secretariat):
    response = client.post(
        "/en/accounts/login/", {"username": "secretariat", "password": "a-long-test-password"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/workspace/"
    assert "Workspace" in client.get("/en/workspace/").content.decode()


def test_wrong_password_says_so(client, secretariat):
    response = client.post("/en/accounts/login/", {"username": "secretariat", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_from_that_address(client, secretariat):
    for _ in range(3):
        client.post("/en/accounts/login/", {"username": "secretariat", "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"username": "secretariat", "password": "a-long-test-password"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_sign_out_is_a_post(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/en/accounts/logout/").status_code == 405
    assert client.post("/en/accounts/logout/").status_code == 302
    assert client.get("/en/workspace/").status_code == 302
