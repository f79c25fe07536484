"""``gmmviz --install-desktop`` and ``--uninstall-desktop`` into a scratch XDG data folder."""

import shutil
import subprocess
from pathlib import Path

import pytest

from gmmviz import desktop


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, by relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else None
            for path in folder.rglob("*")}


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "share"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def test_install_then_uninstall_leaves_nothing_behind(gmmviz_cli, data_home):
    installed = gmmviz_cli("--install-desktop")
    assert installed.returncode == 0, installed.stderr
    wrote = [line.removeprefix("installed ") for line in installed.stdout.splitlines()
             if line.startswith("installed ")]
    assert sorted(wrote) == sorted(str(data_home / relative) for relative in desktop.packaged_files())
    for relative, packaged in desktop.packaged_files().items():
        if not relative.startswith("applications/"):
            assert (data_home / relative).read_bytes() == packaged.read_bytes()
    removed = gmmviz_cli("--uninstall-desktop")
    assert removed.returncode == 0, removed.stderr
    assert tree(data_home) == {}
    assert gmmviz_cli("--uninstall-desktop").stdout.startswith("nothing to remove")


def test_uninstall_keeps_what_others_installed(gmmviz_cli, data_home):
    (data_home / "applications").mkdir()
    (data_home / "applications" / "other.desktop").write_text("[Desktop Entry]\nType=Application\nName=Other\n"
                                                              "Exec=other\n")
    (data_home / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (data_home / "icons" / "hicolor" / "48x48" / "apps" / "other.png").write_bytes(b"not gmmviz's")
    (data_home / "mime" / "packages").mkdir(parents=True)
    (data_home / "mime" / "packages" / "other.xml").write_text(
        '<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">'
        '<mime-type type="application/x-other"><glob pattern="*.other"/></mime-type></mime-info>\n')
    before = tree(data_home)
    assert gmmviz_cli("--install-desktop").returncode == 0
    assert gmmviz_cli("--uninstall-desktop").returncode == 0
    after = tree(data_home)
    assert {name: after.get(name) for name in before} == before
    # what is left beyond them are the caches, refreshed without gmmviz
    assert not any("gmmviz" in name for name in after)
    if shutil.which("update-mime-database"):
        assert b"x-gmmviz-session" not in (data_home / "mime" / "globs2").read_bytes()


def test_the_installed_entry_runs_this_gmmviz_and_validates(gmmviz_cli, data_home):
    assert gmmviz_cli("--install-desktop").returncode == 0
    entry = data_home / "applications" / "gmmviz.desktop"
    program = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    command = program.removeprefix("Exec=").removesuffix(" %f")
    assert command == "gmmviz" or Path(command).is_absolute() and Path(command).is_file()
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert done.returncode == 0 and done.stdout + done.stderr == ""


def test_the_caches_are_refreshed_when_the_tools_are_there(gmmviz_cli, data_home):
    if not shutil.which("update-mime-database"):
        pytest.skip("update-mime-database is not installed")
    installed = gmmviz_cli("--install-desktop")
    assert f"updated {data_home / 'mime'} (update-mime-database)" in installed.stdout.splitlines()
    assert "*.gmmviz" in (data_home / "mime" / "globs2").read_text()


def test_a_data_folder_that_cannot_be_written_is_one_error_line(gmmviz_cli, tmp_path, monkeypatch):
    (tmp_path / "share").write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    line = gmmviz_cli("--install-desktop").error_line()
    assert "cannot write" in line and str(tmp_path / "share") in line


def test_install_and_uninstall_together_are_refused(gmmviz_cli, data_home):
    assert "not allowed with argument" in gmmviz_cli("--install-desktop", "--uninstall-desktop").error_line()
    assert tree(data_home) == {}


def test_the_icon_cache_is_refreshed_only_where_there_is_one(gmmviz_cli, data_home):
    program = shutil.which("gtk-update-icon-cache")
    if program is None:
        pytest.skip("gtk-update-icon-cache is not installed")
    assert gmmviz_cli("--install-desktop").returncode == 0
    cache = data_home / "icons" / "hicolor" / "icon-theme.cache"
    assert not cache.exists()  # a new cache would hide icons installed later without one
    subprocess.run([program, "-q", "-t", "-f", str(cache.parent)], check=True)
    installed = gmmviz_cli("--install-desktop")
    assert f"updated {cache.parent} (gtk-update-icon-cache)" in installed.stdout.splitlines()
    assert b"gmmviz" in cache.read_bytes()


def test_a_gmmviz_in_a_folder_with_spaces_is_quoted_in_the_entry(gmmviz_cli, data_home, tmp_path, monkeypatch):
    bin_folder = tmp_path / "my env" / "bin"
    bin_folder.mkdir(parents=True)
    (bin_folder / "gmmviz").write_text("#!/bin/sh\n")
    (bin_folder / "gmmviz").chmod(0o755)
    monkeypatch.setattr("sys.executable", str(bin_folder / "python"))
    assert gmmviz_cli("--install-desktop").returncode == 0
    entry = data_home / "applications" / "gmmviz.desktop"
    assert f'Exec="{bin_folder / "gmmviz"}" %f' in entry.read_text().splitlines()
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert done.returncode == 0 and done.stdout + done.stderr == ""
