"""Back-office pages of loans."""

from django.urls import path

from loans import simulate
from loans.views import applications, documents, loan, portfolio, products

app_name = "loans"
urlpatterns: list = [
    # Applications, the committee (issue 6).
    path("applications/", applications.queue, name="applications"),
    path("applications/new/", applications.create, name="application_new"),
    path("applications/<int:pk>/", applications.detail, name="application"),
    path("applications/<int:pk>/edit/", applications.edit, name="application_edit"),
    path("applications/<int:pk>/submit/", applications.submit, name="application_submit"),
    path("applications/<int:pk>/review/", applications.review, name="application_review"),
    path("applications/<int:pk>/send/", applications.send, name="application_send"),
    path("applications/<int:pk>/return/", applications.send_back, name="application_return"),
    path("applications/<int:pk>/decide/", applications.decide, name="application_decide"),
    path("applications/<int:pk>/withdraw/", applications.withdraw, name="application_withdraw"),
    path("applications/<int:pk>/disburse/", applications.disburse, name="application_disburse"),
    path("committee/", applications.committee, name="committee"),
    # Loans, repayments, servicing (issue 6).
    path("", loan.loan_list, name="loans"),
    path("<int:pk>/", loan.loan_detail, name="loan"),
    path("<int:pk>/repay/", loan.repay, name="repay"),
    path("<int:pk>/payments/<int:payment_pk>/reverse/", loan.reverse_payment, name="reverse"),
    path("<int:pk>/prepay/", loan.prepay, name="prepay"),
    path("<int:pk>/payoff/", loan.payoff, name="payoff"),
    path("<int:pk>/reschedule/", loan.reschedule, name="reschedule"),
    path("<int:pk>/write-off/", loan.write_off, name="write_off"),
    path("<int:pk>/documents/", loan.request_document, name="document_request"),
    path("documents/<int:pk>/", documents.status, name="document_status"),
    path("documents/<int:pk>/download/", documents.download, name="document_download"),
    path("portfolio/", portfolio.dashboard, name="portfolio"),
    path("products/", products.product_list, name="products"),
    path("products/new/", products.product_edit, name="product_new"),
    path("products/<int:pk>/", products.product_edit, name="product_edit"),
    # The loan simulator (issue 3).
    path("simulate/", simulate.simulate, name="simulate"),
]
