"""Loan products: created and edited by staff and advisers, each change in the audit trail.

Applications copy a product's terms while they are editable, so editing a product never
changes a file already before the committee, nor a loan already paid out.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.models import User
from incubator.services import audit_record
from loans.models import LoanProduct

EDITORS = frozenset({User.Role.STAFF, User.Role.ADVISER})
FIELDS = [f.attname for f in LoanProduct._meta.concrete_fields if f.attname not in {
    "id", "created_at", "updated_at"}]  # fmt: skip


@transaction.atomic
def product_save(*, product: LoanProduct, actor: User) -> LoanProduct:
    """Save a validated product (new or changed) and record which fields changed."""
    if actor.role not in EDITORS:
        raise DomainError(_("Your role does not allow this action."), code="forbidden_role")
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
