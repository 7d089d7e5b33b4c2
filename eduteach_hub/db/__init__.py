"""The hub database: SQLAlchemy Core, SQLite by default, PostgreSQL at scale.

All SQL lives in the small modules beside this one (schools, enroll_codes, devices,
statements); callers get connections from Database.read() / Database.write().
"""

from .database import Database, DatabaseError

__all__ = ["Database", "DatabaseError"]
