"""Desktop integration on Linux: the packaged entry, icons and MIME types, installed for the current user.

``gmmviz --install-desktop`` copies the files under ``gmmviz/resources`` into the user's XDG data folder and
``gmmviz --uninstall-desktop`` removes them again. No Qt here: the command line imports this module.

Decisions
---------
- Ids: the desktop file id is ``gmmviz`` (``gmmviz.desktop``, the name the window gives
  ``QGuiApplication.setDesktopFileName``, so Wayland compositors match the window to its entry); the AppStream
  component id is ``io.github.gmmviz.gmmviz`` (AppStream wants a reverse-DNS id), whose metainfo names
  ``gmmviz.desktop`` as its launchable. The icon is named ``gmmviz`` in the hicolor theme.
- Categories: the main category is Education (gmmviz is made for teaching EM), with Math and
  DataVisualization as additional ones; Science is a main category too, and two main ones would list gmmviz
  twice in menus.
- MIME types: ``application/x-gmmviz-session`` (``*.gmmviz``, a JSON file underneath) and ``application/x-npy``
  (``*.npy``, by glob and by the ``\\x93NUMPY`` magic; the shared MIME database has no NumPy type, and
  ``application/x-npy`` is the name in common use). The entry also lists ``text/csv`` and
  ``text/tab-separated-values``, never ``text/plain``, which would offer gmmviz for every text file.
- Where: ``$XDG_DATA_HOME`` when it is an absolute path (the XDG rule: a relative one is ignored), else
  ``~/.local/share``; files go to ``applications/``, ``icons/hicolor/<n>x<n>/apps/`` and ``mime/packages/``.
  The AppStream metainfo is packaged for distributors and bundles but not installed per user: software
  centres do not read it from the user's folder.
- Exec: the installed entry runs the ``gmmviz`` script beside the running Python by its absolute path when
  there is one (a virtual environment, ``~/.local/bin``): a desktop session's ``PATH`` rarely includes them.
- Caches: ``update-mime-database`` and ``update-desktop-database`` run after every change when they are
  installed (``xdg-mime install`` would do the same through them). ``gtk-update-icon-cache`` runs only when
  the user's hicolor folder already has an ``icon-theme.cache``: making one where there was none would hide
  every icon installed later without it. A tool that is missing is skipped; one that fails is a warning,
  since the files are in place.
- Uninstall removes the files install copies, and the folders and caches that then hold nothing of anyone
  else's: an empty folder on the way to one of them, ``applications/mimeinfo.cache`` with no entry left
  beside it, and the MIME database that ``update-mime-database`` wrote when ``mime/packages/`` is left empty.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from importlib.resources import files
from pathlib import Path

from gmmviz.core.errors import GmmvizError, GmmvizWarning

#: The desktop file id (``gmmviz.desktop`` without its suffix) and the icon name.
DESKTOP_ID = "gmmviz"
#: The AppStream component id; its metainfo file is ``<APP_ID>.metainfo.xml``.
APP_ID = "io.github.gmmviz.gmmviz"
#: The pixel sizes of the packaged PNG icons (``packaging/make-icons.py`` renders them from the SVG).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: The MIME type of a saved session.
SESSION_MIME_TYPE = "application/x-gmmviz-session"

#: What ``update-mime-database`` writes beside ``packages/`` (shared-mime-info 2.x).
_MIME_DATABASE_FILES = frozenset({"XMLnamespaces", "aliases", "generic-icons", "globs", "globs2", "icons",
                                  "magic", "mime.cache", "subclasses", "treemagic", "types", "version"})
#: Characters that an ``Exec`` path may hold unquoted (the desktop entry specification's reserved ones aside).
_PLAIN_EXEC = re.compile(r"[A-Za-z0-9/._+-]+")


def resources():
    """The packaged ``gmmviz/resources`` folder (a Traversable; a real folder for an installed package)."""
    return files("gmmviz") / "resources"


def icon_files() -> dict[str, object]:
    """The packaged icons, ``{path in the hicolor theme ("48x48/apps/gmmviz.png"): packaged file}``.

    The PNGs come first, smallest to largest, then the scalable SVG.
    """
    theme = resources() / "icons" / "hicolor"
    names = [f"{size}x{size}/apps/{DESKTOP_ID}.png" for size in ICON_SIZES] + [f"scalable/apps/{DESKTOP_ID}.svg"]
    return {name: theme.joinpath(*name.split("/")) for name in names}


def packaged_files() -> dict[str, object]:
    """What ``--install-desktop`` copies: ``{path relative to the XDG data folder: packaged file}``."""
    desktop = resources() / "desktop"
    return {
        f"applications/{DESKTOP_ID}.desktop": desktop / f"{DESKTOP_ID}.desktop",
        f"mime/packages/{DESKTOP_ID}.xml": desktop / f"{DESKTOP_ID}.xml",
        **{f"icons/hicolor/{name}": icon for name, icon in icon_files().items()},
    }


def data_home(environ=None) -> Path:
    """The user's XDG data folder: ``$XDG_DATA_HOME`` if absolute, else ``~/.local/share``."""
    environ = os.environ if environ is None else environ
    named = environ.get("XDG_DATA_HOME", "")
    if named and os.path.isabs(named):
        return Path(named)
    return Path(environ.get("HOME") or Path.home()) / ".local" / "share"


