"""The training work itself; nothing here knows about Celery."""
