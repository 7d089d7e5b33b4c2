"""xAPI statements: the one check (validate.py, with the profile's rules in profile.py),
the hub's fast path (fast.py), and the patterns both use (patterns.py)."""

from .errors import NullValueError, PathError, StatementError
from .nulls import check_nulls, null_path
from .validate import check, check_agent, check_timestamp, validate

__all__ = [
    "NullValueError",
    "PathError",
    "StatementError",
    "check",
    "check_agent",
    "check_nulls",
    "check_timestamp",
    "null_path",
    "validate",
]
