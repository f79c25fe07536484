#!/usr/bin/env bash
# Builds the one-folder desktop bundle dist/gmmviz/ (PyInstaller, packaging/gmmviz.spec) and its release
# tarball dist/gmmviz-<version>-linux-<machine>.tar.gz from this checkout.
#
# PyInstaller and gmmviz (`pip install .`) go into a throw-away virtual environment in a temporary folder,
# with PyInstaller's work files; only dist/ is left (build/ and gmmviz.egg-info/ may be left by pip, all in
# .gitignore). The folder's libraries are stripped of their symbols, except the ones in `*.libs/` folders:
# auditwheel has rewritten those and `strip` breaks them. Run it on the oldest Linux the bundle must run
# on: the bundle needs a C library at least as new as the build machine's.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
dist="$root/dist"
bundle="$dist/gmmviz"
start=$SECONDS

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "build-bundle: virtual environment in $work"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$root" "pyinstaller>=6.10,<7"
version="$("$work/venv/bin/python" -c 'import gmmviz; print(gmmviz.__version__)')"

echo "build-bundle: PyInstaller"
rm -rf "$bundle"
(cd "$work" && "$work/venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$work/pyinstaller" "$root/packaging/gmmviz.spec")

echo "build-bundle: stripping symbols"
find "$bundle" -type f -name '*.so*' -not -path '*.libs/*' -exec strip --strip-unneeded {} +

echo "build-bundle: checking the folder"
fail() { echo "build-bundle: $*" >&2; exit 1; }
[[ -f "$bundle/_internal/gmmviz/core/kernels.py" ]] || fail "gmmviz/core/kernels.py is not in the bundle as a file"
[[ -f "$bundle/_internal/gmmviz/resources/old_faithful.csv" ]] || fail "gmmviz/resources is not in the bundle"
[[ "$("$bundle/gmmviz" --version)" == "gmmviz $version" ]] || fail "dist/gmmviz/gmmviz --version does not say $version"
caches="$(find "$bundle" -name '*.nbi' -o -name '*.nbc')"
[[ -z "$caches" ]] || fail "numba cache files in the bundle: $caches"

tarball="$dist/gmmviz-$version-linux-$(uname -m).tar.gz"
echo "build-bundle: $tarball"
tar -C "$dist" -czf "$tarball" gmmviz

echo "build-bundle: done in $((SECONDS - start)) s: $(du -sh "$bundle" | cut -f1) in dist/gmmviz/," \
  "$(du -sh "$tarball" | cut -f1) as $(basename "$tarball")"
