"""Personas for every test: one per role, two focal points of different ministries, and the public."""

import pytest
from django.test import Client
from django.utils import translation

from tests.factories import FocalPointFactory, InstitutionFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shipped SDG framework, as `make run` loads it, in the test database once."""
    from sdg.services import sdg_load_shipped

    with django_db_blocker.unblock():
        sdg_load_shipped()


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English (a request in another language leaves it active in the thread)."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", roles=["Administrator"], is_staff=True)


@pytest.fixture
def secretariat(db):
    return UserFactory(username="secretariat", roles=["Secretariat"])


@pytest.fixture
def justice(db):
    return InstitutionFactory(name="Ministry of Justice", acronym="MOJ")


@pytest.fixture
def health(db):
    return InstitutionFactory(name="Ministry of Health", acronym="MOH")


@pytest.fixture
def focal(db, justice):
    return FocalPointFactory(user__username="focal", institution=justice).user


@pytest.fixture
def focal2(db, health):
    return FocalPointFactory(user__username="focal2", institution=health).user


@pytest.fixture
def consultative(db):
    return UserFactory(username="consultative", roles=["Consultative member"])


@pytest.fixture
def no_role(db):
    return UserFactory(username="norole")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def personas(admin_user, secretariat, focal, focal2, consultative, no_role):
    """Each persona with a logged-in client; 'public' is anonymous."""
    clients = {
        name: client_for(user)
        for name, user in {
            "admin": admin_user,
            "secretariat": secretariat,
            "focal": focal,
            "focal2": focal2,
            "consultative": consultative,
            "no_role": no_role,
        }.items()
    }
    clients["public"] = Client()
    return clients
