"""The participant's loans pages, under /me/."""

app_name = "loans_portal"
urlpatterns: list = []
