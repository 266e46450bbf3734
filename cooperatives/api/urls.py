"""API endpoints of cooperatives, under /api/v1/."""

urlpatterns: list = []
