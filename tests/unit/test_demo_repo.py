"""The bundled demo repository is valid, signed, current with its sources, and imported
on first start through the folder-source path."""

from __future__ import annotations

from pathlib import Path

from eduteach_desktop.resources import demo_repo_path
from eduteach_desktop.services import Services
from eduteach_desktop.sync.sources import FolderSource
from eduteach_protocol.catalog import Catalog
from tests.helpers.lessons import TestRepo

ROOT = Path(__file__).resolve().parents[2]


def test_demo_repo_matches_its_sources(tmp_path: Path):
    fresh = TestRepo(tmp_path / "fresh")
    from eduteach_hub.publish.publisher import publish

    publish(ROOT / "resources" / "demo_lessons", fresh.writer)
    rebuilt = Catalog.from_bytes(fresh.writer.current_catalog_bytes())
    services = Services.open(tmp_path / "pc")
    try:
        services.trust.install_root((demo_repo_path() / "metadata" / "root.json").read_bytes())
        verified = services.trust.fetch_catalog(FolderSource(demo_repo_path()))
    finally:
        services.close()
    assert verified.catalog.lessons == rebuilt.lessons, "run: python resources/build_demo_repo.py"


def test_demo_is_small_and_covers_the_subjects_teaching_points_lack():
    size = sum(p.stat().st_size for p in demo_repo_path().rglob("*") if p.is_file())
    assert size < 10 * 1024 * 1024
    catalog_file = next((demo_repo_path() / "targets").glob("*.catalog.json"))
    catalog = Catalog.from_bytes(catalog_file.read_bytes())
    assert {ls.subject for ls in catalog.lessons} >= {"music", "art", "english", "math"}
    assert {ls.kind for ls in catalog.lessons} >= {"audio", "video", "slides"}


def test_first_start_imports_the_demo_offline(tmp_path: Path):
    services = Services.open(tmp_path / "pc")
    try:
        report = services.import_demo_if_first_run()
        assert report is not None and report.ok, report and report.problems
        installed = services.library.installed_lessons()
        assert len(installed) == 5
        music = services.library.lesson("music-g1-renyin-xiaoxingxing")
        assert services.blobs.path(music.first_file("lyrics").sha256).read_text(encoding="utf-8").count("[") >= 12
        assert services.import_demo_if_first_run() is None  # only once
    finally:
        services.close()
