"""Search work that needs more than the standard library: pypinyin, in a child process.

The pure search index is `core/search.py`; `core/` stays stdlib-only (pyproject's
import-linter contract)."""
