"""API endpoints of loans, under /api/v1/."""

urlpatterns: list = []
