"""Loan products: created and edited by staff and advisers, each change in the audit trail.

Applications copy a product's terms while they are editable, so editing a product never
changes a file already before the committee, nor a loan already paid out.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.models import User
from incubator.services import audit_record
from loans.models import LoanProduct

EDITORS = frozenset({User.Role.STAFF, User.Role.ADVISER})
FIELDS = [f.attname for f in LoanProduct._meta.concrete_fields if f.attname not in {
    "id", "created_at", "updated_at"}]  # fmt: skip


def product_errors(values: Mapping[str, Any]) -> dict[str, str]:
    """Per-field messages for ranges a product cannot have (the model's check constraints),
    empty when all fit. Shared by the form (beside each field) and product_save (one refusal).
    """
    errors: dict[str, str] = {}
    low, high = values.get("min_amount"), values.get("max_amount")
    if low is not None and low <= 0:
        errors["min_amount"] = _("The smallest amount must be more than zero.")
    if low is not None and high is not None and high < low:
        errors["max_amount"] = _("The largest amount must not be below the smallest.")
    fewest, most = values.get("min_installments"), values.get("max_installments")
    if fewest is not None and fewest < 1:
        errors["min_installments"] = _("At least one installment.")
    if most is not None and most > 120:
        errors["max_installments"] = _("At most 120 installments.")
    if fewest is not None and most is not None and most < fewest:
        errors.setdefault("max_installments", _("Must not be below the fewest installments."))
    rate = values.get("annual_rate")
    if rate is not None and not 0 <= rate <= 100:
        errors["annual_rate"] = _("The rate must be between 0 and 100 %.")
    for name in ("fee_percent", "guarantee_percent"):
        value = values.get(name)
        if value is not None and not 0 <= value < 100 + (name == "guarantee_percent"):
            errors[name] = _("Enter a percentage between 0 and 100.")
    fixed = values.get("fee_fixed")
    if fixed is not None and fixed < 0:
        errors["fee_fixed"] = _("The fee cannot be negative.")
    return errors


@transaction.atomic
def product_save(*, product: LoanProduct, actor: User) -> LoanProduct:
    """Save a validated product (new or changed) and record which fields changed."""
    if actor.role not in EDITORS:
        raise DomainError(_("Your role does not allow this action."), code="forbidden_role")
    # The API hands over what its serializer parsed: the database's check constraints
    # would answer a bare IntegrityError (a 500), so the ranges are refused here first.
    errors = product_errors({name: getattr(product, name) for name in FIELDS})
    if errors:
        raise DomainError(" ".join(errors.values()), code="out_of_range")
    created = product.pk is None
    stored = {} if created else LoanProduct.objects.filter(pk=product.pk).values(*FIELDS).get()
    changed = [name for name in FIELDS if created or stored[name] != getattr(product, name)]
    if not changed:
        return product
    product.save()
    audit_record(
        subject=product,
        actor=actor,
        action="product_created" if created else "product_updated",
        reason="" if created else ", ".join(changed),
    )
    return product
