"""The participant's cooperatives pages, under /me/."""

app_name = "cooperatives_portal"
urlpatterns: list = []
