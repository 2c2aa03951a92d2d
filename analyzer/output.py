"""Writing output files so that a failed run never leaves a half-written one, and never destroys data.

An output replaces its target by renaming a finished temporary file over it, so readers see the
old file or the new, never half. Before that, the target is checked: it must be absent or a
regular file, and it must not be a file this run read (a statute, rule, amendment, baseline or
saved report: `report missouri --out statutes/missouri.yaml` would otherwise replace the law with
its own report card). A replaced file keeps its permissions; a new one gets the umask's.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from analyzer.errors import InputError, Problem

STDOUT = "-"


def _refuse(name: str, message: str) -> InputError:
    return InputError([Problem(name, 0, message)])


def check_target(path: Path, name: str | None = None) -> tuple[Path, os.stat_result | None]:
    """The resolved target and its current status; InputError if writing there could destroy data."""
    from analyzer.documents import files_read

    name = name or str(path)
    try:
        target = path.resolve()  # write through a symlink, never replace it
        info = os.stat(target)
    except FileNotFoundError:
        return target, None
    except (OSError, RuntimeError) as exc:
        raise _refuse(name, f"cannot write the file: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(name, "not a regular file: output never replaces a directory, device or pipe")
    if (info.st_dev, info.st_ino) in files_read():
        raise _refuse(name, "this run reads that file; writing the output there would destroy it "
                            "(choose another --out)")
    return target, info


def write_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename over it (see the module docstring for what is refused)."""
    name = str(path)
    target, info = check_target(path, name)
    tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
    try:
        # O_EXCL: never follow or reuse a file someone else put there; mode 0o666 is cut by the umask.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise _refuse(name, f"cannot write the file: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            if info is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
                if os.geteuid() == 0:  # root replacing someone's file keeps its owner
                    with contextlib.suppress(OSError):
                        os.fchown(handle.fileno(), info.st_uid, info.st_gid)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _refuse(name, f"cannot write the file: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
