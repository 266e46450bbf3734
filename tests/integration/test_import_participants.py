"""Importing participants from a CSV: a file with any bad row imports nothing, and says where."""

import pytest
from django.utils import translation

from incubator.errors import ConflictError, DomainError
from incubator.models import AuditEntry, Participant, ParticipantImport
from incubator.participant_csv import template_csv
from incubator.services.imports import participant_import_confirm, participant_import_preview
from tests.factories import PartnerFactory

HEADER = ("first_name;last_name;date_of_birth;gender;nationality;french_level;residence_status;"
          "email;languages;household_size;referring_partner;consent_given_on\n")  # fmt: skip
GOOD = [
    # French words and names, a lower-case level, a name for the country: all understood
    "Fatima;Rahimi;14/02/1985;femme;Afghanistan;a1;Réfugié·e;fatima@example.org;fa ps;5;"
    "CADA Paris 19e;15/02/2026",
    "Yonas;Gebre;1994-06-11;male;ET;A2;refugee;;am,en;1;;",
]  # fmt: skip
BAD = [
    "Mariam;Tesfaye;30/02/1996;female;ER;A2;refugee;;ti;1;;",  # row 4: no 30 February
    ";Koné;2001-03-21;female;ML;B1;asylum_seeker;;bm;2;;",  # row 5: no first name
    "Nour;Al-Khatib;1979-12-05;woman?;Atlantis;D1;tourist;nour@;xx;0;Nowhere;",  # row 6: many
    "Fatima;Rahimi;14/02/1985;female;AF;A1;refugee;;;;;",  # row 7: same person as row 2
]  # fmt: skip


@pytest.fixture
def partner(db):
    return PartnerFactory(name="CADA Paris 19e")


def upload(text, staff, encoding="utf-8-sig"):
    return participant_import_preview(filename="people.csv", data=text.encode(encoding),
                                      actor=staff)  # fmt: skip


def test_a_file_with_bad_rows_reports_each_by_row_number_in_french_and_writes_nothing(
    staff, partner
):
    text = HEADER + "\n".join(GOOD + BAD) + "\n"
    with translation.override("fr"):
        batch, preview = upload(text, staff)
        errors = preview.errors
    rows = sorted({number for number, _ in errors})
    assert rows == [4, 5, 6, 7]
    by_row = {n: [m for k, m in errors if k == n] for n in rows}
    assert by_row[4] == [
        "date_of_birth: « 30/02/1996 » n’est pas une date (écrivez 2026-03-31 ou 31/03/2026)."
    ]
    assert by_row[5] == ["first_name: Ce champ est obligatoire."]
    assert by_row[6] == [
        "gender: Genre inconnu « woman? ».",
        "nationality: Pays inconnu « Atlantis ».",
        "french_level: Niveau de français inconnu « D1 » (de A0 à C2).",
        "residence_status: Situation administrative inconnue « tourist ».",
        "email: Saisissez une adresse e-mail valide.",
        "languages: Langue inconnue « xx ».",
        "household_size: Assurez-vous que cette valeur est supérieure ou égale à 1.",
        "referring_partner: Aucune structure partenaire ne s’appelle « Nowhere » : ajoutez-la "
        "d’abord.",
    ]
    assert by_row[7] == ["Même personne que la ligne 2."]
    assert not preview.ok

    with pytest.raises(DomainError) as refused:
        participant_import_confirm(batch=batch, actor=staff)
    assert refused.value.code == "import_errors"
    assert Participant.objects.count() == 0
    assert ParticipantImport.objects.get().status == "previewed"  # the claim was rolled back


def test_a_clean_file_with_bom_and_semicolons_imports_every_row_once(staff, partner):
    batch, preview = upload(HEADER + "\n".join(GOOD) + "\n", staff)
    assert preview.ok and [row.number for row in preview.rows] == [2, 3]
    people = participant_import_confirm(batch=batch, actor=staff)
    fatima = Participant.objects.get(first_name="Fatima")
    assert (fatima.gender, fatima.nationality, fatima.french_level, fatima.residence_status,
            fatima.languages, fatima.household_size, fatima.referring_partner) == (
        "female", "AF", "A1", "refugee", ["fa", "ps"], 5, partner
    )  # fmt: skip
    assert fatima.consent_text_version == "2026-01"
    assert Participant.objects.get(first_name="Yonas").consent_given_at is None
    assert AuditEntry.objects.filter(action="participant_imported").count() == len(people) == 2

    with pytest.raises(ConflictError):  # a second click on "Import them"
        participant_import_confirm(batch=batch, actor=staff)
    assert Participant.objects.count() == 2


def test_a_windows_1252_comma_file_is_read_too(staff, partner):
    text = HEADER.replace(";", ",") + "Hélène,Müller,1990-01-01,F,FR,C2,other_permit,,,,,\n"
    batch, preview = upload(text, staff, encoding="cp1252")
    assert preview.ok, preview.errors
    participant_import_confirm(batch=batch, actor=staff)
    assert Participant.objects.get().last_name == "Müller"


def test_someone_added_since_the_preview_refuses_the_whole_file(staff, partner):
    batch, preview = upload(HEADER + "\n".join(GOOD) + "\n", staff)
    assert preview.ok
    Participant.objects.create(first_name="Yonas", last_name="Gebre", gender="male",
                               date_of_birth="1994-06-11", nationality="ET", french_level="A2",
                               residence_status="refugee")  # fmt: skip
    with pytest.raises(DomainError):
        participant_import_confirm(batch=batch, actor=staff)
    assert Participant.objects.count() == 1


def test_missing_and_unknown_columns_are_reported_on_row_1(staff):
    with translation.override("en"):
        _batch, preview = upload("first_name;surname\nA;B\n", staff)
        assert preview.errors == [
            (1, "Unknown columns: surname."),
            (1, "Missing columns: last_name, date_of_birth, gender, nationality, french_level, "
                "residence_status."),
        ]  # fmt: skip


def test_the_template_passes_its_own_check(staff, partner):
    _batch, preview = upload(template_csv(), staff)
    assert preview.ok, preview.errors
