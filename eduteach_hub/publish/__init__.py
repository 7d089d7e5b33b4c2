"""Hub publish."""
