"""What the xAPI checks raise: a StatementError, and (for every check in this package) its
PathError subclass naming the bad value's place, e.g. context.contextAgents[0].agent.mbox."""

from __future__ import annotations


class StatementError(ValueError):
    """A statement does not conform to xAPI or to the EduTeach profile."""


class PathError(StatementError):
    """A statement refused for the value at path (e.g. object.definition.choices[0].id)."""

    def __init__(self, message: str, path: str):
        super().__init__(message)
        self.path = path


class NullValueError(PathError):
    """A null value outside extensions; path says where (e.g. context.registration)."""

    def __init__(self, path: str):
        super().__init__(
            f"{path} is null; xAPI statements may hold null only inside extensions "
            "(leave an optional property out instead)",
            path,
        )
