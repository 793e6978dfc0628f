"""ArchiLab training worker: Celery tasks that train, register and report models."""
