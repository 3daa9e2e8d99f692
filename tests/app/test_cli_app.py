"""The CLI side of the app: `reader` and `reader demo` open it; `reader keys` lists the binding ids."""

from __future__ import annotations

import tomllib

from click.testing import CliRunner

from reader.cli import cli


def test_reader_without_a_terminal_explains_instead_of_drawing(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "needs a terminal" in result.output and "reader list" in result.output


def test_demo_without_list_opens_the_app_and_with_list_prints(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 1 and "needs a terminal" in result.output
    result = CliRunner().invoke(cli, ["demo", "--list", "-n", "2"])
    assert result.exit_code == 0 and "836 articles" in result.output


def test_keys_lists_binding_ids_with_the_config_applied(isolated_dirs) -> None:
    config = isolated_dirs / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keys]\n"main.bookmark" = "m,asterisk"\n', encoding="utf-8")
    tomllib.loads(config.read_text())
    result = CliRunner().invoke(cli, ["keys"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert "m,*" in lines["main.bookmark"]
    assert {"list.down", "main.search", "main.tag", "reader.filter_entity", "app.help"} <= set(lines)
