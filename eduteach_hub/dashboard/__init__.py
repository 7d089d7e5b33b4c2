"""Hub dashboard."""
