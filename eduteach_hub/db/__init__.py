"""Hub db."""
