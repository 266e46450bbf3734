"""Importing participants through the page: preview with row-numbered errors, then confirm."""

from django.core.files.uploadedfile import SimpleUploadedFile

from incubator.models import Participant, ParticipantImport

HEADER = "first_name;last_name;date_of_birth;gender;nationality;french_level;residence_status\n"


def upload(client, text, name="liste.csv"):
    return client.post("/people/import/", {"file": SimpleUploadedFile(name, text.encode())})


def test_a_file_with_errors_shows_each_row_number_and_offers_no_import(client, staff):
    client.force_login(staff)
    text = HEADER + "Awa;Traoré;1999-08-12;female;ML;B1;refugee\nZ;;1999-13-40;x;ML;B1;refugee\n"
    response = upload(client, text)
    assert response.status_code == 200
    assert response.context["preview"].errors[0][0] == 3
    page = response.content.decode()
    assert "Ligne 3" in page or "Row 3" in page
    assert "/confirm/" not in page
    assert not Participant.objects.exists()


def test_a_clean_file_is_previewed_then_imported_on_confirmation(client, staff):
    client.force_login(staff)
    response = upload(client, HEADER + "Awa;Traoré;1999-08-12;female;ML;B1;refugee\n")
    batch = ParticipantImport.objects.get()
    assert f"/people/import/{batch.pk}/confirm/" in response.content.decode()
    assert not Participant.objects.exists()  # a preview writes no one
    response = client.post(f"/people/import/{batch.pk}/confirm/")
    assert response.status_code == 302 and response.url == "/people/participants/"
    assert Participant.objects.get().last_name == "Traoré"
    client.post(f"/people/import/{batch.pk}/confirm/")  # a second click
    assert Participant.objects.count() == 1


def test_another_staff_member_cannot_confirm_my_upload(client, staff, django_user_model):
    client.force_login(staff)
    upload(client, HEADER + "Awa;Traoré;1999-08-12;female;ML;B1;refugee\n")
    batch = ParticipantImport.objects.get()
    other = django_user_model.objects.create(username="nadia", role="staff")
    client.force_login(other)
    assert client.post(f"/people/import/{batch.pk}/confirm/").status_code == 404
    assert not Participant.objects.exists()


def test_only_csv_files_are_taken_and_the_template_downloads(client, staff):
    client.force_login(staff)
    response = upload(client, "x", name="photo.jpg")
    assert "file" in response.context["form"].errors
    template = client.get("/people/import/template.csv")
    assert template.content.decode("utf-8").startswith("\ufefffirst_name;last_name;")
