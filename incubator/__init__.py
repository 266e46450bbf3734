"""Tremplin's Django project and the people side of the incubator."""

from .celery import app as celery_app

__all__ = ["celery_app"]
