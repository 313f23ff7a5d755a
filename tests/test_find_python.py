"""tools/find_python.sh picks an interpreter every pin supports, tested
against fake interpreters; .ci/run says what to install when it cannot."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from conftest import REPO

FIND = REPO / "tools" / "find_python.sh"
BASH = shutil.which("bash")


def _fake(folder: Path, name: str, version: str | None, venv: bool = True) -> Path:
    """A script that answers the finder's probe like a Python of ``version``
    would (``None``: a broken shim that does not run)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if version is None:
        body = "#!/bin/sh\necho 'pyenv: command not found' >&2\nexit 127\n"
    else:
        body = f"#!/bin/sh\necho '{version} {'venv' if venv else 'no-venv'}'\n"
    path.write_text(body)
    path.chmod(0o755)
    return path


def _find(path_dirs: list[Path], python: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": os.pathsep.join(str(p) for p in path_dirs), "HOME": "/nonexistent"}
    if python is not None:
        env["PYTHON"] = python
    return subprocess.run([BASH, str(FIND)], env=env, capture_output=True, text=True, timeout=30)


def test_newest_supported_minor_version_wins(tmp_path):
    bin_ = tmp_path / "bin"
    _fake(bin_, "python3.11", "3.11.9")
    _fake(bin_, "python3.12", "3.12.4")
    best = _fake(bin_, "python3.13", "3.13.1")
    result = _find([bin_])
    assert result.returncode == 0 and result.stdout.strip() == str(best)


def _below_floor() -> str:
    """A version just below the script's floor (a patch level lower, or the
    previous minor version when the floor is x.y.0)."""
    major, minor, patch = _version(_script_setting("FLOOR"))
    return f"{major}.{minor}.{patch - 1}" if patch else f"{major}.{minor - 1}.99"


def test_a_too_old_python_is_skipped_for_a_later_match(tmp_path):
    old_version = _below_floor()
    old = _fake(tmp_path / "usr-bin", "python3.11", old_version)
    good = _fake(tmp_path / "opt-bin", "python3.11", _script_setting("FLOOR"))
    result = _find([old.parent, good.parent])
    assert result.returncode == 0 and result.stdout.strip() == str(good)


def test_debian_12_python_qualifies_now_that_every_pin_accepts_it(tmp_path):
    debian = _fake(tmp_path / "usr-bin", "python3.11", "3.11.2")
    result = _find([debian.parent])
    assert result.returncode == 0 and result.stdout.strip() == str(debian)


def test_the_floor_is_enforced_with_one_clear_line(tmp_path):
    floor, old = _script_setting("FLOOR"), _below_floor()
    name = "python3.11"  # a name the script tries; the version it reports is what counts
    _fake(tmp_path / "bin", name, old)
    _fake(tmp_path / "bin", "python3.12", None)
    result = _find([tmp_path / "bin"])
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"need Python >= {floor}" in lines[0]
    assert f"{name} {old} (older than {floor})" in lines[0]
    assert "python3.12 (does not run)" in lines[0]


def test_broken_shims_and_missing_venv_module_are_skipped(tmp_path):
    bin_ = tmp_path / "bin"
    _fake(bin_, "python3.13", None)
    _fake(bin_, "python3.12", "3.12.3", venv=False)
    good = _fake(bin_, "python3.11", "3.11.5")
    result = _find([bin_])
    assert result.returncode == 0 and result.stdout.strip() == str(good)


def test_no_interpreter_at_all(tmp_path):
    (tmp_path / "empty").mkdir()
    result = _find([tmp_path / "empty"])
    assert result.returncode == 1 and "none on PATH" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_python_4_is_refused(tmp_path):
    result = _find([tmp_path], python=str(_fake(tmp_path / "bin", "python4", "4.0.0")))
    assert result.returncode == 1 and "not below 4.0" in result.stderr


def test_the_python_override_is_checked_too(tmp_path):
    old = _fake(tmp_path / "bin", "python3", _below_floor())
    good = _fake(tmp_path / "bin", "python3.13", "3.13.0")
    assert _find([tmp_path / "bin"], python=str(old)).returncode == 1
    result = _find([tmp_path / "bin"], python=str(good))
    assert result.returncode == 0 and result.stdout.strip() == str(good)


def _script_setting(name: str) -> str:
    return re.search(rf"^{name}=(\S+)$", FIND.read_text(), re.MULTILINE).group(1)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_floor_is_the_strictest_requires_python_of_the_installed_pins():
    packaging_specifiers = pytest.importorskip("packaging.specifiers")
    floor, ceiling = _version(_script_setting("FLOOR")), _version(_script_setting("CEILING"))
    pins = {}
    for line in (REPO / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0]  # drop "# via ..." annotations
        if "==" in line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    strictest = (0,)
    checked = 0
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        if pins.get(name) != dist.version:
            continue
        checked += 1
        spec = packaging_specifiers.SpecifierSet(dist.metadata.get("Requires-Python") or "")
        for item in spec:
            if item.operator in (">=", ">"):
                strictest = max(strictest, _version(item.version))
        # Every Python from the floor up to the ceiling must be allowed.
        for probe in ("{}.{}.{}".format(*floor), "3.12.0", "3.13.0"):
            assert spec.contains(probe), f"{name} {dist.version} requires {spec}, which excludes {probe}"
    assert checked >= len(pins) * 0.9, "the installed packages do not match requirements.txt"
    assert floor == strictest + (0,) * (3 - len(strictest)), f"FLOOR should be {strictest}"
    assert ceiling == (4, 0)


def _tool_dir(tmp_path: Path, with_apt: bool) -> Path:
    """A PATH holding only what .ci/run needs to get as far as its check:
    no make, no flock, no Chromium, no Python; a non-root id; sudo that
    refuses without a password."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("bash", "dirname", "cat"):
        (bin_ / tool).symlink_to(shutil.which(tool))
    (bin_ / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_ / "sudo").write_text("#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n")
    if with_apt:
        (bin_ / "apt-get").write_text("#!/bin/sh\necho 'E: must be root' >&2\nexit 100\n")
    for path in bin_.iterdir():
        if not path.is_symlink():
            path.chmod(0o755)
    return bin_


@pytest.mark.parametrize("with_apt, why", [(True, "not root and no password-less sudo"), (False, "apt-get is not available")])
def test_ci_run_says_what_to_install_when_it_cannot(tmp_path, with_apt, why):
    bin_ = _tool_dir(tmp_path, with_apt)
    result = subprocess.run(
        [str(bin_ / "bash"), str(REPO / ".ci" / "run")],
        env={"PATH": str(bin_), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "E: must be root" not in result.stderr
    message = [line for line in result.stderr.splitlines() if line.startswith(".ci/run:")]
    assert len(message) == 1, result.stderr
    assert why in message[0]
    for package in ("make", "util-linux", "chromium"):
        assert package in message[0]
    assert "sudo apt-get install make util-linux chromium" in message[0]


MAKE_VENV = REPO / "tools" / "make_venv.sh"
LOCKED = REPO / "tools" / "locked.sh"


def _fake_python_for_venv(folder: Path, log: Path, fail: bool, delay: float = 0) -> Path:
    """A fake interpreter whose `-m venv DIR` makes DIR/bin/python, a fake
    whose `-m pip install` logs start and end and fails when asked to."""
    folder.mkdir(parents=True, exist_ok=True)
    pip = folder / "fake-venv-python"
    pip.write_text(
        "#!/bin/sh\n"
        f"echo start >> '{log}'\n"
        f"sleep {delay}\n"
        + ("echo 'ERROR: No matching distribution found for soupsieve==4.1.3' >&2\nexit 1\n" if fail else "")
        + f"echo end >> '{log}'\n"
    )
    python = folder / "python3.12"
    python.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-c" ]; then case "$2" in *ensurepip*) echo "3.12.1 venv";; *) echo 3.12.1;; esac; exit 0; fi\n'
        f'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then mkdir -p "$3/bin" && cp \'{pip}\' "$3/bin/python"; exit 0; fi\n'
        "exit 2\n"
    )
    for path in (pip, python):
        path.chmod(0o755)
    return python


def _make_venv(venv: Path, python: Path, locked: bool = False) -> subprocess.Popen:
    command = ([str(LOCKED)] if locked else []) + [str(MAKE_VENV), str(venv)]
    env = {**os.environ, "PYTHON": str(python)}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_failed_install_leaves_no_venv_to_reuse(tmp_path):
    venv = tmp_path / "venv"
    python = _fake_python_for_venv(tmp_path / "bin", tmp_path / "log", fail=True)
    run = _make_venv(venv, python)
    _out, err = run.communicate(timeout=60)
    assert run.returncode != 0
    assert not venv.exists()
    assert "removed the partial" in err


def test_a_venv_without_its_stamp_is_rebuilt_from_scratch(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "left-over-from-a-failed-run").write_text("")
    python = _fake_python_for_venv(tmp_path / "bin", tmp_path / "log", fail=False)
    run = _make_venv(venv, python)
    run.communicate(timeout=60)
    assert run.returncode == 0
    assert not (venv / "left-over-from-a-failed-run").exists()
    assert f"python={python}" in (venv / ".installed").read_text()


def test_concurrent_runs_take_turns_and_install_once(tmp_path):
    venv = tmp_path / "venv"
    log = tmp_path / "log"
    python = _fake_python_for_venv(tmp_path / "bin", log, fail=False, delay=1)
    runs = [_make_venv(venv, python, locked=True) for _ in range(2)]
    for run in runs:
        run.communicate(timeout=120)
        assert run.returncode == 0
    # One install, not interleaved with another; the second run found the stamp.
    assert log.read_text().split() == ["start", "end"]
    assert (venv / ".installed").is_file()
