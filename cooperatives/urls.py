"""Back-office pages of cooperatives, under /coops/."""

from django.urls import path

from cooperatives.views import calendar, closing, coops, governance, ledger, members

app_name = "cooperatives"
urlpatterns = [
    path("", coops.cooperative_list, name="list"),
    path("new/", coops.cooperative_create, name="create"),
    path("<int:pk>/", coops.cooperative_detail, name="detail"),
    path("<int:pk>/edit/", coops.cooperative_edit, name="edit"),
    path("<int:pk>/transition/", coops.cooperative_transition, name="transition"),
    path("<int:pk>/calendar/", calendar.calendar, name="calendar"),
    path("<int:pk>/calendar/add/", calendar.day_add, name="day_add"),
    path("<int:pk>/calendar/generate/", calendar.calendar_regenerate, name="calendar_generate"),
    path("<int:pk>/calendar/<int:day>/move/", calendar.day_move, name="day_move"),
    path("<int:pk>/calendar/<int:day>/cancel/", calendar.day_cancel, name="day_cancel"),
    path("<int:pk>/members/", members.members, name="members"),
    path("<int:pk>/members/add/", members.member_add, name="member_add"),
    path("<int:pk>/members/<int:member>/", members.member_edit, name="member"),
    path(
        "<int:pk>/members/<int:member>/statement.pdf",
        closing.statement_pdf,
        name="statement_pdf",
    ),
    path("<int:pk>/hours/", members.hours, name="hours"),
    path("<int:pk>/hours/save/", members.hours_save, name="hours_save"),
    path("<int:pk>/ledger/", ledger.ledger, name="ledger"),
    path("<int:pk>/ledger/sale/", ledger.sale_add, name="sale_add"),
    path("<int:pk>/ledger/expense/", ledger.expense_add, name="expense_add"),
    path("<int:pk>/ledger/<int:entry>/reverse/", ledger.entry_reverse, name="entry_reverse"),
    path("<int:pk>/ledger/<int:entry>/receipt/", ledger.receipt, name="receipt"),
    path("<int:pk>/costs/", ledger.costs, name="costs"),
    path("<int:pk>/costs/new/", ledger.cost_sheet_edit, name="cost_sheet_add"),
    path("<int:pk>/costs/<int:sheet>/", ledger.cost_sheet_edit, name="cost_sheet"),
    path("<int:pk>/governance/", governance.governance, name="governance"),
    path("<int:pk>/governance/meeting/", governance.meeting_add, name="meeting_add"),
    path(
        "<int:pk>/governance/<int:meeting>/decision/",
        governance.decision_add,
        name="decision_add",
    ),
    path("<int:pk>/closing/", closing.closing, name="closing"),
    path("<int:pk>/closing/close/", closing.close, name="close"),
    path("<int:pk>/closing/report.pdf", closing.closing_report_pdf, name="closing_pdf"),
]
