"""The participants' CSV: its columns, a template, and row-by-row validation for the preview.

A file is read whole (UTF-8 with or without BOM, or Windows-1252; ``;`` or ``,``), each row is
checked like the staff form would check it, and every problem is reported with the row number
a spreadsheet shows (the header is row 1). Nothing is written here: the import service saves
the rows only when the whole file is clean.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.lib import countries, csvfile
from incubator.models import Participant, PartnerOrganisation

MAX_ROWS = 2000
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    help: str | Promise
    example: str


COLUMNS = (
    Column("first_name", True, gettext_lazy("First name."), "Mariama"),
    Column("last_name", True, gettext_lazy("Last name."), "Bah"),
    Column("date_of_birth", True, gettext_lazy("Date: 2026-03-31 or 31/03/2026."), "12/05/1993"),
    Column(
        "gender",
        True,
        gettext_lazy("female, male, other or undisclosed (or the word in French: femme, homme)."),
        "female",
    ),
    Column(
        "nationality",
        True,
        gettext_lazy("Two-letter country code (SY, AF, GN) or the country's name in French."),
        "GN",
    ),
    Column("french_level", True, gettext_lazy("A0, A1, A2, B1, B2, C1 or C2."), "A2"),
    Column(
        "residence_status",
        True,
        gettext_lazy(
            "asylum_seeker, refugee, subsidiary_protection, family_reunification or "
            "other_permit (or the label in French)."
        ),
        "refugee",
    ),
    Column("email", False, gettext_lazy("E-mail address."), "mariama.bah@example.org"),
    Column("phone", False, gettext_lazy("Phone number."), "06 12 34 56 78"),
    Column("address", False, gettext_lazy("Postal address."), "12 rue de Tanger, 75019 Paris"),
    Column(
        "languages",
        False,
        gettext_lazy("Languages spoken, as codes separated by spaces: ar fa ti."),
        "fr ff",
    ),
    Column(
        "preferred_language",
        False,
        gettext_lazy("Language of the portal and e-mails: fr, en or ar (default fr)."),
        "fr",
    ),
    Column("arrival_date", False, gettext_lazy("Arrival in France (date)."), "01/10/2022"),
    Column("permit_expiry", False, gettext_lazy("Residence permit expiry (date)."), "30/06/2030"),
    Column(
        "household_size",
        False,
        gettext_lazy("People in the household, this person included (default 1)."),
        "3",
    ),
    Column(
        "referring_partner",
        False,
        gettext_lazy("Name of a partner organisation already in Tremplin."),
        "CADA Paris 19e",
    ),
    Column(
        "consent_given_on",
        False,
        gettext_lazy("Date the person consented to data processing (empty: not yet)."),
        "15/02/2026",
    ),
    Column(
        "consent_text_version",
        False,
        gettext_lazy("Version of the consent text they agreed to."),
        "2026-01",
    ),
)
KEYS = tuple(column.key for column in COLUMNS)
REQUIRED = tuple(column.key for column in COLUMNS if column.required)


def template_csv() -> str:
    """A CSV with the header and one example row, ``;``-separated for French spreadsheets."""
    return csvfile.write([KEYS, [column.example for column in COLUMNS]])


def _labels_in(choices: Any, *languages: str) -> dict[str, str]:
    """Lower-cased labels (and codes) in each language → code."""
    found = {str(code).lower(): str(code) for code, _label in choices}
    for language in languages:
        with translation.override(language):
            found.update({str(label).lower(): str(code) for code, label in choices})
    return found


def _date(value: str) -> datetime.date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise forms.ValidationError(_("“%(value)s” is not a date (use 2026-03-31 or 31/03/2026)."),
                                params={"value": value})  # fmt: skip


class RowForm(forms.Form):
    """One CSV row, checked like the staff form: the messages are the user's language."""

    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    date_of_birth = forms.CharField()
    gender = forms.CharField()
    nationality = forms.CharField()
    french_level = forms.CharField()
    residence_status = forms.CharField()
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=32, required=False)
    address = forms.CharField(required=False)
    languages = forms.CharField(required=False)
    preferred_language = forms.CharField(required=False)
    arrival_date = forms.CharField(required=False)
    permit_expiry = forms.CharField(required=False)
    household_size = forms.IntegerField(min_value=1, max_value=30, required=False)
    referring_partner = forms.CharField(required=False)
    consent_given_on = forms.CharField(required=False)
    consent_text_version = forms.CharField(max_length=20, required=False)

    def __init__(self, *args: Any, lookups: "Lookups", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lookups = lookups
        for key, fld in self.fields.items():
            fld.label = key

    def _choice(self, name: str, table: dict[str, str], message: str) -> str:
        value = self.cleaned_data[name]
        code = table.get(value.strip().lower())
        if code is None:
            raise forms.ValidationError(message, params={"value": value})
        return code

    def clean_date_of_birth(self) -> datetime.date:
        born = _date(self.cleaned_data["date_of_birth"])
        if not datetime.date(1900, 1, 1) <= born <= timezone.localdate():
            raise forms.ValidationError(_("The date of birth is not plausible."))
        return born

    def clean_arrival_date(self) -> datetime.date | None:
        value = self.cleaned_data["arrival_date"]
        return _date(value) if value else None

    def clean_permit_expiry(self) -> datetime.date | None:
        value = self.cleaned_data["permit_expiry"]
        return _date(value) if value else None

    def clean_consent_given_on(self) -> datetime.date | None:
        value = self.cleaned_data["consent_given_on"]
        return _date(value) if value else None

    def clean_gender(self) -> str:
        return self._choice("gender", self.lookups.genders, _("Unknown gender “%(value)s”."))

    def clean_residence_status(self) -> str:
        return self._choice(
            "residence_status",
            self.lookups.statuses,
            _("Unknown residence status “%(value)s”."),
        )

    def clean_french_level(self) -> str:
        value = self.cleaned_data["french_level"].strip().upper()
        if value not in Participant.FrenchLevel.values:
            raise forms.ValidationError(
                _("Unknown French level “%(value)s” (A0 to C2)."), params={"value": value}
            )
        return value

    def clean_nationality(self) -> str:
        return self._choice(
            "nationality", self.lookups.countries, _("Unknown country “%(value)s”.")
        )

    def clean_languages(self) -> list[str]:
        codes = []
        for word in re.split(r"[\s,;|/]+", self.cleaned_data["languages"]):
            if not word:
                continue
            code = self.lookups.languages.get(word.lower())
            if code is None:
                raise forms.ValidationError(
                    _("Unknown language “%(value)s”."), params={"value": word}
                )
            if code not in codes:
                codes.append(code)
        return codes

    def clean_preferred_language(self) -> str:
        value = self.cleaned_data["preferred_language"].strip().lower()
        if not value:
            return str(settings.LANGUAGE_CODE)
        if value not in dict(settings.LANGUAGES):
            raise forms.ValidationError(
                _("The portal language must be fr, en or ar, not “%(value)s”."),
                params={"value": value},
            )
        return value

    def clean_referring_partner(self) -> PartnerOrganisation | None:
        name = self.cleaned_data["referring_partner"]
        if not name:
            return None
        partner = self.lookups.partners.get(name.lower())
        if partner is None:
            raise forms.ValidationError(
                _("No partner organisation is called “%(value)s”: add it first."),
                params={"value": name},
            )
        return partner

    def clean_household_size(self) -> int:
        return self.cleaned_data["household_size"] or 1


@dataclass
class Lookups:
    """Everything a row is checked against, loaded once per file (bounded queries)."""

    genders: dict[str, str]
    statuses: dict[str, str]
    countries: dict[str, str]
    languages: dict[str, str]
    partners: dict[str, PartnerOrganisation]
    existing: set[tuple[str, str, datetime.date]]

    @classmethod
    def load(cls) -> "Lookups":
        genders = _labels_in(Participant.Gender.choices, "fr", "en")
        # Initials and the words French spreadsheets use, whatever the catalogues say.
        genders.update(
            {"f": "female", "h": "male", "m": "male", "femme": "female", "homme": "male"}
        )
        country_names = {}
        for language in ("en", "fr"):
            country_names.update(
                {name.lower(): code for code, name in countries.country_choices(language)}
            )
            country_names.update(
                {code.lower(): code for code, _name in countries.country_choices(language)}
            )
        language_names = {}
        for language in ("en", "fr"):
            language_names.update(
                {name.lower(): code for code, name in countries.language_choices(language)}
            )
            language_names.update(
                {code: code for code, _name in countries.language_choices(language)}
            )
        return cls(
            genders=genders,
            statuses=_labels_in(Participant.ResidenceStatus.choices, "fr", "en"),
            countries=country_names,
            languages=language_names,
            partners={p.name.lower(): p for p in PartnerOrganisation.objects.all()},
            existing={
                (first.lower(), last.lower(), born)
                for first, last, born in Participant.objects.values_list(
                    "first_name", "last_name", "date_of_birth"
                )
            },
        )


@dataclass
class RowResult:
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Preview:
    rows: list[RowResult]
    file_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[int, str]]:
        found = [(1, message) for message in self.file_errors]
        found += [(row.number, message) for row in self.rows for message in row.errors]
        return found

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def check(text: str) -> Preview:
    """Every row of the file, checked; ``preview.errors`` lists (row number, message)."""
    header, numbered = csvfile.numbered_rows(text)
    preview = Preview(rows=[])
    unknown = [name for name in header if name and name not in KEYS]
    if unknown:
        preview.file_errors.append(_("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)})
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        preview.file_errors.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    if not numbered:
        preview.file_errors.append(_("The file has no rows to import."))
    if len(numbered) > MAX_ROWS:
        preview.file_errors.append(
            _("The file has %(count)s rows; import at most %(max)s at a time.")
            % {"count": len(numbered), "max": MAX_ROWS}
        )
    if preview.file_errors:
        return preview
    lookups = Lookups.load()
    seen: dict[tuple[str, str, datetime.date], int] = {}
    for number, cells in numbered:
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        row = RowResult(number=number, cells=values)
        if len(cells) > len(header) and any(cells[len(header) :]):
            row.errors.append(_("This row has more cells than the header has columns."))
        form = RowForm(values, lookups=lookups)
        if form.is_valid():
            row.data = form.cleaned_data
            key = (
                row.data["first_name"].lower(),
                row.data["last_name"].lower(),
                row.data["date_of_birth"],
            )
            if key in lookups.existing:
                row.errors.append(
                    _("%(name)s, born on the same day, is already in Tremplin.")
                    % {"name": f"{row.data['first_name']} {row.data['last_name']}"}
                )
            elif key in seen:
                row.errors.append(_("Same person as row %(row)s.") % {"row": seen[key]})
            seen.setdefault(key, number)
        for name, messages in form.errors.items():
            for message in messages:
                row.errors.append(f"{name}: {message}")
        preview.rows.append(row)
    return preview
