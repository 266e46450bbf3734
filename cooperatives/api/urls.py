"""API endpoints of cooperatives, under /api/v1/."""

from django.urls import path

from cooperatives.api import views

C = "cooperatives/<int:pk>"
urlpatterns = [
    path("cooperatives/", views.CooperativeListView.as_view(), name="coop-api-list"),
    path(f"{C}/", views.CooperativeDetailView.as_view(), name="coop-api-detail"),
    path(f"{C}/transition/", views.TransitionView.as_view(), name="coop-api-transition"),
    path(f"{C}/days/", views.DayListView.as_view(), name="coop-api-days"),
    path(f"{C}/days/<int:day>/move/", views.DayMoveView.as_view(), name="coop-api-day-move"),
    path(f"{C}/days/<int:day>/cancel/", views.DayCancelView.as_view(), name="coop-api-day-cancel"),
    path(f"{C}/members/", views.MemberListView.as_view(), name="coop-api-members"),
    path(
        f"{C}/members/<int:member>/leave/",
        views.MemberLeaveView.as_view(),
        name="coop-api-member-leave",
    ),
    path(
        f"{C}/members/<int:member>/outcome/",
        views.MemberOutcomeView.as_view(),
        name="coop-api-member-outcome",
    ),
    path(
        f"{C}/members/<int:member>/statement/",
        views.StatementView.as_view(),
        name="coop-api-statement",
    ),
    path(f"{C}/hours/", views.HoursView.as_view(), name="coop-api-hours"),
    path(f"{C}/sales/", views.SaleListView.as_view(), name="coop-api-sales"),
    path(f"{C}/expenses/", views.ExpenseListView.as_view(), name="coop-api-expenses"),
    path(
        f"{C}/entries/<int:entry>/reverse/",
        views.EntryReverseView.as_view(),
        name="coop-api-entry-reverse",
    ),
    path(f"{C}/cost-sheets/", views.CostSheetListView.as_view(), name="coop-api-cost-sheets"),
    path(f"{C}/meetings/", views.MeetingListView.as_view(), name="coop-api-meetings"),
    path(f"{C}/close/", views.CloseView.as_view(), name="coop-api-close"),
    path(f"{C}/closing/", views.ClosingView.as_view(), name="coop-api-closing"),
]
