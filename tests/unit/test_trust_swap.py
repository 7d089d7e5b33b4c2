"""A power cut during a trust-root update (enrollment, or the demo root) leaves a usable
trust root: the old one, or the new one, never none."""

from __future__ import annotations

from pathlib import Path

import pytest

from eduteach_desktop.services import Services
from eduteach_desktop.sync.trust import TrustStore
from tests.helpers.lessons import TestRepo, write_lesson

pytestmark = pytest.mark.windows_semantics


class PowerCut(BaseException):
    pass


def repo(tmp_path: Path, name: str) -> TestRepo:
    r = TestRepo(tmp_path / name)
    write_lesson(r.src, f"song-{name}")
    r.publish()
    return r


@pytest.mark.parametrize("cut_at", ["staged", "retired", "swapped"])
def test_a_power_cut_during_a_root_update_leaves_a_usable_root(tmp_path: Path, cut_at: str):
    old, new = repo(tmp_path, "old"), repo(tmp_path, "new")
    s = Services.open(tmp_path / "pc")
    try:
        s.trust.install_root(old.root())
        assert s.sync([str(old.repo)]).ok
        before = s.trust.root_fingerprint()

        def cut(step: str) -> None:
            if step == cut_at:
                raise PowerCut()

        with pytest.raises(PowerCut):
            TrustStore(s.trust.folder, swap_step=cut).install_root(new.root())
    finally:
        s.close()
    s = Services.open(tmp_path / "pc")  # the next start repairs the swap
    try:
        after = s.trust.root_fingerprint()
        assert after is not None
        leftovers = sorted(p.name for p in s.datadir.root.iterdir() if p.name.startswith("trust"))
        assert leftovers == ["trust"]
        if cut_at == "swapped":  # both renames were done: the new root is in place
            assert after != before
            assert s.sync([str(new.repo)]).ok
        else:  # the previous state is kept: the old source still verifies
            assert after == before
            assert s.sync([str(old.repo)]).ok
    finally:
        s.close()


def test_a_root_update_replaces_the_trusted_state(tmp_path: Path):
    old, new = repo(tmp_path, "old"), repo(tmp_path, "new")
    s = Services.open(tmp_path / "pc")
    try:
        s.trust.install_root(old.root())
        assert s.sync([str(old.repo)]).ok
        s.trust.install_root(new.root())
        assert sorted(p.name for p in s.trust.folder.iterdir()) == ["root.json"]
        assert s.sync([str(new.repo)]).ok
    finally:
        s.close()


@pytest.mark.parametrize(("held_for", "replaced"), [(2.0, True), (60.0, False)])
def test_antivirus_holding_the_trust_root_is_waited_out_or_leaves_the_old_one(
        tmp_path: Path, winsem, held_for: float, replaced: bool):  # noqa: ANN001
    from eduteach_protocol.durable import FileBusyError

    old, new = repo(tmp_path, "old"), repo(tmp_path, "new")
    s = Services.open(tmp_path / "pc")
    try:
        s.trust.install_root(old.root())
        before = s.trust.root_fingerprint()
        winsem.hold(s.trust.folder / "root.json", held_for)
        store = TrustStore(s.trust.folder, retry=winsem.retry())
        if replaced:
            store.install_root(new.root())
            assert store.root_fingerprint() != before
        else:
            with pytest.raises(FileBusyError):
                store.install_root(new.root())
            assert store.root_fingerprint() == before  # the previous root, untouched
            winsem.clock.now += held_for  # the scanner lets go (TUF itself rewrites root.json)
            assert s.sync([str(old.repo)]).ok
        assert any(r.startswith("move held") for r in winsem.refused)
    finally:
        s.close()
