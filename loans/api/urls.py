"""API endpoints of loans, under /api/v1/."""

from django.urls import path

from loans.api import loan_views, views
from loans.api.preview import SchedulePreviewView

urlpatterns: list = [
    # The schedule preview (issue 3).
    path("schedule-preview/", SchedulePreviewView.as_view(), name="api-schedule-preview"),
    # The microcredit lifecycle (issue 6): reads, then one endpoint per command.
    path("loan-products/", views.ProductListView.as_view(), name="api-loan-products"),
    path("loan-products/<int:pk>/", views.ProductDetailView.as_view(), name="api-loan-product"),
    path("loan-applications/", views.ApplicationListView.as_view(), name="api-applications"),
    path(
        "loan-applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="api-application"
    ),
    path("loan-applications/<int:pk>/submit/", views.SubmitView.as_view()),
    path("loan-applications/<int:pk>/review/", views.ReviewView.as_view()),
    path("loan-applications/<int:pk>/send-to-committee/", views.SendToCommitteeView.as_view()),
    path("loan-applications/<int:pk>/return-to-review/", views.ReturnToReviewView.as_view()),
    path("loan-applications/<int:pk>/approve/", views.ApproveView.as_view()),
    path("loan-applications/<int:pk>/reject/", views.RejectView.as_view()),
    path("loan-applications/<int:pk>/withdraw/", views.WithdrawView.as_view()),
    path("loan-applications/<int:pk>/disburse/", views.DisburseView.as_view()),
    path("loans/", loan_views.LoanListView.as_view(), name="api-loans"),
    path("loans/<int:pk>/", loan_views.LoanDetailView.as_view(), name="api-loan"),
    path("loans/<int:pk>/installments/", loan_views.InstallmentListView.as_view()),
    path(
        "loans/<int:pk>/payments/", loan_views.PaymentListView.as_view(), name="api-loan-payments"
    ),
    path("loans/<int:pk>/payments/<int:payment_pk>/reverse/", loan_views.ReverseView.as_view()),
    path("loans/<int:pk>/prepay/", loan_views.PrepayView.as_view()),
    path("loans/<int:pk>/payoff-quote/", loan_views.PayoffQuoteView.as_view()),
    path("loans/<int:pk>/payoff/", loan_views.PayoffView.as_view()),
    path("loans/<int:pk>/reschedule/", loan_views.RescheduleView.as_view()),
    path("loans/<int:pk>/write-off/", loan_views.WriteOffView.as_view()),
    path("loans/<int:pk>/documents/", loan_views.DocumentListView.as_view()),
    path("loan-documents/<int:pk>/", loan_views.DocumentDetailView.as_view()),
    path("loan-documents/<int:pk>/download/", loan_views.DocumentDownloadView.as_view()),
    path("loan-portfolio/", loan_views.PortfolioView.as_view(), name="api-loan-portfolio"),
]
