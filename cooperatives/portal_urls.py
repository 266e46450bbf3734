"""The participant's cooperative pages, under /me/coop/."""

from django.urls import path

from cooperatives.views import portal

app_name = "cooperatives_portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("<int:pk>/", portal.detail, name="detail"),
    path("<int:pk>/days/", portal.days, name="days"),
    path("<int:pk>/statement.pdf", portal.statement, name="statement"),
]
