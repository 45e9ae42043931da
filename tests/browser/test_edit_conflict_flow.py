"""An edit conflict in a real browser: the refusal, the table of the other person's changes, then the
deliberate second save; the refused page has no serious accessibility violation (English and Arabic)."""

import re

import pytest
from playwright.sync_api import Page, expect

from recommendations import services
from recommendations.models import Cluster
from tests.browser.test_accessibility import audit
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_stale_cluster_edit_is_refused_shown_and_then_saved_on_purpose(
    page: Page, log_in, secretariat, workspace_data, language
):
    cluster = workspace_data["cluster"]
    other = UserFactory(username="bruno", roles=["Secretariat"])
    log_in("secretariat", language=language)
    address = f"/{language}/workspace/clusters/{cluster.pk}/edit/"
    page.goto(address)
    services.cluster_update(user=other, cluster=cluster, values={"objective_en": "Objective set by Bruno"})

    page.locator("input[name=name_en]").fill("Justice reform, as Anna names it")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(address)
    conflict = page.locator("#edit-conflict")
    expect(conflict.get_by_role("alert")).to_be_visible()
    expect(conflict.locator("table tbody tr")).to_have_count(1)
    expect(conflict.locator("table tbody tr td").nth(1)).to_have_text("Objective set by Bruno")
    expect(page.locator("input[name=name_en]")).to_have_value("Justice reform, as Anna names it")
    problems = audit(page, address, language, navigate=False)
    assert not problems, "\n".join(problems)
    assert Cluster.objects.get(pk=cluster.pk).name_en == "Justice reform"

    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/workspace/clusters/{cluster.pk}/$"))
    assert Cluster.objects.get(pk=cluster.pk).name_en == "Justice reform, as Anna names it"
