"""The `eduteach-hub` entry point: say in one line which extra is missing, then run the CLI.

The hub's server stack is the `hub` extra (pyproject.toml). A bare `pip install eduteach`
or a school PC's `eduteach[desktop]` has the command but not the stack; without this check
the first `import sqlalchemy` in cli.py would end in a traceback.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

# Import names of what the `hub` extra installs and the CLI imports when it loads.
HUB_MODULES = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "jinja2", "argon2", "fastcdc",
               "orjson", "pypdf")


def missing_modules(names: Sequence[str]) -> list[str]:
    return [name for name in names if importlib.util.find_spec(name) is None]


def main(argv: Sequence[str] | None = None) -> int:
    missing = missing_modules(HUB_MODULES)
    if missing:
        print(f"eduteach-hub: the county hub's packages are not installed ({', '.join(missing)}); "
              "install them with: pip install 'eduteach[hub]'", file=sys.stderr)
        return 1
    from eduteach_hub.cli import main as cli_main

    return cli_main(argv)
