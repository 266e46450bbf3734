"""Per-request helpers: the signed-in user's language (it wins over the browser's, on every
device they use) and the caller's network address."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response


def client_address(request: HttpRequest) -> str | None:
    """The caller's address, for pausing sign-in after wrong passwords (django-axes).

    Behind the production proxy (``TRUSTED_PROXY``), the connection is the proxy's own: the
    caller is the last address the proxy appended to X-Forwarded-For; anything before it was
    written by the caller and could be a lie. Otherwise, the connection's address.
    """
    if settings.TRUSTED_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")
