"""Read and write files under a root folder without ever following a link out of it.

Lesson sources on the hub, USB sticks and satellite folders on a PC, and the sticks
`eduteach export` writes are all prepared by someone else. A symlink named like a lyrics
file can point at the hub's signing key; a FIFO named like a blob hangs a naive `open()`;
a planted link at a name export writes sends the bytes anywhere on the PC. Everything
here therefore:

* takes a *root* (trusted as given: the folder the technician named, links in it are
  followed once) and a *relative path* under it ("/"-separated, no "..", no absolute path,
  no NUL byte) — every component below the root is checked, none is followed;
* opens with O_NOFOLLOW (and through directory file descriptors, so a component swapped
  for a link between the check and the open is still refused) where the platform has it,
  and with O_NONBLOCK so a FIFO can never block, then fstat()s the open descriptor and
  requires a regular file;
* caps the size of what it reads (the cap is the caller's: a lyrics file, a blob …);
* writes only into directories it created or verified to be real directories, and the
  bytes through the filesystem layer (`durable.py`): a temporary name created with
  O_CREAT|O_EXCL (which never follows a link), fsync, replace, fsync dir.

Every refusal is an `UnsafeFileError` (a ValueError) with a stable `code`, the relative
`path`, and a one-line message naming the file and the reason. Callers that talk to a
teacher or technician put their own words in front ("lesson folder X: lyrics 'a.lrc' is a
link; only plain files are published") by passing `label`.

The whole API:

    data = read_regular(root, "lesson-1/song.lrc", 1 << 20)          # bytes, capped
    with open_regular(root, "blobs/ab/ab…", size_cap) as fh: ...    # a binary file object
    write_file(stick, "metadata/root.json", data)                     # atomic, durable
    write_file(stick, "blobs/ab/ab…", iter_of_blocks, overwrite=False)
    ensure_dirs(stick, "blobs/ab")                                    # real folders only
    find_link(stick, ["metadata", "blobs"])                           # first link, or None
    split_relpath("a/../b")                                           # raises: ESCAPE

    except UnsafeFileError as exc: exc.code in (LINK, NOT_REGULAR, MISSING, TOO_LARGE, …)

On Windows (no O_NOFOLLOW, no dir_fd) the same checks are done with lstat() on each
component before opening, which leaves a window for a race on a folder someone is
changing at that very moment; sticks and source folders are prepared beforehand, which
is the threat here. Junctions and other name-surrogate reparse points count as links.

Standard library only: the hub, the desktop and the county import all use it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from . import durable
from .cli_i18n import L_

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
# Walking by directory descriptors is what makes the checks race-free; without it (Windows)
# we fall back to lstat() on each path.
_DIR_FD = (
    bool(_O_NOFOLLOW and _O_DIRECTORY)
    and os.open in os.supports_dir_fd
    and os.stat in os.supports_dir_fd
    and os.mkdir in os.supports_dir_fd
)
# Reparse tags with this bit (IsReparseTagNameSurrogate) name another file or folder:
# symlinks, junctions, WSL links.
_NAME_SURROGATE = 0x20000000

# Codes (stable; callers and tests match on them)
LINK = "link"              # a symlink, junction or other reparse point
NOT_REGULAR = "not_regular"  # a FIFO, device, socket …
NOT_DIR = "not_dir"        # a path component (or a folder to write into) is not a folder
IS_DIR = "is_dir"          # a file was expected, a folder is there
MISSING = "missing"
TOO_LARGE = "too_large"
HARDLINK = "hardlink"      # st_nlink > 1 where the caller refuses shared files
BAD_NAME = "bad_name"      # NUL byte, backslash, too long, empty
ESCAPE = "escape"          # ".." in the path
ABSOLUTE = "absolute"
LOOP = "loop"              # the root itself is a symlink loop
UNREADABLE = "unreadable"  # any other OS error (permission, I/O error)


class UnsafeFileError(ValueError):
    """A file or folder was refused. `code` is one of the module's codes, `path` the
    relative path asked for, `reason` the end of the sentence (no file name)."""

    code = "unsafe"

    def __init__(self, code: str, path: str, reason: str, label: str | None = None):
        self.code = code
        self.path = path
        self.reason = reason
        self.label = label if label is not None else repr(path)
        super().__init__(L_("{label} {reason}", label=self.label, reason=reason))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def is_link(st: os.stat_result) -> bool:
    """Whether an lstat() result is a link: a symlink, or on Windows a junction or any other
    name-surrogate reparse point (not OneDrive's placeholders, which are plain files)."""
    if stat.S_ISLNK(st.st_mode):
        return True
    return bool(getattr(st, "st_reparse_tag", 0) & _NAME_SURROGATE)




def split_relpath(relpath: str, label: str | None = None) -> list[str]:
    """The components of a relative path, or UnsafeFileError: no NUL, no backslash, no
    absolute path or drive, no "..", at least one component. "." and empty parts vanish."""
    if not isinstance(relpath, str) or "\x00" in relpath:
        raise UnsafeFileError(BAD_NAME, str(relpath).replace("\x00", "\\0"),
                              L_("has a NUL byte in its name"), label)
    if "\\" in relpath:
        raise UnsafeFileError(BAD_NAME, relpath, L_("has a backslash in its name"), label)
    if PurePosixPath(relpath).is_absolute() or PureWindowsPath(relpath).drive:
        raise UnsafeFileError(ABSOLUTE, relpath, L_("is an absolute path; only names inside the folder are allowed"), label)
    parts = [p for p in relpath.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UnsafeFileError(ESCAPE, relpath, L_("points outside its folder ('..')"), label)
    if not parts:
        raise UnsafeFileError(BAD_NAME, relpath, L_("is an empty name"), label)
    return parts


def _os_error(exc: OSError, relpath: str, label: str | None, *, component: bool = False) -> UnsafeFileError:
    if exc.errno == errno.ENOENT:
        return UnsafeFileError(MISSING, relpath, L_("does not exist"), label)
    if exc.errno == errno.ELOOP:
        return UnsafeFileError(LOOP if not component else LINK, relpath,
                               L_("is a link (or a loop of links); only plain files are accepted"), label)
    if exc.errno == errno.ENOTDIR:
        return UnsafeFileError(NOT_DIR, relpath, L_("is inside something that is not a folder"), label)
    if exc.errno == errno.ENAMETOOLONG:
        return UnsafeFileError(BAD_NAME, relpath, L_("has a name that is too long"), label)
    if exc.errno == errno.EISDIR:
        return UnsafeFileError(IS_DIR, relpath, L_("is a folder, not a file"), label)
    return UnsafeFileError(UNREADABLE, relpath, L_("cannot be read ({problem})", problem=exc.strerror or exc), label)


def _check_file_stat(st: os.stat_result, relpath: str, label: str | None) -> None:
    if is_link(st):
        raise UnsafeFileError(LINK, relpath, L_("is a link; only plain files are accepted"), label)
    if stat.S_ISDIR(st.st_mode):
        raise UnsafeFileError(IS_DIR, relpath, L_("is a folder, not a file"), label)
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFileError(NOT_REGULAR, relpath, L_("is {kind}, not a plain file", kind=_kind(st.st_mode)),
                              label)


def _open_root(root: Path, relpath: str, label: str | None) -> int:
    try:
        return os.open(root, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC)
    except OSError as exc:
        err = _os_error(exc, relpath, label)
        if err.code == LOOP:
            raise UnsafeFileError(LOOP, relpath, L_("cannot be read: folder {root} is a loop of links", root=root), label) from exc
        if err.code == MISSING:
            raise UnsafeFileError(MISSING, relpath, L_("cannot be read: folder {root} does not exist", root=root),
                                  label) from exc
        raise err from exc


def _walk_dirs(root: Path, parts: list[str], relpath: str, label: str | None, *,
               create: bool = False) -> int:
    """A descriptor of the folder holding the last component, each step opened with
    O_NOFOLLOW|O_DIRECTORY. create: make missing folders (then verify them the same way)."""
    fd = _open_root(root, relpath, label)
    try:
        for depth, part in enumerate(parts):
            if create:
                with suppress(FileExistsError):
                    os.mkdir(part, 0o755, dir_fd=fd)
                    # the new entry must survive a power cut like the file put in it
                    durable.fsync_dir(root.joinpath(*parts[:depth]))
            try:
                st = os.stat(part, dir_fd=fd, follow_symlinks=False)
            except OSError as exc:
                raise _os_error(exc, relpath, label, component=True) from exc
            _require_real_dir(st, part, relpath, label)
            try:
                nfd = os.open(part, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC, dir_fd=fd)
            except OSError as exc:
                raise _os_error(exc, relpath, label, component=True) from exc
            os.close(fd)
            fd = nfd
    except BaseException:
        os.close(fd)
        raise
    return fd


def _require_real_dir(st: os.stat_result, part: str, relpath: str, label: str | None) -> None:
    """A folder on the way to a file must be a real folder: not a link, not anything else."""
    if is_link(st):
        raise UnsafeFileError(LINK, relpath, L_("goes through a link ({part!r}); only real folders are accepted", part=part), label)
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafeFileError(NOT_DIR, relpath, L_("goes through {part!r}, which is not a folder", part=part),
                              label)


def _check_dirs_by_path(root: Path, parts: list[str], relpath: str, label: str | None, *,
                        create: bool = False) -> Path:
    """The lstat() fallback of _walk_dirs for platforms without dir_fd (Windows)."""
    if not root.is_dir():
        raise UnsafeFileError(MISSING, relpath, L_("cannot be read: folder {root} does not exist", root=root),
                              label)
    here = root
    for part in parts:
        here = here / part
        if create:
            with suppress(FileExistsError):
                here.mkdir(0o755)
                durable.fsync_dir(here.parent)
        try:
            st = os.lstat(here)
        except OSError as exc:
            raise _os_error(exc, relpath, label, component=True) from exc
        _require_real_dir(st, part, relpath, label)
    return here


def open_regular(root: Path, relpath: str, max_size: int, *, label: str | None = None,
                 refuse_hardlinks: bool = False) -> BinaryIO:
    """Open root/relpath for reading if it is a regular file reached through real folders
    only, no larger than max_size bytes. The caller closes the returned file.

    refuse_hardlinks: refuse a file that has other names too (st_nlink > 1). The hub sets
    it: a hard link to its own key inside a source folder looks like a plain file.
    Raises UnsafeFileError (code MISSING when it is simply not there).
    """
    parts = split_relpath(relpath, label)
    flags = os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC | _O_NOCTTY | _O_BINARY
    if _DIR_FD:
        dfd = _walk_dirs(Path(root), parts[:-1], relpath, label)
        try:
            try:
                lst = os.stat(parts[-1], dir_fd=dfd, follow_symlinks=False)
            except OSError as exc:
                raise _os_error(exc, relpath, label, component=True) from exc
            _check_file_stat(lst, relpath, label)
            try:
                fd = os.open(parts[-1], flags, dir_fd=dfd)
            except OSError as exc:
                raise _os_error(exc, relpath, label, component=True) from exc
        finally:
            os.close(dfd)
    else:
        folder = _check_dirs_by_path(Path(root), parts[:-1], relpath, label)
        path = folder / parts[-1]
        try:
            lst = os.lstat(path)
        except OSError as exc:
            raise _os_error(exc, relpath, label, component=True) from exc
        _check_file_stat(lst, relpath, label)
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            raise _os_error(exc, relpath, label, component=True) from exc
    try:
        st = os.fstat(fd)
        _check_file_stat(st, relpath, label)
        if (st.st_dev, st.st_ino) != (lst.st_dev, lst.st_ino):
            raise UnsafeFileError(LINK, relpath, L_("changed while it was being opened"), label)
        if refuse_hardlinks and st.st_nlink > 1:
            raise UnsafeFileError(HARDLINK, relpath, L_("has other hard links; copy it so it is a file of its own"), label)
        if st.st_size > max_size:
            raise UnsafeFileError(TOO_LARGE, relpath, L_("is {size:,} bytes; the limit is {max_size:,}", size=st.st_size, max_size=max_size), label)
        if _O_NONBLOCK:
            # Only there so a FIFO could not block the open; reads of a file never block.
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(root: Path, relpath: str, max_size: int, *, label: str | None = None,
                 refuse_hardlinks: bool = False) -> bytes:
    """The whole of a small file (see open_regular), never more than max_size bytes even
    if it grows while being read."""
    with open_regular(root, relpath, max_size, label=label, refuse_hardlinks=refuse_hardlinks) as fh:
        data = fh.read(max_size + 1)
    if len(data) > max_size:
        raise UnsafeFileError(TOO_LARGE, relpath, L_("grew past the limit of {max_size:,} bytes", max_size=max_size),
                              label)
    return data


def ensure_dirs(root: Path, relpath: str, *, label: str | None = None) -> None:
    """Create root/relpath folder by folder (missing ones only) and verify each is a real
    folder, not a link; raises UnsafeFileError otherwise. root must exist."""
    parts = split_relpath(relpath, label)
    if _DIR_FD:
        os.close(_walk_dirs(Path(root), parts, relpath, label, create=True))
    else:
        _check_dirs_by_path(Path(root), parts, relpath, label, create=True)


def _write_all(fh: BinaryIO, chunks: Iterable[bytes]) -> int:
    total = 0
    for chunk in chunks:
        fh.write(chunk)
        total += len(chunk)
    return total


def _same_folder(dfd: int | None, folder: Path, relpath: str, label: str | None) -> None:
    """The folder the path names is still the one that was verified (no folder on the way
    was swapped for a link while the file was written)."""
    try:
        now = os.lstat(folder)
    except OSError as exc:
        raise _os_error(exc, relpath, label) from exc
    if dfd is not None:
        held = os.fstat(dfd)
        if (now.st_dev, now.st_ino) != (held.st_dev, held.st_ino):
            raise UnsafeFileError(LINK, relpath, L_("had a folder on its way replaced while it was written"), label)
    if is_link(now) or not stat.S_ISDIR(now.st_mode):
        raise UnsafeFileError(LINK, relpath, L_("had a folder on its way replaced while it was written"),
                              label)


def write_file(root: Path, relpath: str, chunks: Iterable[bytes] | bytes, *,
               label: str | None = None, overwrite: bool = True,
               before_rename: Callable[[], None] | None = None) -> int:
    """Write root/relpath atomically and durably; returns the bytes written.

    Folders on the way are created or verified as real folders (by descriptor, without
    following links, where the OS allows). The bytes then go through the filesystem layer
    (`durable.atomic_writer`: a temporary name beside the file, created with
    O_CREAT|O_EXCL after removing whatever was planted there, so never written through a
    link; fsync, replace, fsync the folder; Windows' sharing violations retried). Just
    before the replace the folder is checked to be the one verified. An existing link or
    non-file at the final name is refused. overwrite=False: an existing regular file is
    kept and 0 returned. before_rename: called once the data is durable; if it raises
    (the bytes were not what the caller expected), the temporary file is removed and the
    final name left as it was.
    """
    parts = split_relpath(relpath, label)
    data: Iterable[bytes] = [chunks] if isinstance(chunks, bytes) else chunks
    dfd: int | None = None
    if _DIR_FD:
        dfd = _walk_dirs(Path(root), parts[:-1], relpath, label, create=True)
        folder = Path(root).joinpath(*parts[:-1])
    else:
        folder = _check_dirs_by_path(Path(root), parts[:-1], relpath, label, create=True)
    try:
        target = folder / parts[-1]
        try:
            existing: os.stat_result | None = os.lstat(target)
        except FileNotFoundError:
            existing = None
        except OSError as exc:
            raise _os_error(exc, relpath, label) from exc
        if existing is not None:
            _check_file_stat(existing, relpath, label)
            if not overwrite:
                return 0
        tmp = target.with_name(target.name + durable.TEMP_SUFFIX)
        try:
            tmp_st = os.lstat(tmp)
        except FileNotFoundError:
            pass
        else:
            if stat.S_ISDIR(tmp_st.st_mode) and not is_link(tmp_st):
                raise UnsafeFileError(IS_DIR, relpath, L_("cannot be written: {name!r} is a folder", name=tmp.name), label)
        with durable.atomic_writer(target) as fh:
            written = _write_all(fh, data)
            fh.flush()
            if before_rename is not None:
                before_rename()
            _same_folder(dfd, folder, relpath, label)
        return written
    finally:
        if dfd is not None:
            os.close(dfd)


def find_link(root: Path, names: Iterable[str]) -> str | None:
    """The first link (or non-file, non-folder) at or below root/name for each name, as a
    relative path, or None. Never follows a link. Used to refuse a stick whose existing
    layout holds links before writing anything to it."""
    stack: list[str] = []
    for name in names:
        split_relpath(name)
        stack.append(name)
    root = Path(root)
    while stack:
        rel = stack.pop()
        try:
            st = os.lstat(root / rel)
        except FileNotFoundError:
            continue
        if is_link(st) or not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
            return rel
        if stat.S_ISDIR(st.st_mode):
            with os.scandir(root / rel) as it:
                stack.extend(f"{rel}/{entry.name}" for entry in it)
    return None
