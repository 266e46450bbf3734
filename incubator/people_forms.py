"""Forms of the people side: they validate and clean; the services in incubator.services.*
save. Country and language names are shown in the reader's language (incubator.lib.countries).
"""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from incubator.lib import countries
from incubator.lib.periods import EARLIEST, LATEST
from incubator.models import (
    Cohort,
    Enrolment,
    FollowUp,
    Funder,
    Interview,
    Participant,
    PartnerOrganisation,
    Programme,
    User,
    Workshop,
)
from incubator.services.people import CONSENT_TEXT_VERSION


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%H:%M")


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def staff_members() -> Any:
    return User.objects.filter(role=User.Role.STAFF, is_active=True).order_by(
        "first_name", "last_name"
    )


def _check_period(form: forms.Form, start_field: str = "start_date", end: str = "end_date") -> None:
    start_day, end_day = form.cleaned_data.get(start_field), form.cleaned_data.get(end)
    if start_day and end_day and end_day < start_day:
        form.add_error(end, _("The end date is before the start date."))
    for name, day in ((start_field, start_day), (end, end_day)):
        if day and not EARLIEST <= day <= LATEST and name not in form.errors:
            form.add_error(name, _("Enter a date between 2000 and 2100."))


class PartnerForm(forms.ModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "contact_name", "email", "phone", "active"]


