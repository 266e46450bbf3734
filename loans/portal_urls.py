"""The participant's loans pages, under /me/."""

from django.urls import path

from loans import simulate
from loans.views import documents, portal

app_name = "loans_portal"
urlpatterns: list = [
    # My requests and my loan (issue 6).
    path("", portal.home, name="home"),
    path("apply/", portal.apply, name="apply"),
    path("simulate/", simulate.portal_simulate, name="simulate"),  # the simulator (issue 3)
    path("applications/<int:pk>/", portal.application, name="application"),
    path("applications/<int:pk>/edit/", portal.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", portal.submit, name="application_submit"),
    path("applications/<int:pk>/withdraw/", portal.withdraw, name="application_withdraw"),
    path("<int:pk>/", portal.loan, name="loan"),
    path("<int:pk>/documents/", portal.request_document, name="document_request"),
    path("documents/<int:pk>/", documents.status, name="document_status"),
    path("documents/<int:pk>/download/", documents.download, name="document_download"),
]
