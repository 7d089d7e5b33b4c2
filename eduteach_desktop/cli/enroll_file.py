"""`eduteach enroll --file PATH`: join the county from an enrollment file, headless."""

from __future__ import annotations

import argparse
import logging
import platform
from pathlib import Path
from typing import Any

from eduteach_protocol import cliguard
from eduteach_protocol.cli_i18n import N_, _
from eduteach_protocol.text_rules import escape_for_terminal

log = logging.getLogger("eduteach.enroll_file")

# One sentence each, for the technician: what it is and what to do.
PROBLEMS = {
    "tampered": N_("this enrollment file was changed after the county made it; ask the county for a new file"),
    "not_enroll_file": N_("this is not an EduTeach enrollment file; copy the .etenroll file the county gave you"),
    "unreadable": N_("the enrollment file cannot be read; copy it onto the stick again"),
    "expired": N_("this enrollment file has expired; ask the county for a new one (or correct this PC's clock)"),
    "other_county": N_("this enrollment file is from another county than the one this PC trusts; "
                       "use your own county's file"),
    "other_school": N_("this enrollment file is for another school than this PC's; use this school's file"),
    "used": N_("this PC was already enrolled from this file; nothing to do"),
    "already_enrolled": N_("this PC already belongs to this school; nothing to do"),
}


def cmd_enroll_file(s: Any, args: argparse.Namespace) -> int:
    from eduteach_desktop.sync import enroll_file

    path = enroll_file.find_enroll_file(Path(args.file))
    if path is None:
        cliguard.say("eduteach", _("no enrollment file (.etenroll) in {path}; copy the county's file onto the "
                                   "stick").format(path=args.file))
        return 1
    try:
        preview = enroll_file.read(s, path)
    except enroll_file.EnrollFileProblem as exc:
        log.info("enrollment file refused: %s", exc)  # the detail, for the log and doctor
        enroll_file.note_problem(s, exc)
        # One line; the detail (which file, what exactly) is kept for `eduteach doctor`.
        sentence = PROBLEMS.get(exc.reason)
        cliguard.say("eduteach", _(sentence) if sentence else str(exc))
        return 0 if exc.reason in ("used", "already_enrolled") else 1
    print(escape_for_terminal(_("joining county {county}, school {school} ({code})").format(
        county=preview.county_code, school=preview.school_name, code=preview.school_code)))
    print(_("county root fingerprint: {fingerprint} (check it matches the county's printout)").format(
        fingerprint=preview.fingerprint))
    done = enroll_file.apply(s, preview, args.name or platform.node() or "school-pc")
    print(escape_for_terminal(_("enrolled: {school} ({code}), device {device}").format(
        school=done.school_name, code=done.school_code, device=done.device_id)))
    if done.records_adopted:
        print(_("{n} records made before now now carry this school").format(n=done.records_adopted))
    print(_("next: `eduteach sync --from STICK` for lessons, `eduteach records export STICK` for records"))
    return 0

