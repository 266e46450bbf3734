"""The participant's portal: home, profile, workshops (other apps add /me/coop/, /me/loan/)."""

from django.urls import path

from incubator import views
from incubator.people_views import portal

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("profile/", portal.profile, name="profile"),
    path("workshops/", portal.my_workshops, name="workshops"),
]
