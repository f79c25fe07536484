"""``--help`` on every command and ``--version``."""

import pytest

import gmmviz


@pytest.mark.parametrize("command", [(), ("fit",), ("select",), ("sample",)])
def test_help_on_every_command(gmmviz_cli, command):
    done = gmmviz_cli(*command, "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: gmmviz")
    if not command:
        assert all(f"gmmviz {name}" in done.stdout for name in ("fit", "select", "sample"))


def test_version(gmmviz_cli):
    done = gmmviz_cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"gmmviz {gmmviz.__version__}"
