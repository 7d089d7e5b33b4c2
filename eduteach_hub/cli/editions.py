"""`eduteach-hub school set` and `school import`: the textbook editions the county sets per
school (registered on the `school` command by schools.register)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from eduteach_hub.config import HubHome
from eduteach_protocol.app_release import CHANNELS
from eduteach_protocol.cli_i18n import _, ngettext, render
from eduteach_protocol.editions import EditionError, EditionRule, describe, parse_key, parse_rule
from eduteach_protocol.subjects import subject_name

from .common import CliError, action, hub_home, open_database, school_code_arg


def _rule(value: str) -> EditionRule:
    try:
        return parse_rule(value)
    except EditionError as exc:
        raise argparse.ArgumentTypeError(render(exc)) from None


def _key(value: str) -> tuple[int, str]:
    try:
        return parse_key(value)
    except EditionError as exc:
        raise argparse.ArgumentTypeError(render(exc)) from None


def published_editions(home: HubHome) -> set[tuple[str, str]] | None:
    """(subject, edition) pairs of the published catalog; None before the first publish."""
    from eduteach_protocol.catalog import Catalog

    data = home.writer().current_catalog_bytes()
    if data is None:
        return None
    try:
        # The hub's own catalog, perhaps published before today's limits: read leniently.
        lessons = Catalog.from_stored(data).lessons
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # unreadable: no warning about unpublished editions rather than a traceback
    return {(ls.subject, ls.edition) for ls in lessons}


def _warn_unpublished(home: HubHome, rules: list[EditionRule], where: str = "") -> None:
    offered = published_editions(home)
    if offered is None:
        return
    for r in rules:
        if (r.subject, r.edition) not in offered:
            print(_("warning: {where}no published lessons of {subject} {edition} (a typo? the PCs will "
                    "find nothing to download for it)").format(
                where=where, subject=subject_name(r.subject), edition=r.edition), file=sys.stderr)


def cmd_school_set(args: argparse.Namespace) -> int:
    from eduteach_hub.db import editions, schools
    from eduteach_hub.db.times import iso_ms, utc_now

    home = hub_home(args)
    rules: list[EditionRule] = args.edition or []
    keys = [(r.grade, r.subject) for r in rules]
    if len(set(keys)) != len(keys):
        raise CliError(_("one subject (and grade) is given two editions"))
    with open_database(home) as db, db.write() as conn:
        if schools.get(conn, args.code) is None:
            raise CliError(_("no school {code}; add it with `eduteach-hub school add`").format(code=args.code))
        if rules or args.unset or args.clear:
            editions.set_rules(conn, args.code, rules, iso_ms(utc_now()), args.unset or [], args.clear)
        if args.channel:
            schools.set_channel(conn, args.code, args.channel)
        now_rules = editions.rules_for(conn, args.code)
        channel = schools.channel_of(conn, args.code)
    _warn_unpublished(home, rules)
    print(_("school {code} editions: {editions}").format(
        code=args.code, editions=describe(now_rules) or _("none set (the PC keeps every edition)")))
    print(_("school {code} app channel: {channel}").format(code=args.code, channel=channel))
    if rules or args.unset or args.clear or args.channel:
        print(_("enrolled PCs take this the next time they send records (with each sync)"))
    return 0


def cmd_school_import(args: argparse.Namespace) -> int:
    from eduteach_hub.db import editions, schools
    from eduteach_hub.db.times import iso_ms, utc_now
    from eduteach_hub.schools_import import SheetError, read_school_sheet

    home = hub_home(args)
    try:
        report = read_school_sheet(Path(args.file))
    except SheetError as exc:
        raise CliError(*exc.args) from None
    now = iso_ms(utc_now())
    errors = list(report.errors)
    with open_database(home) as db:
        with db.read() as conn:
            known = {s.school.code: s.school for s in schools.list_all(conn, now)}
        good = []
        for row in report.rows:
            existing = known.get(row.code)
            if existing is None and not row.name:
                errors.append((row.row, _("school {code} is new: its 学校名称 is needed").format(code=row.code)))
            elif row.name and (bad := schools.name_problem(row.name)) is not None:
                errors.append((row.row, bad))
            elif existing is not None and row.name and row.name != existing.name:
                errors.append((row.row, _("school {code} is {here!r} here, the sheet says {sheet!r}").format(
                    code=row.code, here=existing.name, sheet=row.name)))
            else:
                good.append(row)
        errors.sort()
        for n, reason in errors:
            print(_("{file}: row {n}: {reason}").format(file=args.file, n=n, reason=render(reason)), file=sys.stderr)
        if errors and not args.skip_bad:
            raise CliError(ngettext(
                "{n} row with errors; nothing imported (fix them, or add --skip-bad to import the good rows)",
                "{n} rows with errors; nothing imported (fix them, or add --skip-bad to import the good rows)",
                len(errors)).format(n=len(errors)))
        added = 0
        with db.write() as conn:
            for row in good:
                if row.code not in known:
                    schools.add(conn, row.code, row.name, row.county or home.config.county_code, now)
                    added += 1
                editions.set_rules(conn, row.code, row.rules, now, replace_all=True)
    for row in good:
        _warn_unpublished(home, row.rules, _("row {n}: ").format(n=row.row))
    done = _("{n} schools imported ({added} new), editions set").format(n=len(good), added=added)
    print(done + (_("; {n} rows skipped").format(n=len(errors)) if errors else ""))
    return 1 if errors else 0


def register(school: Any, with_home: argparse.ArgumentParser) -> None:
    p = action(
        school, "set", with_home, cmd_school_set,
        _("set a school's textbook editions: --edition 音乐=人音版 --edition 3:英语=外研版"),
    )
    p.add_argument("code", type=school_code_arg, metavar="CODE")
    p.add_argument(
        "--edition", type=_rule, action="append", metavar="[GRADE:]SUBJECT=EDITION",
        help=_("e.g. 音乐=人音版 (every grade) or 3:英语=外研版 (grade 3 only; wins over the all-grades one)"),
    )
    p.add_argument("--unset", type=_key, action="append", metavar="[GRADE:]SUBJECT",
                   help=_("remove a rule, e.g. 音乐 or 3:英语"))
    p.add_argument("--clear", action="store_true", help=_("remove every rule first"))
    p.add_argument("--channel", choices=CHANNELS,
                   help=_("the school's app release channel: pilot (new versions first) or stable (default)"))
    p = action(
        school, "import", with_home, cmd_school_import,
        _("add schools and set their editions from Excel (学校标识码, 学校名称, one column per subject)"),
    )
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--skip-bad", action="store_true", help=_("import the good rows even if some have errors"))
