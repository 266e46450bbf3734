"""Back-office pages of the people side (programmes, participants, workshops...)."""

app_name = "people"
urlpatterns: list = []
