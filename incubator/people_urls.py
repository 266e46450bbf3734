"""Back-office pages of the people side (programmes, participants, workshops...)."""

from django.urls import path
from django.views.generic import RedirectView

from incubator.people_views import (
    followups,
    imports,
    indicators,
    participants,
    reference,
    workshops,
)

app_name = "people"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="people:participants"), name="home"),
    path("participants/", participants.participants, name="participants"),
    path("participants/new/", participants.participant_create, name="participant_create"),
    path("participants/<int:pk>/", participants.participant, name="participant"),
    path("participants/<int:pk>/edit/", participants.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/invite/", participants.participant_invite, name="invite"),
    path(
        "participants/<int:pk>/sign-in/resume/",
        participants.participant_signin_resume,
        name="signin_resume",
    ),
    path("participants/<int:pk>/enrol/", participants.participant_enrol, name="enrol"),
    path("participants/<int:pk>/interviews/new/", participants.interview_edit,
         name="interview_create"),
    path("participants/<int:pk>/interviews/<int:interview>/", participants.interview_edit,
         name="interview_edit"),
    path("enrolments/<int:pk>/move/", participants.enrolment_move, name="enrolment_move"),
    path("import/", imports.participant_import, name="import"),
    path("import/<int:pk>/confirm/", imports.participant_import_confirm, name="import_confirm"),
    path("import/template.csv", imports.participant_import_template, name="import_template"),
    path("partners/", reference.partners, name="partners"),
    path("partners/new/", reference.partner_edit, name="partner_create"),
    path("partners/<int:pk>/", reference.partner_edit, name="partner_edit"),
    path("funders/", reference.funders, name="funders"),
    path("funders/new/", reference.funder_edit, name="funder_create"),
    path("funders/<int:pk>/", reference.funder_edit, name="funder_edit"),
    path("programmes/", reference.programmes, name="programmes"),
    path("programmes/new/", reference.programme_edit, name="programme_create"),
    path("programmes/<int:pk>/", reference.programme, name="programme"),
    path("programmes/<int:pk>/edit/", reference.programme_edit, name="programme_edit"),
    path("cohorts/new/", reference.cohort_edit, name="cohort_create"),
    path("cohorts/<int:pk>/", reference.cohort, name="cohort"),
    path("cohorts/<int:pk>/edit/", reference.cohort_edit, name="cohort_edit"),
    path("workshops/", workshops.workshops, name="workshops"),
    path("workshops/new/", workshops.workshop_edit, name="workshop_create"),
    path("workshops/<int:pk>/", workshops.workshop, name="workshop"),
    path("workshops/<int:pk>/edit/", workshops.workshop_edit, name="workshop_edit"),
    path("workshops/<int:pk>/cancel/", workshops.workshop_cancel, name="workshop_cancel"),
    path("workshops/<int:pk>/attendance/", workshops.attendance, name="attendance"),
    path("workshops/<int:pk>/sign-in-sheet.pdf", workshops.sign_in_sheet, name="sign_in_sheet"),
    path("follow-ups/", followups.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/", followups.follow_up, name="follow_up"),
    path("indicators/", indicators.indicators, name="indicators"),
    path("indicators.csv", indicators.indicators_csv, name="indicators_csv"),
    path("indicators.pdf", indicators.indicators_pdf, name="indicators_pdf"),
]  # fmt: skip
