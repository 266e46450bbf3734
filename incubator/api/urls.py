from django.urls import path

from incubator.api import people, views

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("participants/", people.ParticipantListView.as_view(), name="api-participants"),
    path("participants/<int:pk>/", people.ParticipantDetailView.as_view(),
         name="api-participant"),
    path("programmes/", people.ProgrammeListView.as_view(), name="api-programmes"),
    path("programmes/<int:pk>/", people.ProgrammeDetailView.as_view(), name="api-programme"),
    path("cohorts/", people.CohortListView.as_view(), name="api-cohorts"),
    path("cohorts/<int:pk>/", people.CohortDetailView.as_view(), name="api-cohort"),
    path("enrolments/", people.EnrolmentListView.as_view(), name="api-enrolments"),
    path("enrolments/<int:pk>/", people.EnrolmentDetailView.as_view(), name="api-enrolment"),
    path("enrolments/<int:pk>/accept/", people.EnrolmentAcceptView.as_view(),
         name="api-enrolment-accept"),
    path("enrolments/<int:pk>/activate/", people.EnrolmentActivateView.as_view(),
         name="api-enrolment-activate"),
    path("enrolments/<int:pk>/complete/", people.EnrolmentCompleteView.as_view(),
         name="api-enrolment-complete"),
    path("enrolments/<int:pk>/drop/", people.EnrolmentDropView.as_view(),
         name="api-enrolment-drop"),
    path("workshops/", people.WorkshopListView.as_view(), name="api-workshops"),
    path("workshops/<int:pk>/", people.WorkshopDetailView.as_view(), name="api-workshop"),
    path("workshops/<int:pk>/attendance/", people.AttendanceView.as_view(),
         name="api-workshop-attendance"),
    path("interviews/", people.InterviewListView.as_view(), name="api-interviews"),
    path("follow-ups/due/", people.FollowUpDueView.as_view(), name="api-follow-ups-due"),
    path("follow-ups/<int:pk>/outcome/", people.FollowUpOutcomeView.as_view(),
         name="api-follow-up-outcome"),
    path("indicators/", people.IndicatorsView.as_view(), name="api-indicators"),
]  # fmt: skip
