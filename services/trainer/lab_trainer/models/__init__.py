"""Keras builders of the catalogue architectures (training only)."""
