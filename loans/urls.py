"""Back-office pages of loans."""

app_name = "loans"
urlpatterns: list = []
