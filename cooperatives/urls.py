"""Back-office pages of cooperatives."""

app_name = "cooperatives"
urlpatterns: list = []
