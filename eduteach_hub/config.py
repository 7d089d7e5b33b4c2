"""The hub's home folder: configuration, signing keys, the static repository, the database.

    HOME/hub.toml        settings (county code, public URL, database URL, lifetimes)
    HOME/keys/           one Ed25519 key per TUF role (keep a backup of root.pem offline)
    HOME/repo/           the signed static repository; copy it anywhere (CDN, USB, satellite)
    HOME/hub.sqlite3     the default database (schools, devices, records)
    HOME/repo.lock       taken while metadata is re-signed, so publish and refresh never race

Everything the hub knows is in these files; the web app keeps nothing between requests.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduteach_protocol import durable, filelock
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.toml_text import toml_problem

if TYPE_CHECKING:  # tuf and cryptography load only for commands that sign
    from eduteach_hub.publish.tuf_repo import RepositoryWriter

CONFIG_NAME = "hub.toml"
KEYS_DIR = "keys"
REPO_DIR = "repo"
DB_NAME = "hub.sqlite3"
LOCK_NAME = "repo.lock"
COUNTY_CODE_RE = re.compile(r"^\d{6}\Z")
DEFAULT_COUNTY = "000000"
DEFAULT_TIMESTAMP_DAYS = 30  # same as tuf_repo.Expiry().timestamp_days
DEFAULT_ENROLL_TTL_DAYS = 14
DEFAULT_REQUESTS_PER_MINUTE = 600
DEFAULT_ENROLL_PER_MINUTE = 20
# Weekly periods the national curriculum asks of grades 1–3 for the subjects most often
# missing (docs/hub.md); a county overrides them in hub.toml.
DEFAULT_REQUIRED_PERIODS = {"music": 2, "art": 2, "english": 2}
DEFAULT_REQUIRED_FROM_GRADE = {"english": 3}
DEFAULT_CHRONIC_ABSENCE_PERCENT = 10
DEFAULT_SILENT_DAYS = 7
KNOWN_KEYS = {
    "county_code", "public_url", "db_url", "timestamp_days", "enroll_code_ttl_days",
    "requests_per_minute", "enroll_attempts_per_minute", "required_periods",
    "required_from_grade", "counties", "chronic_absence_percent", "silent_days",
}


@dataclass(frozen=True)
class Curriculum:
    """Required weekly periods per subject, and the first grade each applies to."""

    periods: dict[str, int]
    from_grade: dict[str, int]

    def required(self, subject: str, grade: int) -> int:
        if grade and grade < self.from_grade.get(subject, 1):
            return 0
        return self.periods.get(subject, 0)


def _curriculum(raw: dict[str, Any], where: Path, base: Curriculum | None) -> Curriculum:
    from eduteach_protocol.subjects import SUBJECTS

    periods = dict(base.periods if base else DEFAULT_REQUIRED_PERIODS)
    from_grade = dict(base.from_grade if base else DEFAULT_REQUIRED_FROM_GRADE)
    for key, target, lo, hi in (
        ("required_periods", periods, 0, 20),
        ("required_from_grade", from_grade, 1, 9),
    ):
        table = raw.get(key, {})
        if not isinstance(table, dict):
            raise HubHomeError(L_("{where}: {key}: must be a table of subject = number", where=where, key=key))
        for subject, value in table.items():
            if subject not in SUBJECTS:
                raise HubHomeError(L_("{where}: {key}.{subject}: unknown subject code", where=where, key=key, subject=subject))
            if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                raise HubHomeError(L_("{where}: {key}.{subject}: must be a whole number {lo}–{hi}", where=where, key=key, subject=subject, lo=lo, hi=hi))
            target[subject] = value
    return Curriculum(periods, from_grade)


class HubHomeError(Exception):
    """The home folder is missing, incomplete or its hub.toml is invalid."""


@dataclass(frozen=True)
class HubConfig:
    county_code: str = DEFAULT_COUNTY
    public_url: str | None = None
    db_url: str | None = None  # None: sqlite file inside HOME
    timestamp_days: int = DEFAULT_TIMESTAMP_DAYS
    enroll_code_ttl_days: int = DEFAULT_ENROLL_TTL_DAYS
    requests_per_minute: int = DEFAULT_REQUESTS_PER_MINUTE
    enroll_attempts_per_minute: int = DEFAULT_ENROLL_PER_MINUTE
    chronic_absence_percent: int = DEFAULT_CHRONIC_ABSENCE_PERCENT
    silent_days: int = DEFAULT_SILENT_DAYS
    curriculum: Curriculum = Curriculum(DEFAULT_REQUIRED_PERIODS, DEFAULT_REQUIRED_FROM_GRADE)
    county_curricula: tuple[tuple[str, Curriculum], ...] = ()

    def curriculum_for(self, county_code: str) -> Curriculum:
        return dict(self.county_curricula).get(county_code, self.curriculum)

    @classmethod
    def from_dict(cls, raw: dict[str, Any], where: Path) -> HubConfig:
        unknown = sorted(set(raw) - KNOWN_KEYS)
        if unknown:
            raise HubHomeError(L_("{where}: {setting}: unknown setting (a typo?)", where=where, setting=unknown[0]))
        county = raw.get("county_code", DEFAULT_COUNTY)
        if not isinstance(county, str) or not COUNTY_CODE_RE.match(county):
            raise HubHomeError(L_("{where}: county_code: must be 6 digits (GB/T 2260), as text", where=where))
        public_url = raw.get("public_url")
        if public_url is not None and (
            not isinstance(public_url, str) or not public_url.startswith(("http://", "https://"))
        ):
            raise HubHomeError(L_("{where}: public_url: must start with http:// or https://", where=where))
        db_url = raw.get("db_url")
        if db_url is not None and (not isinstance(db_url, str) or "://" not in db_url):
            raise HubHomeError(L_("{where}: db_url: must be an SQLAlchemy URL such as sqlite:///…", where=where))
        out: dict[str, int] = {}
        for key, default in (
            ("timestamp_days", DEFAULT_TIMESTAMP_DAYS),
            ("enroll_code_ttl_days", DEFAULT_ENROLL_TTL_DAYS),
        ):
            value = raw.get(key, default)
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 3650:
                raise HubHomeError(L_("{where}: {key}: must be a whole number of days (1–3650)", where=where, key=key))
            out[key] = value
        for key, default, lo, hi in (
            ("requests_per_minute", DEFAULT_REQUESTS_PER_MINUTE, 1, 1_000_000),
            ("enroll_attempts_per_minute", DEFAULT_ENROLL_PER_MINUTE, 1, 1_000_000),
            ("chronic_absence_percent", DEFAULT_CHRONIC_ABSENCE_PERCENT, 1, 100),
            ("silent_days", DEFAULT_SILENT_DAYS, 1, 365),
        ):
            value = raw.get(key, default)
            if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                raise HubHomeError(L_("{where}: {key}: must be a whole number {lo}–{hi}", where=where, key=key, lo=lo, hi=hi))
            out[key] = value
        curriculum = _curriculum(raw, where, None)
        counties = raw.get("counties", {})
        if not isinstance(counties, dict):
            raise HubHomeError(L_("{where}: counties: must be a table of county code = settings", where=where))
        per_county = []
        for code, sub in counties.items():
            if not COUNTY_CODE_RE.match(code) or not isinstance(sub, dict):
                raise HubHomeError(L_("{where}: counties.{code}: must be a 6-digit code with a table", where=where, code=code))
            unknown_sub = sorted(set(sub) - {"required_periods", "required_from_grade"})
            if unknown_sub:
                raise HubHomeError(L_("{where}: counties.{code}.{setting}: unknown setting", where=where, code=code, setting=unknown_sub[0]))
            per_county.append((code, _curriculum(sub, where, curriculum)))
        return cls(
            requests_per_minute=out["requests_per_minute"],
            enroll_attempts_per_minute=out["enroll_attempts_per_minute"],
            chronic_absence_percent=out["chronic_absence_percent"],
            silent_days=out["silent_days"],
            curriculum=curriculum,
            county_curricula=tuple(per_county),
            county_code=county,
            public_url=public_url.rstrip("/") + "/" if public_url else None,
            db_url=db_url,
            timestamp_days=out["timestamp_days"],
            enroll_code_ttl_days=out["enroll_code_ttl_days"],
        )

    def to_toml(self) -> str:
        # JSON string literals are valid TOML basic strings.
        lines = [
            "# EduTeach hub settings. See docs/hub.md.",
            f"county_code = {json.dumps(self.county_code)}  # GB/T 2260 code of this county",
            f"timestamp_days = {self.timestamp_days}  # lifetime of the signed timestamp",
            f"enroll_code_ttl_days = {self.enroll_code_ttl_days}  # how long an enrollment code works",
            f"requests_per_minute = {self.requests_per_minute}  # per device or admin (429 beyond)",
            f"enroll_attempts_per_minute = {self.enroll_attempts_per_minute}  # per client address",
            f"chronic_absence_percent = {self.chronic_absence_percent}  # dashboard: pupils absent more often",
            f"silent_days = {self.silent_days}  # dashboard: a school with no records this long is silent",
        ]
        if self.public_url:
            lines.append(f"public_url = {json.dumps(self.public_url)}")
        else:
            lines.append('# public_url = "https://hub.example.edu.cn/"  # set when behind a proxy')
        if self.db_url:
            lines.append(f"db_url = {json.dumps(self.db_url)}")
        else:
            lines.append(
                '# db_url = "postgresql+psycopg://hub@localhost/eduteach"  # default: hub.sqlite3 here'
            )
        lines += [
            "",
            "# Required weekly periods (course-opening rate). Defaults: music 2, art 2, English 2",
            "# from grade 3. Subject codes: chinese math english music art morality science pe.",
            "[required_periods]",
            *(f"{k} = {v}" for k, v in sorted(self.curriculum.periods.items())),
            "",
            "[required_from_grade]",
            *(f"{k} = {v}" for k, v in sorted(self.curriculum.from_grade.items())),
            "",
            "# Another county served by this hub can differ:",
            '# [counties."420102".required_periods]',
            "# science = 1",
        ]
        return "\n".join(lines) + "\n"


class HubHome:
    """One hub installation. Cheap to construct; reads hub.toml on first use."""

    def __init__(self, path: Path | str):
        self.path = Path(path).absolute()
        self._config: HubConfig | None = None

    def __repr__(self) -> str:
        return f"HubHome({str(self.path)!r})"

    @property
    def config_path(self) -> Path:
        return self.path / CONFIG_NAME

    @property
    def keys_dir(self) -> Path:
        return self.path / KEYS_DIR

    @property
    def repo_dir(self) -> Path:
        return self.path / REPO_DIR

    @property
    def config(self) -> HubConfig:
        if self._config is None:
            self._config = self._read_config()
        return self._config

    @property
    def db_url(self) -> str:
        return self.config.db_url or f"sqlite:///{self.path / DB_NAME}"

    def _read_config(self) -> HubConfig:
        if not self.config_path.is_file():
            raise HubHomeError(
                L_("{path} is not a hub home (no {config}); run `eduteach-hub init` first",
                    path=self.path, config=CONFIG_NAME)
            )
        try:
            raw = tomllib.loads(self.config_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise HubHomeError(L_("{path}: not valid TOML ({problem})", path=self.config_path, problem=toml_problem(exc))) from exc
        return HubConfig.from_dict(raw, self.config_path)

    def check(self) -> HubHome:
        """Raise HubHomeError unless the home is complete. Returns self for chaining."""
        _config = self.config  # read and checked
        if not (self.repo_dir / "metadata" / "root.json").is_file():
            raise HubHomeError(L_("{path} has no signed metadata; the home is incomplete", path=self.repo_dir))
        if not self.keys_dir.is_dir():
            raise HubHomeError(L_("{path} is missing; the home is incomplete", path=self.keys_dir))
        return self

    def writer(self) -> RepositoryWriter:
        from eduteach_hub.publish.tuf_repo import Expiry, RepositoryWriter

        return RepositoryWriter(
            self.repo_dir, self.keys_dir, Expiry(timestamp_days=self.config.timestamp_days)
        )

    @contextlib.contextmanager
    def repo_lock(self) -> Iterator[None]:
        """Exclusive lock for signing: publish, refresh and the serve refresher take turns.

        Two writers re-signing timestamp.json at once could give one version number two
        different contents, which clients rightly reject as a rollback.
        """
        fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            filelock.lock(fd, wait=True)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    @classmethod
    def init(
        cls, path: Path | str, county_code: str = DEFAULT_COUNTY, db_url: str | None = None
    ) -> HubHome:
        """Create a new home: config, keys, bootstrapped repository and empty database."""
        from eduteach_hub.publish.tuf_repo import generate_keys

        home = cls(path)
        if not COUNTY_CODE_RE.match(county_code):
            raise HubHomeError(L_("county code {code!r} must be 6 digits (GB/T 2260)", code=county_code))
        for name in (CONFIG_NAME, KEYS_DIR, REPO_DIR, DB_NAME):
            if (home.path / name).exists():
                raise HubHomeError(
                    L_("{path} already exists; refusing to overwrite a hub home", path=home.path / name)
                )
        home.path.mkdir(parents=True, exist_ok=True)
        if db_url is not None and "://" not in db_url:
            raise HubHomeError(L_("the database URL must look like postgresql+psycopg://user@host/db"))
        config = HubConfig(county_code=county_code, db_url=db_url)
        generate_keys(home.keys_dir)
        home.repo_dir.mkdir()
        home._config = config
        home.writer().bootstrap()
        from eduteach_hub.apps.repo import init_apps

        init_apps(home)  # the apps role and its own key (docs/updates.md)
        from eduteach_hub.db import Database

        db = Database.open(home.db_url)
        try:
            db.create_schema()
        finally:
            db.dispose()
        # hub.toml last: a home with hub.toml is complete.
        durable.write_atomic(home.config_path, config.to_toml().encode("utf-8"))
        return home
