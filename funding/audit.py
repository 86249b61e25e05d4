"""The audit log of grants: what a save changed, amounts and dates with their old and new
values (Wagtail logs only that a grant was edited or published), and payments added or removed.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from pirsote.core import audit_changes

from .models import Grant, Payment

GRANT_PAYMENTS = "funding.grant_payments"


def connect():
    """Track grants and payments from the start: called from FundingConfig.ready()."""
    audit_changes.track_field_changes(
        Grant,
        with_values=[
            "identifier",
            "project",
            "funder",
            "recipient",
            "payer",
            "amount_awarded",
            "award_date",
            "award_date_precision",
            "planned_start",
            "planned_end",
            "decision_reference",
        ],
    )
    pre_save.connect(_payment_before_save, sender=Payment, dispatch_uid="funding_audit_payment_pre")
    post_save.connect(_payment_saved, sender=Payment, dispatch_uid="funding_audit_payment_post")
    post_delete.connect(_payment_deleted, sender=Payment, dispatch_uid="funding_audit_payment_del")


def _payment_line(date, amount, reference):
    line = f"{date.isoformat()} {amount} €"
    return f"{line} ({reference})" if reference else line


def _payment_before_save(sender, instance, raw=False, **kwargs):
    stored = None
    if not raw and instance.pk is not None:
        stored = (
            Payment.objects.filter(pk=instance.pk).values("date", "amount", "reference").first()
        )
    instance._audit_line_before = _payment_line(**stored) if stored else None


def _payment_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    line = _payment_line(instance.date, instance.amount, instance.reference)
    before = getattr(instance, "_audit_line_before", None)
    if before == line:
        return  # saved again unchanged, as publishing saves every payment
    audit_changes.log_difference(
        instance.grant, GRANT_PAYMENTS, added=[line], removed=[before] if before else []
    )


def _payment_deleted(sender, instance, **kwargs):
    try:
        grant = instance.grant
    except Grant.DoesNotExist:
        return
    line = _payment_line(instance.date, instance.amount, instance.reference)
    audit_changes.log_difference(grant, GRANT_PAYMENTS, removed=[line])
