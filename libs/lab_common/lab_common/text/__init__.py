"""Text (sentiment) data, models and public API schemas shared by services."""