class FunderForm(forms.ModelForm):
    class Meta:
        model = Funder
        fields = ["name", "acknowledgement", "eu_emblem"]


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "description", "funders", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "funders": forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_period(self)
        return data


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["programme", "name", "start_date", "end_date", "capacity", "lead_staff"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["lead_staff"].queryset = staff_members()
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_period(self)
        programme, start, end = data.get("programme"), data.get("start_date"), data.get("end_date")
        if (
            programme
            and start
            and end
            and (start < programme.start_date or end > programme.end_date)
        ):
            self.add_error(
                "end_date",
                _("A cohort runs within its programme (%(start)s – %(end)s).")
                % {"start": programme.start_date, "end": programme.end_date},
            )
        capacity = data.get("capacity")
        if self.instance.pk and capacity is not None:
            from incubator.services.enrolments import seats_taken

            taken = seats_taken(self.instance)
            if capacity < taken:
                self.add_error(
                    "capacity",
                    _("%(count)s people already hold a place: the capacity cannot be lower.")
                    % {"count": taken},
                )
        return data


class ParticipantForm(forms.ModelForm):
    """The staff form: every fact, consent recorded with the version of the text read."""

    nationality = forms.ChoiceField(label=capfirst(_("nationality")))
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages spoken")),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )
    consent = forms.BooleanField(
        label=_("The person agrees to Tremplin keeping and using this data for their support"),
        required=False,
    )
    consent_text_version = forms.CharField(
        label=capfirst(_("consent text version")),
        max_length=20,
        required=False,
        initial=CONSENT_TEXT_VERSION,
        help_text=_("The version of the consent text the person read or heard."),
    )

    class Meta:
        model = Participant
        fields = [
            "first_name", "last_name", "email", "phone", "address", "date_of_birth", "gender",
            "nationality", "languages", "preferred_language", "french_level", "arrival_date",
            "residence_status", "permit_expiry", "household_size", "referring_partner",
        ]  # fmt: skip
        widgets = {
            "date_of_birth": DateInput(),
            "arrival_date": DateInput(),
            "permit_expiry": DateInput(),
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        language = _language()
        self.fields["nationality"].choices = [("", "—"), *countries.country_choices(language)]
        known = list(countries.language_choices(language))
        extra = [code for code in (self.instance.languages or []) if code not in dict(known)]
        self.fields["languages"].choices = known + [
            (code, countries.language_name(code, language)) for code in extra
        ]
        self.fields["referring_partner"].queryset = PartnerOrganisation.objects.filter(
            active=True
        ) | PartnerOrganisation.objects.filter(pk=self.instance.referring_partner_id or 0)
        if self.instance.pk:
            self.fields["consent"].initial = self.instance.consent_given_at is not None
            if self.instance.consent_text_version:
                self.fields["consent_text_version"].initial = self.instance.consent_text_version

    def clean_date_of_birth(self) -> datetime.date:
        born = self.cleaned_data["date_of_birth"]
        if not datetime.date(1900, 1, 1) <= born <= timezone.localdate():
            raise forms.ValidationError(_("The date of birth is not plausible."))
        return born

    def clean_arrival_date(self) -> datetime.date | None:
        arrived = self.cleaned_data.get("arrival_date")
        if arrived and arrived > timezone.localdate():
            raise forms.ValidationError(_("The arrival date is in the future."))
        return arrived


class EnrolForm(forms.Form):
    cohort = forms.ModelChoiceField(label=capfirst(_("cohort")), queryset=Cohort.objects.none())
    applied_on = forms.DateField(label=capfirst(_("applied on")), widget=DateInput())

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["applied_on"].initial = today
        self.fields["cohort"].queryset = (
            Cohort.objects.filter(end_date__gte=today)
            .exclude(enrolments__participant=participant)
            .select_related("programme")
            .order_by("start_date")
        )
        self.fields["cohort"].label_from_instance = lambda c: f"{c.programme} · {c}"


class EnrolmentTransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Enrolment.State.choices, widget=forms.HiddenInput)
    dropout_reason = forms.ChoiceField(
        label=capfirst(_("reason for leaving")),
        choices=[("", "—"), *Enrolment.DropoutReason.choices],
        required=False,
    )
    reason = forms.CharField(label=capfirst(_("note")), required=False, max_length=500)
    on = forms.DateField(label=capfirst(_("date")), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("to") == Enrolment.State.DROPPED and not data.get("dropout_reason"):
            self.add_error("dropout_reason", _("Say why this person is leaving."))
        on = data.get("on")
        if on and on > timezone.localdate():
            self.add_error("on", _("This date is in the future."))
        return data


class WorkshopForm(forms.ModelForm):
    """Date, start and end times instead of two date-times: how staff plan a session."""

    day = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    start_time = forms.TimeField(label=capfirst(_("from")), widget=TimeInput())
    end_time = forms.TimeField(label=capfirst(_("to")), widget=TimeInput())
    language = forms.ChoiceField(label=capfirst(_("language")))
    interpreter_language = forms.ChoiceField(label=capfirst(_("interpreting into")), required=False)

    class Meta:
        model = Workshop
        fields = [
            "programme", "cohort", "title", "place", "facilitator", "language",
            "needs_interpreter", "interpreter_language", "needs_childcare", "needs_transport",
            "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = list(countries.language_choices(_language()))
        self.fields["language"].choices = choices
        self.fields["interpreter_language"].choices = [("", "—"), *choices]
        self.fields["cohort"].queryset = Cohort.objects.select_related("programme")
        self.fields["cohort"].label_from_instance = lambda c: f"{c.programme} · {c}"
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                day=start.date(),
                start_time=start.time(),
                end_time=timezone.localtime(self.instance.ends_at).time(),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        programme, cohort = data.get("programme"), data.get("cohort")
        if programme and cohort and cohort.programme_id != programme.pk:
            self.add_error("cohort", _("This cohort belongs to another programme."))
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", _("The workshop ends before it starts."))
            zone = timezone.get_current_timezone()
            self.instance.starts_at = datetime.datetime.combine(day, start, tzinfo=zone)
            self.instance.ends_at = datetime.datetime.combine(day, end, tzinfo=zone)
        if data.get("needs_interpreter") and not data.get("interpreter_language"):
            self.add_error("interpreter_language", _("Into which language?"))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=capfirst(_("reason")), max_length=500, required=False)


class AttendanceForm(forms.Form):
    """One radio group per person on the roster; an unanswered group records nothing."""

    def __init__(self, *args: Any, roster: list[Participant], marks: dict[int, str], **kw: Any):
        super().__init__(*args, **kw)
        self.roster = roster
        from incubator.models import Attendance

        for person in roster:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=str(person),
                choices=Attendance.Status.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=marks.get(person.pk),
            )

    def rows(self) -> list[tuple[Participant, Any]]:
        return [(person, self[f"p{person.pk}"]) for person in self.roster]

    def marks(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data[f"p{person.pk}"]
            for person in self.roster
            if self.cleaned_data.get(f"p{person.pk}")
        }


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["held_on", "staff", "notes", "next_steps", "next_date"]
        widgets = {
            "held_on": DateInput(),
            "next_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_members()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        held, following = data.get("held_on"), data.get("next_date")
        if held and held > timezone.localdate():
            self.add_error("held_on", _("This date is in the future."))
        if held and following and following < held:
            self.add_error("next_date", _("The next meeting is before this one."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What became of this person?"),
        choices=FollowUp.Outcome.choices,
        widget=forms.RadioSelect(attrs={"class": "choices"}),
    )
    contacted_on = forms.DateField(label=capfirst(_("contacted on")), widget=DateInput())
    business_legal_form = forms.ChoiceField(
        label=capfirst(_("legal form")),
        choices=[("", "—"), *FollowUp.LegalForm.choices],
        required=False,
    )
    business_started_on = forms.DateField(
        label=capfirst(_("business created on")), widget=DateInput(), required=False
    )
    business_sector = forms.ChoiceField(
        label=capfirst(_("sector")), choices=[("", "—"), *FollowUp.Sector.choices], required=False
    )
    notes = forms.CharField(label=capfirst(_("notes")), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = timezone.localdate()
        if data.get("contacted_on") and data["contacted_on"] > today:
            self.add_error("contacted_on", _("This date is in the future."))
        if data.get("outcome") == FollowUp.Outcome.BUSINESS_CREATED:
            for name in ("business_legal_form", "business_started_on", "business_sector"):
                if not data.get(name):
                    self.add_error(name, _("Needed when a business was created."))
        return data

    def business(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name)
            for name in ("business_legal_form", "business_started_on", "business_sector")
        }


class IndicatorsForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=capfirst(_("programme")), queryset=Programme.objects.all()
    )
    start = forms.DateField(label=capfirst(_("from")), widget=DateInput(), required=False)
    end = forms.DateField(label=capfirst(_("to")), widget=DateInput(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        programme = data.get("programme")
        if programme:
            data["start"] = data.get("start") or programme.start_date
            data["end"] = data.get("end") or programme.end_date
        _check_period(self, "start", "end")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.FILE_UPLOAD_MAX_SIZE:
            raise forms.ValidationError(_("This file is too large."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Choose a .csv file (save the sheet as CSV)."))
        return upload


class ProfileForm(forms.ModelForm):
    """What a participant may correct themselves; residence data stays with staff."""

    preferred_language = forms.ChoiceField(
        label=_("My language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect(attrs={"class": "choices"}),
    )

    class Meta:
        model = Participant
        fields = ["phone", "email", "address", "preferred_language"]
        labels = {"phone": _("My phone"), "email": _("My e-mail"), "address": _("My address")}
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