def install(home: Path) -> list[str]:
    """Copy the entry, icons and MIME types into ``home`` and refresh the caches.

    Parameters
    ----------
    home : Path
        The XDG data folder (:func:`data_home`).

    Returns
    -------
    list of str
        One line per file written and per cache refreshed.

    Raises
    ------
    GmmvizError
        When a file cannot be written.
    """
    _check_platform()
    done = []
    for relative, source in packaged_files().items():
        target = home / relative
        data = source.read_bytes()
        if relative.startswith("applications/"):
            data = _with_exec(data.decode("utf-8"), _command()).encode("utf-8")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise GmmvizError(f"cannot write {target} ({exc.strerror or exc}); check that {home} is writable")
        done.append(f"installed {target}")
    return done + _refresh(home)


def uninstall(home: Path) -> list[str]:
    """Remove what :func:`install` wrote to ``home``, and refresh the caches.

    Returns
    -------
    list of str
        One line per file or folder removed and per cache refreshed; a single line saying so when
        nothing was installed.

    Raises
    ------
    GmmvizError
        When a file cannot be removed.
    """
    _check_platform()
    targets = [home / relative for relative in packaged_files()]
    present = [target for target in targets if target.is_file()]
    if not present:
        return [f"nothing to remove: gmmviz's desktop files are not in {home}"]
    done = []
    for target in present:
        _remove(target, target.unlink)
        done.append(f"removed {target}")
    done += _refresh(home)
    done += _remove_unused_caches(home)
    folders = {parent for target in targets for parent in target.parents if home in parent.parents}
    for folder in sorted(folders, key=lambda path: (-len(path.parts), path)):  # the deepest first
        if folder.is_dir() and not any(folder.iterdir()):
            _remove(folder, folder.rmdir)
            done.append(f"removed {folder}/")
    return done


def _check_platform() -> None:
    if sys.platform in ("win32", "darwin"):
        raise GmmvizError("--install-desktop and --uninstall-desktop are for Linux and BSD desktops (the XDG "
                          "folders); on this system, start gmmviz from a terminal")


def _remove(path: Path, removal) -> None:
    try:
        removal()
    except OSError as exc:
        raise GmmvizError(f"cannot remove {path} ({exc.strerror or exc}); check the permissions of its folder")


def _command() -> str:
    """What the installed entry runs: the ``gmmviz`` script beside this Python if there is one, else ``gmmviz``."""
    script = Path(sys.executable).parent / "gmmviz"
    return str(script) if script.is_file() and os.access(script, os.X_OK) else "gmmviz"


def _with_exec(entry: str, command: str) -> str:
    """The desktop entry ``entry`` with its ``Exec`` program replaced by ``command`` (quoted as the spec says)."""
    if not _PLAIN_EXEC.fullmatch(command):
        escaped = re.sub(r'(["`$\\])', r"\\\1", command)
        command = '"' + escaped.replace("\\", "\\\\") + '"'  # a string value escapes its backslashes again
    return re.sub(r"^Exec=\S+", lambda _: f"Exec={command}", entry, count=1, flags=re.MULTILINE)


def _refresh(home: Path) -> list[str]:
    """Run the cache tools that are installed; one line per tool run."""
    runs = [("update-mime-database", home / "mime"), ("update-desktop-database", home / "applications")]
    if (home / "icons" / "hicolor" / "icon-theme.cache").is_file():
        runs.append(("gtk-update-icon-cache", home / "icons" / "hicolor"))
    done = []
    for tool, folder in runs:
        program = shutil.which(tool)
        if program is None or not folder.is_dir():
            continue
        # -t: a user's hicolor folder has no index.theme of its own
        options = ["-q", "-t", "-f"] if tool == "gtk-update-icon-cache" else []
        arguments = [program, *options, str(folder)]
        try:
            result = subprocess.run(arguments, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            warnings.warn(f"{tool} {folder} did not run ({exc}); the files are in place", GmmvizWarning)
            continue
        if result.returncode != 0:
            reason = " ".join(result.stderr.split()) or f"exit status {result.returncode}"
            warnings.warn(f"{tool} {folder} failed ({reason}); the files are in place", GmmvizWarning)
            continue
        done.append(f"updated {folder} ({tool})")
    return done


def _remove_unused_caches(home: Path) -> list[str]:
    """Remove the caches that index nothing once gmmviz's files are gone (see the module docstring)."""
    done = []
    applications = home / "applications"
    cache = applications / "mimeinfo.cache"
    if cache.is_file() and not any(applications.glob("*.desktop")):
        _remove(cache, cache.unlink)
        done.append(f"removed {cache}")
    mime = home / "mime"
    packages = mime / "packages"
    if packages.is_dir() and not any(packages.iterdir()) and _only_mime_database(mime):
        _remove(mime, lambda: shutil.rmtree(mime))
        done.append(f"removed {mime}/ (its MIME database described only gmmviz's types)")
    return done


def _only_mime_database(mime: Path) -> bool:
    """Whether ``mime`` holds nothing but ``packages/`` and what ``update-mime-database`` writes."""
    for entry in mime.iterdir():
        if entry.name == "packages" or (entry.is_file() and entry.name in _MIME_DATABASE_FILES):
            continue
        if entry.is_dir() and all(item.is_file() and item.suffix == ".xml" for item in entry.iterdir()):
            continue  # a media type's folder (application/, text/): one XML per type
        return False
    return True
