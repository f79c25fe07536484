"""The packaged desktop files: entry, MIME types, AppStream metainfo and icons, valid and carried by the wheel.

The validators (``desktop-file-validate``, ``appstreamcli``, ``update-mime-database``) are skipped where they
are not installed; the files are also parsed here, which runs everywhere.
"""

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import gmmviz
from gmmviz import desktop

RESOURCES = Path(gmmviz.__file__).parent / "resources"
ENTRY = RESOURCES / "desktop" / f"{desktop.DESKTOP_ID}.desktop"
MIME_XML = RESOURCES / "desktop" / f"{desktop.DESKTOP_ID}.xml"
METAINFO = RESOURCES / "desktop" / f"{desktop.APP_ID}.metainfo.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
#: The main categories of the freedesktop menu specification; an entry names exactly one.
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                   "Office", "Science", "Settings", "System", "Utility"}


def tool(name):
    program = shutil.which(name)
    if program is None:
        pytest.skip(f"{name} is not installed")
    return program


def desktop_entry(path=ENTRY):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_validates_without_hints():
    done = subprocess.run([tool("desktop-file-validate"), str(ENTRY)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout + done.stderr == ""


def test_the_desktop_entry_has_one_main_category_and_gmmviz_s_file_types():
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Exec"] == "gmmviz %f"
    assert entry["Icon"] == desktop.DESKTOP_ID
    categories = entry["Categories"].rstrip(";").split(";")
    assert [name for name in categories if name in MAIN_CATEGORIES] == ["Education"]
    assert set(entry["MimeType"].rstrip(";").split(";")) == {
        desktop.SESSION_MIME_TYPE, "application/x-npy", "text/csv", "text/tab-separated-values"}


def test_packaging_points_at_the_packaged_entry():
    packaging = Path(gmmviz.__file__).parents[1] / "packaging" / "gmmviz.desktop"
    assert packaging.resolve() == ENTRY.resolve()


def test_the_mime_types_name_sessions_and_numpy_files():
    root = ElementTree.parse(MIME_XML).getroot()
    globs = {kind.get("type"): [glob.get("pattern") for glob in kind.findall("m:glob", MIME_NS)]
             for kind in root.findall("m:mime-type", MIME_NS)}
    assert globs == {desktop.SESSION_MIME_TYPE: ["*.gmmviz"], "application/x-npy": ["*.npy"]}
    # every type declared here is one the entry opens
    assert set(globs) <= set(desktop_entry()["MimeType"].rstrip(";").split(";"))


def test_the_mime_database_takes_the_types(tmp_path):
    program = tool("update-mime-database")
    (tmp_path / "packages").mkdir()
    shutil.copy(MIME_XML, tmp_path / "packages")
    done = subprocess.run([program, str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    globs = (tmp_path / "globs2").read_text(encoding="utf-8").splitlines()
    assert f"50:{desktop.SESSION_MIME_TYPE}:*.gmmviz" in globs and "50:application/x-npy:*.npy" in globs


def test_the_metainfo_validates():
    done = subprocess.run([tool("appstreamcli"), "validate", "--no-net", "--pedantic", str(METAINFO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validation was successful" in done.stdout


def test_the_metainfo_names_the_entry_the_version_and_a_screenshot():
    root = ElementTree.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application" and root.findtext("id") == desktop.APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{desktop.DESKTOP_ID}.desktop"
    assert root.findtext("icon[@type='stock']") == desktop.DESKTOP_ID
    assert [release.get("version") for release in root.iter("release")] == [gmmviz.__version__]
    image = root.find("screenshots/screenshot[@type='default']/image")
    assert image.text.startswith("https://") and image.text.endswith("/resources/screenshot.png")
    with Image.open(Path(gmmviz.__file__).parents[1] / "resources" / "screenshot.png") as screenshot:
        assert screenshot.size == (int(image.get("width")), int(image.get("height")))


@pytest.mark.parametrize("size", desktop.ICON_SIZES)
def test_an_icon_at_every_size(size):
    with Image.open(RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "gmmviz.png") as icon:
        assert icon.format == "PNG" and icon.size == (size, size) and icon.mode == "RGBA"


def test_the_scalable_icon_is_the_source_svg():
    source = Path(gmmviz.__file__).parents[1] / "resources" / "gmmviz.svg"
    scalable = RESOURCES / "icons" / "hicolor" / "scalable" / "apps" / "gmmviz.svg"
    assert scalable.read_bytes() == source.read_bytes()


def test_every_installed_file_is_packaged():
    for relative, packaged in desktop.packaged_files().items():
        assert packaged.is_file(), relative


def test_the_wheel_carries_the_desktop_files(tmp_path):
    # A copy of what the build reads, so that the build's scratch folders never land in the checkout.
    root, source = Path(gmmviz.__file__).parents[1], tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(root / name, source)
    shutil.copytree(root / "gmmviz", source / "gmmviz", ignore=shutil.ignore_patterns("__pycache__"))
    # The build backend's own PEP 517 hook, as pip calls it, without pip's fresh build environment (seconds).
    build = "import sys\nfrom setuptools import build_meta\nbuild_meta.build_wheel(sys.argv[1])"
    done = subprocess.run([sys.executable, "-c", build, str(tmp_path / "wheel")], cwd=source, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "wheel").glob("gmmviz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {path.relative_to(root).as_posix() for path in (root / "gmmviz" / "resources").rglob("*")
                if path.is_file() and "__pycache__" not in path.parts}
    assert {f"gmmviz/resources/desktop/{desktop.APP_ID}.metainfo.xml"} <= expected
    assert expected <= names


def test_a_relative_xdg_data_home_is_ignored(tmp_path):
    assert desktop.data_home({"XDG_DATA_HOME": "share", "HOME": str(tmp_path)}) == tmp_path / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path), "HOME": "/nowhere"}) == tmp_path
