"""The funders' indicators for a programme and a period: page, CSV and PDF."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from incubator import funder_report, pdf, people_forms, selectors
from incubator.lib import csvfile
from incubator.lib.charts import to_svg
from incubator.people_views.common import staff_only


def _report(
    request: HttpRequest,
) -> tuple[people_forms.IndicatorsForm, funder_report.Report | None]:
    data = request.GET.copy()
    programmes = selectors.programmes_visible_to(request.user)
    if "programme" not in data:
        # The programme running today, else the latest one that has started, else any.
        today = timezone.localdate()
        first = programmes.filter(start_date__lte=today).first() or programmes.first()
        if first is not None:
            data["programme"] = str(first.pk)
    form = people_forms.IndicatorsForm(data)
    form.fields["programme"].queryset = programmes
    if not form.is_valid():
        return form, None
    cleaned = form.cleaned_data
    return form, funder_report.build(cleaned["programme"], cleaned["start"], cleaned["end"])


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


@staff_only
def indicators(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    context: dict[str, object] = {"form": form, "report": report}
    if report is not None:
        people_chart, outcomes_chart = funder_report.charts(report)
        context.update(
            people_chart=to_svg(people_chart, title=_("People by age band")),
            outcomes_chart=to_svg(outcomes_chart, title=_("Outcomes at 6 and 12 months")),
            outcomes_recorded=report.outcomes_recorded,
            bands=funder_report.BANDS,
            gender_rows=[
                (
                    funder_report.GENDERS(gender).label,
                    [bands[b.key] for b in funder_report.BANDS],
                    sum(bands.values()),
                )
                for gender, bands in report.people_by_gender_band.items()
            ],
            band_totals=[report.band_totals()[b.key] for b in funder_report.BANDS],
            outcome_rows=[
                (
                    funder_report.outcome_label(key),
                    [report.outcomes[m][key] for m in report.outcomes],
                )
                for key in next(iter(report.outcomes.values()))
            ],
            contributed=_sections(report),
            definitions=pdf.definitions(),
            query=request.GET.urlencode(),
        )
    return render(request, "incubator/people/indicators.html", context)


def _sections(report: funder_report.Report) -> list[tuple[str, list[tuple[str, str]]]]:
    language = _language()
    sections: dict[str, list[tuple[str, str]]] = {}
    for line in report.contributed:
        sections.setdefault(str(line.section or _("Other indicators")), []).append(
            (str(line.label), pdf.format_value(line, language))
        )
    return list(sections.items())


def _filename(report: funder_report.Report, extension: str) -> str:
    return f"indicators-{slugify(report.programme.name)}-{report.start}-{report.end}.{extension}"


@staff_only
def indicators_csv(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return render(request, "incubator/people/indicators.html", {"form": form}, status=400)
    rows: list[list[object]] = [[_("Section"), _("Key"), _("Indicator"), _("Value")]]
    rows += [[str(line.section), line.key, str(line.label), line.value] for line in report.lines()]
    # A BOM so Excel opens the UTF-8 file with its accents; ';' as French Excel expects.
    response = HttpResponse("\ufeff" + csvfile.write(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    return response


@staff_only
def indicators_pdf(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return render(request, "incubator/people/indicators.html", {"form": form}, status=400)
    language = _language()
    people_chart, outcomes_chart = funder_report.charts(report, width=480)
    funders = list(report.programme.funders.all())
    document = pdf.IndicatorsDocument(
        organisation=settings.TREMPLIN_ORGANISATION_NAME,
        report=report,
        funders=[f.name for f in funders],
        funder_mentions=[f.acknowledgement for f in funders if f.acknowledgement],
        eu_emblem=any(f.eu_emblem for f in funders),
        people_chart=people_chart,
        outcomes_chart=outcomes_chart,
    )
    response = HttpResponse(pdf.render_indicators(document, language=language),
                            content_type="application/pdf")  # fmt: skip
    response["Content-Disposition"] = f'inline; filename="{_filename(report, "pdf")}"'
    return response
