"""core layer (no Qt here; see HACKING.md)."""
