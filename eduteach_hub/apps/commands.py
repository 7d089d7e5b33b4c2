"""`eduteach-hub publish-app` and `eduteach-hub app …`: app packages under the `apps` role
(registered on the top-level parser by cli.build_parser; docs/updates.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eduteach_protocol.app_release import CHANNELS, PLATFORMS, AppReleaseError, parse_version
from eduteach_protocol.cli_i18n import _


def _version(value: str) -> str:
    try:
        parse_version(value)
    except AppReleaseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _run(action: Callable[[], int]) -> int:
    """Turn the apps module's expected failures into the CLI's one-line errors."""
    from eduteach_hub.apps.repo import AppsError
    from eduteach_hub.cli.common import CliError

    try:
        return action()
    except (AppsError, AppReleaseError) as exc:
        raise CliError(str(exc)) from None


def _key(args: argparse.Namespace) -> Path | None:
    return Path(args.key) if args.key else None


def _said(result: Any, done: str) -> None:
    if result.signed:
        print(_("{done}; apps metadata version {version} signed and published").format(
            done=done, version=result.apps_version))
    else:
        print(_("{done}; the apps key is not here, so the change waits for signing (eduteach-hub app "
                "sign-request, then app sign on the key's machine, then app import-signed)").format(done=done))


def cmd_publish_app(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_hub.cli.common import hub_home

    home = hub_home(args)

    def run() -> int:
        release, result = repo.publish_app(home, Path(args.file), args.platform, args.version, args.channel,
                                           args.notes, _key(args))
        _said(result, _("{platform} {version} ({channel}, {length} bytes) added as {path}").format(
            platform=release.platform, version=release.version, channel=release.channel,
            length=release.length, path=release.target_path))
        return 0

    return _run(run)


def cmd_app_init(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_hub.cli.common import hub_home

    home = hub_home(args)

    def run() -> int:
        with home.repo_lock():
            path = repo.init_apps(home, _key(args))
        print(_("apps role delegated to the key in {path}; keep a copy of it offline").format(path=path))
        print(_("the root was re-signed: PCs take the new root with their next sync"))
        return 0

    try:
        return _run(run)
    except FileNotFoundError as exc:  # root.pem kept offline (tuf_repo.LazySigners)
        from eduteach_hub.cli.common import CliError

        raise CliError(str(exc)) from None


def cmd_app_list(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_hub.cli.common import hub_home, print_table

    home = hub_home(args)

    def run() -> int:
        md = repo.current(home)
        published = repo.releases(md)
        rows = [[r.platform, r.version, r.channel, r.published[:16].replace("T", " "), str(r.length), r.notes[:40]]
                for r in published if args.platform in (None, r.platform)]
        if rows:
            print_table(["PLATFORM", "VERSION", "CHANNEL", "PUBLISHED", "BYTES", "NOTES"], rows, sys.stdout)
        else:
            print(_("no app versions published; add one with `eduteach-hub publish-app FILE ...`"))
        gone = repo.withdrawn(md)
        if gone:
            print(_("withdrawn: {versions}").format(versions=", ".join(gone)))
        # PCs ignore expired apps metadata: any apps change re-signs it for another year.
        print(_("apps metadata v{version}, expires {expires}").format(
            version=md.signed.version, expires=md.signed.expires.isoformat()))
        waiting = repo.pending(home)
        if waiting is not None:
            print(_("a change (apps version {version}) waits for the apps key: eduteach-hub app "
                    "sign-request").format(version=waiting.signed.version))
        return 0

    return _run(run)


def cmd_app_promote(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_hub.cli.common import hub_home

    home = hub_home(args)

    def run() -> int:
        _said(repo.promote(home, args.platform, args.version, _key(args)),
              _("{platform} {version} promoted to stable").format(platform=args.platform, version=args.version))
        return 0

    return _run(run)


def cmd_app_withdraw(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_hub.cli.common import hub_home

    home = hub_home(args)

    def run() -> int:
        _said(repo.withdraw(home, args.platform, args.version, _key(args)),
              _("{platform} {version} withdrawn (PCs that already run it need a fixed newer version)").format(
                  platform=args.platform, version=args.version))
        return 0

    return _run(run)


def cmd_app_sign_request(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_hub.cli.common import hub_home
    from eduteach_protocol import durable

    home = hub_home(args)

    def run() -> int:
        durable.write_atomic(Path(args.out), repo.sign_request(home))
        print(_("sign request written to {path}; on the apps key's machine run `eduteach-hub app sign "
                "{name} --key apps.pem --out SIGNED.json`").format(path=args.out, name=Path(args.out).name))
        return 0

    return _run(run)


def cmd_app_sign(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_protocol import durable

    def run() -> int:
        request = Path(args.request).read_bytes()
        md = repo.read_metadata(request, args.request)
        # The person with the key sees what they are about to vouch for.
        print(_("apps metadata version {version}:").format(version=md.signed.version))
        for r in repo.releases(md):
            print(f"  {r.platform} {r.version} {r.channel} sha256 {r.sha256[:16]}… {r.length} bytes")
        for gone in repo.withdrawn(md):
            print("  " + _("withdrawn: {versions}").format(versions=gone))
        durable.write_atomic(Path(args.out), repo.sign(request, Path(args.key)))
        print(_("signed: {path}; bring it back and run `eduteach-hub app import-signed {name}`").format(
            path=args.out, name=Path(args.out).name))
        return 0

    return _run(run)


def cmd_app_import_signed(args: argparse.Namespace) -> int:
    from eduteach_hub.apps import repo
    from eduteach_hub.cli.common import hub_home

    home = hub_home(args)

    def run() -> int:
        md = repo.import_signed(home, Path(args.signed).read_bytes())
        print(_("apps metadata version {version} published").format(version=md.signed.version))
        return 0

    return _run(run)


def add_parsers(sub: Any, with_home: argparse.ArgumentParser) -> None:
    key_help = "the apps key (default HOME/keys/apps.pem); without it the change waits for offline signing"
    p = sub.add_parser("publish-app", parents=[with_home], help=_("add an app package, signed under the apps role"))
    p.add_argument("file", metavar="FILE", help=_("the installer or bundle"))
    p.add_argument("--platform", required=True, choices=PLATFORMS)
    p.add_argument("--version", required=True, type=_version, metavar="X.Y.Z")
    p.add_argument("--channel", choices=CHANNELS, default="pilot",
                   help=_("pilot (default: pilot schools first) or stable"))
    p.add_argument("--notes", default="", help=_("what changed, for the county and the PCs"))
    p.add_argument("--key", metavar="PATH", help=key_help)
    p.set_defaults(func=cmd_publish_app)

    app = sub.add_parser("app", help=_("app versions, channels and the apps signing key")).add_subparsers(
        dest="app_command", metavar="ACTION", required=True
    )
    p = app.add_parser("init", parents=[with_home],
                       help=_("add the apps role to a hub made before app updates (needs root.pem)"))
    p.add_argument("--key", metavar="PATH", help=_("use this apps key (default: make HOME/keys/apps.pem)"))
    p.set_defaults(func=cmd_app_init)
    p = app.add_parser("list", parents=[with_home], help=_("published versions per platform and channel"))
    p.add_argument("--platform", choices=PLATFORMS)
    p.set_defaults(func=cmd_app_list)
    for name, func, text in (("promote", cmd_app_promote, "move a pilot version to stable"),
                             ("withdraw", cmd_app_withdraw, "stop offering a version")):
        p = app.add_parser(name, parents=[with_home], help=text)
        p.add_argument("version", type=_version, metavar="X.Y.Z")
        p.add_argument("--platform", required=True, choices=PLATFORMS)
        p.add_argument("--key", metavar="PATH", help=key_help)
        p.set_defaults(func=func)
    p = app.add_parser("sign-request", parents=[with_home], help=_("write the change waiting for the apps key"))
    p.add_argument("--out", required=True, metavar="REQ.json")
    p.set_defaults(func=cmd_app_sign_request)
    p = app.add_parser("sign", help=_("sign a request with the apps key (on the machine that keeps it)"))
    p.add_argument("request", metavar="REQ.json")
    p.add_argument("--key", required=True, metavar="PATH")
    p.add_argument("--out", required=True, metavar="SIGNED.json")
    p.set_defaults(func=cmd_app_sign)
    p = app.add_parser("import-signed", parents=[with_home], help=_("publish apps metadata signed offline"))
    p.add_argument("signed", metavar="SIGNED.json")
    p.set_defaults(func=cmd_app_import_signed)
