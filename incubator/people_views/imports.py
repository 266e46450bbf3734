"""Importing participants from a CSV: upload, preview with row-numbered errors, confirm."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from incubator import participant_csv
from incubator.errors import DomainError
from incubator.models import ParticipantImport
from incubator.people_forms import ImportForm
from incubator.people_views.common import staff_only
from incubator.selectors import get_for
from incubator.services import imports as import_services


@staff_only
def participant_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch, preview = import_services.participant_import_preview(
            filename=upload.name, data=upload.read(), actor=request.user
        )
        return render(
            request,
            "incubator/people/import_preview.html",
            {"batch": batch, "preview": preview, "columns": _present_columns(preview)},
        )
    return render(
        request,
        "incubator/people/import.html",
        {"form": form, "columns": participant_csv.COLUMNS},
    )


def _present_columns(preview: participant_csv.Preview) -> list[str]:
    """The preview table shows the required columns and whichever others the file fills."""
    filled = {key for row in preview.rows for key, value in row.cells.items() if value}
    return [key for key in participant_csv.KEYS if key in participant_csv.REQUIRED or key in filled]


@require_POST
@staff_only
def participant_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    # Only the person who uploaded the file confirms it (a preview is not shared work).
    batch = get_for(ParticipantImport.objects.filter(created_by=request.user), pk)
    try:
        people = import_services.participant_import_confirm(batch=batch, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("people:import")
    messages.success(
        request,
        ngettext("%(count)s participant imported.", "%(count)s participants imported.", len(people))
        % {"count": len(people)},
    )
    return redirect("people:participants")


@staff_only
def participant_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        "\ufeff" + participant_csv.template_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="participants-template.csv"'
    return response
