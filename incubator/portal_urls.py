"""The participant's portal: home and profile (other apps add /me/coop/, /me/loan/)."""

from django.urls import path

from incubator import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
]
