"""App updates on the hub (issue 16): signing app packages under the delegated `apps`
role, channels, and what the PCs report about the versions they run (docs/updates.md)."""
