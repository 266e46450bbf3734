"""A document's progress (an htmx fragment polled every two seconds) and its download, for
loan officers and for the participant whose loan it is (the selector answers 404 otherwise)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from incubator.access import role_required
from loans import selectors
from loans.models import LoanDocument
from loans.views.common import LOAN_OFFICERS, Role

READERS = (*LOAN_OFFICERS, Role.PARTICIPANT)


def namespace(request: HttpRequest) -> str:
    return "loans_portal" if request.user.role == Role.PARTICIPANT else "loans"


@never_cache
@role_required(*READERS)
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The fragment that replaces itself until the document is ready (then polling stops)."""
    document = selectors.get_document_for(request.user, pk, content=False)
    response = render(
        request,
        "loans/_document.html",
        {"document": document, "ns": namespace(request)},
    )
    response["Vary"] = "HX-Request"
    return response


@never_cache
@role_required(*READERS)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for(request.user, pk)
    if document.status != LoanDocument.Status.READY:
        return render(
            request,
            "loans/_document.html",
            {"document": document, "ns": namespace(request)},
            status=409,
        )
    response = HttpResponse(bytes(document.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response
