"""Who may open what. Every page and API view passes through these few chokepoints.

Role checks answer 403 (the page exists, your role may not use it); object checks live in
each app's selectors (``get_<thing>_for(user, pk)``) and answer 404 alike for "missing" and
"not yours", so a participant cannot even learn that another's record exists.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import BasePermission

from incubator.models import User

Role = User.Role
BACK_OFFICE = frozenset({Role.STAFF, Role.ADVISER, Role.COMMITTEE})
LOAN_OFFICERS = frozenset({Role.ADVISER, Role.COMMITTEE})


def has_role(user: Any, roles: Iterable[str]) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in set(roles))


class RoleRequiredMixin(LoginRequiredMixin):
    """Class-based views: ``allowed_roles = {Role.STAFF}``; anonymous users go to the login page."""

    allowed_roles: Iterable[str] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not has_role(request.user, self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Function views: ``@role_required(Role.PARTICIPANT)``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class HasRole(BasePermission):
    """DRF: ``permission_classes = [HasRole.of(Role.ADVISER, Role.COMMITTEE)]``."""

    roles: frozenset[str] = frozenset()

    @classmethod
    def of(cls, *roles: str) -> type["HasRole"]:
        return type(f"HasRole_{'_'.join(sorted(roles))}", (cls,), {"roles": frozenset(roles)})

    def has_permission(self, request: Any, view: Any) -> bool:
        return has_role(request.user, self.roles)
