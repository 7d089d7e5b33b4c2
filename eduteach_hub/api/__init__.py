"""Hub api."""
