"""The services of the network, called directly: progress updates, reviews, actions, deadlines."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from focalpoints import services
from focalpoints.models import Action, DataPoint, Deadline, FocalPoint, ProgressUpdate, UpdateComment
from nmirf.audit import history_for
from recommendations.models import Recommendation
from tests.factories import (
    ActionFactory,
    ClusterFactory,
    ImpactIndicatorFactory,
    InstitutionFactory,
    RecommendationFactory,
    mechanism,
)

pytestmark = pytest.mark.django_db
State = ProgressUpdate.State


def complete(update, user, **extra):
    values = {
        "narrative": "The Criminal Procedure Code was amended.\n\n- 40 judges trained\n- new guidelines",
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 6, 30),
        "proposed_status": "partially_implemented",
        "links": "https://justice.example.gov/decree-12",
    } | extra
    return services.update_save(user=user, update=update, values=values)


def test_a_focal_point_reports_on_their_institutions_items_only(focal, focal2, assigned):
    update = services.update_create(user=focal, item=assigned["justice"])
    assert update.institution.name == "Ministry of Justice"
    assert update.state == State.DRAFT and update.owner == focal and update.created_by == focal
    # Health supports the justice recommendation, so it may report on it too; not on health's own as justice.
    assert (
        services.update_create(user=focal2, item=assigned["justice"]).institution.name == "Ministry of Health"
    )
    with pytest.raises(PermissionDenied):
        services.update_create(user=focal, item=assigned["health"])


@pytest.mark.parametrize("who", ["secretariat", "consultative", "admin_user"])
def test_only_focal_points_write_updates(request, who, assigned):
    with pytest.raises(PermissionDenied):
        services.update_create(user=request.getfixturevalue(who), item=assigned["justice"])


def test_narrative_is_sanitised_and_plain_text_becomes_paragraphs_and_lists(focal, assigned):
    update = services.update_create(user=focal, item=assigned["justice"])
    complete(
        update, focal, narrative='<p onclick="x()">Done<script>alert(1)</script></p><ul><li>one</li></ul>'
    )
    assert update.narrative == "<p>Done</p><ul><li>one</li></ul>"
    complete(update, focal, narrative="First.\n\n- a\n- b <i>")
    assert update.narrative == "<p>First.</p><ul><li>a</li><li>b &lt;i&gt;</li></ul>"
    assert services.narrative_as_text(update.narrative) == "First.\n\n- a\n- b <i>"


def test_links_must_be_web_addresses(focal, assigned):
    update = services.update_create(user=focal, item=assigned["justice"])
    with pytest.raises(ValidationError) as error:
        complete(update, focal, links="javascript:alert(1)")
    assert "links" in error.value.message_dict
    complete(update, focal, links="https://a.example.org\n\n http://b.example.org ")
    assert update.links == ["https://a.example.org", "http://b.example.org"]


def test_submit_needs_a_narrative_and_a_period(focal, assigned):
    update = services.update_create(user=focal, item=assigned["justice"])
    with pytest.raises(ValidationError) as error:
        services.update_submit(user=focal, update=update)
    assert set(error.value.message_dict) == {"narrative", "period_end"}
    complete(update, focal)
    services.update_submit(user=focal, update=update)
    assert update.state == State.SUBMITTED and update.submitted_by == focal and update.submitted_at


def test_the_full_review_cycle_changes_the_status_and_keeps_the_history(focal, secretariat, assigned):
    rec = assigned["justice"]
    update = services.update_create(user=focal, item=rec)
    complete(update, focal)
    services.update_submit(user=focal, update=update)
    with pytest.raises(PermissionDenied):
        services.update_save(user=focal, update=update, values={"narrative": "changed after submitting"})
    with pytest.raises(PermissionDenied):
        services.update_return(user=focal, update=update, comment="I review myself")
    with pytest.raises(ValidationError):
        services.update_return(user=secretariat, update=update, comment="  ")
    services.update_return(user=secretariat, update=update, comment="Attach the decree, please.")
    assert update.state == State.RETURNED
    assert UpdateComment.objects.get(update=update).text == "Attach the decree, please."
    complete(update, focal, narrative="Decree attached.")
    services.update_submit(user=focal, update=update)
    services.update_validate(
        user=secretariat, update=update, status="implemented", publish=True, comment="Thanks"
    )
    update.refresh_from_db()
    rec.refresh_from_db()
    assert update.state == State.VALIDATED and update.applied_status == "implemented" and update.published
    assert rec.status == "implemented" and rec.status_date == datetime.date.today()
    actions = [entry.batch.action for entry in history_for(update)]
    assert actions[::-1] == [
        "update_create",
        "update_save",
        "update_submit",
        "update_return",
        "update_save",
        "update_resubmit",
        "update_validate",
    ]
    assert history_for(rec).first().batch.action == "recommendation_update"
    with pytest.raises(PermissionDenied):
        services.update_validate(user=secretariat, update=update)


def test_validation_takes_the_proposed_status_by_default_and_sets_an_actions_status(
    focal, secretariat, justice
):
    action = ActionFactory(lead_institution=justice)
    update = services.update_create(user=focal, item=action)
    complete(update, focal, proposed_status="in_progress")
    services.update_submit(user=focal, update=update)
    services.update_validate(user=secretariat, update=update)
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert not update.published


def test_a_validated_update_is_published_only_when_validated(focal, secretariat, assigned):
    update = services.update_create(user=focal, item=assigned["justice"])
    with pytest.raises(ValidationError):
        services.update_set_published(user=secretariat, update=update, published=True)
    with pytest.raises(PermissionDenied):
        services.update_set_published(user=focal, update=update, published=True)
    update.published = True
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.filter(pk=update.pk).update(published=True)


def test_consultative_members_comment_on_shared_updates_only(focal, secretariat, consultative, assigned):
    update = services.update_create(user=focal, item=assigned["justice"])
    complete(update, focal)
    services.update_submit(user=focal, update=update)
    with pytest.raises(PermissionDenied):
        services.update_comment(user=consultative, update=update, text="Not shared yet")
    with pytest.raises(PermissionDenied):
        services.update_set_shared(user=focal, update=update, shared=True)
    services.update_set_shared(user=secretariat, update=update, shared=True)
    comment = services.update_comment(
        user=consultative, update=update, text="Civil society confirms the training."
    )
    assert comment.kind == UpdateComment.Kind.CONSULTATION
    with pytest.raises(PermissionDenied):
        services.update_comment(user=focal, update=update, text="Focal points do not comment")


def test_indicator_values_are_saved_with_the_update(focal, assigned):
    indicator = ImpactIndicatorFactory()
    indicator.recommendations.set([assigned["justice"]])
    other = ImpactIndicatorFactory()
    update = services.update_create(user=focal, item=assigned["justice"])
    assert list(services.update_indicators(update)) == [indicator]
    services.update_save(user=focal, update=update, values={"period_end": datetime.date(2026, 6, 30)},
                         indicator_values={indicator.pk: Decimal("31.5")})  # fmt: skip
    point = DataPoint.objects.get(update=update)
    assert (point.indicator, point.value, point.date) == (
        indicator,
        Decimal("31.5"),
        datetime.date(2026, 6, 30),
    )
    services.update_save(user=focal, update=update, values={}, indicator_values={indicator.pk: Decimal("30")})
    assert DataPoint.objects.get(update=update).value == Decimal("30")
    services.update_save(user=focal, update=update, values={}, indicator_values={indicator.pk: None})
    assert not DataPoint.objects.filter(update=update).exists()
    with pytest.raises(ValidationError):
        services.update_save(user=focal, update=update, values={}, indicator_values={other.pk: Decimal(1)})


def test_data_points_are_unique_per_date_and_breakdown(secretariat):
    indicator = ImpactIndicatorFactory()
    values = {"date": datetime.date(2025, 12, 31), "value": Decimal("12"), "sex": "female"}
    services.data_point_add(user=secretariat, indicator=indicator, values=values)
    services.data_point_add(user=secretariat, indicator=indicator, values=values | {"sex": "male"})
    with pytest.raises(ValidationError):
        services.data_point_add(user=secretariat, indicator=indicator, values=values)
    point = DataPoint.objects.get(sex="male")
    services.data_point_delete(user=secretariat, data_point=point)
    assert indicator.data_points.count() == 1


def test_actions_belong_to_a_recommendation_or_a_cluster(secretariat, justice):
    rec = RecommendationFactory()
    cluster = ClusterFactory()
    values = {"title_en": "Draft a law", "lead_institution": justice, "supporting_institutions": []}
    action = services.action_create(user=secretariat, values=values | {"recommendation": rec})
    assert action.item == rec
    with pytest.raises(ValidationError):
        services.action_create(user=secretariat, values=values | {"recommendation": rec, "cluster": cluster})
    with pytest.raises(ValidationError):
        services.action_create(user=secretariat, values=values)
    with pytest.raises(ValidationError):
        services.action_create(
            user=secretariat,
            values=values
            | {
                "cluster": cluster,
                "start_date": datetime.date(2026, 5, 1),
                "end_date": datetime.date(2026, 1, 1),
            },
        )
    assert Action.objects.count() == 1
    assert history_for(action).first().batch.action == "action_create"


def test_a_deadline_sets_the_update_deadline_of_what_it_concerns(secretariat):
    crc = mechanism("CRC")
    cluster = ClusterFactory()
    by_mechanism = RecommendationFactory(mechanism=crc)
    in_cluster = RecommendationFactory(cluster=cluster)
    listed = RecommendationFactory()
    untouched = RecommendationFactory()
    deadline = services.deadline_create(
        user=secretariat,
        values={
            "title_en": "CRC follow-up report",
            "due_date": datetime.date(2027, 6, 1),
            "updates_due": datetime.date(2027, 3, 1),
            "mechanism": crc,
            "clusters": [cluster],
            "recommendations": [listed],
        },
    )
    assert services.deadline_apply(user=secretariat, deadline=deadline) == 3
    for rec in (by_mechanism, in_cluster, listed):
        rec.refresh_from_db()
        assert rec.update_deadline == datetime.date(2027, 3, 1)
    untouched.refresh_from_db()
    cluster.refresh_from_db()
    deadline.refresh_from_db()
    assert untouched.update_deadline is None
    assert cluster.update_deadline == datetime.date(2027, 3, 1)
    assert deadline.applied_at is not None
    assert history_for(by_mechanism).first().batch.action == "bulk_set_update_deadline"
    assert services.deadline_apply(user=secretariat, deadline=deadline) == 0


def test_deadline_updates_come_before_the_report(secretariat):
    with pytest.raises(ValidationError):
        services.deadline_create(
            user=secretariat,
            values={
                "title_en": "Late",
                "due_date": datetime.date(2027, 1, 1),
                "updates_due": datetime.date(2027, 2, 1),
            },
        )
    assert not Deadline.objects.exists()


def test_institutions_keep_their_constraints(secretariat):
    ministry = services.institution_create(
        user=secretariat, values={"name_en": "Ministry of Labour", "kind": "ministry"}
    )
    with pytest.raises(ValidationError):
        services.institution_update(user=secretariat, institution=ministry, values={"parent": ministry})
    with pytest.raises(ValidationError):
        services.institution_update(user=secretariat, institution=ministry, values={"kind": "guild"})


def test_one_focal_point_per_institution_at_a_time(justice, focal):
    from tests.factories import FocalPointFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        FocalPointFactory(institution=justice, role=FocalPoint.Role.FOCAL_POINT)
    FocalPointFactory(institution=justice, role=FocalPoint.Role.DEPUTY)
    FocalPointFactory(institution=InstitutionFactory(), role=FocalPoint.Role.FOCAL_POINT)


def test_no_email_is_sent_before_the_transaction_commits(
    django_capture_on_commit_callbacks, focal, secretariat, assigned
):
    update = services.update_create(user=focal, item=assigned["justice"])
    complete(update, focal)
    services.update_submit(user=focal, update=update)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.update_return(user=secretariat, update=update, comment="More detail")
    assert not mail.outbox
    for callback in callbacks:  # the e-mail, and the public cache's data generation (nmirf.cache)
        callback()
    assert [message.to for message in mail.outbox] == [[focal.email]]
    assert Recommendation.objects.get(pk=assigned["justice"].pk).status == "no_information"
