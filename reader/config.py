"""Settings and paths, in one place. Nothing here touches the disk at import time."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "reader"


def data_dir() -> Path:
    return Path(os.environ.get("READER_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    return Path(os.environ.get("READER_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def cache_dir() -> Path:
    return Path(os.environ.get("READER_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME))


def default_db_path() -> Path:
    """The user's store: ``READER_DB`` if set, else ``reader.db`` in the user data dir."""
    env = os.environ.get("READER_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "reader.db"


def demo_db_path() -> Path:
    """The built-in sample store: a separate database, never the user's."""
    return cache_dir() / "demo.db"


def config_path() -> Path:
    return Path(os.environ.get("READER_CONFIG") or config_dir() / "config.toml")


@dataclass
class Settings:
    """The user's settings (``config.toml``). Unknown keys are ignored so old files keep working."""

    nlp_backend: str = "builtin"  # "builtin" or "spacy"
    spacy_model: str = "en_core_web_sm"
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> comma-separated keys
    theme: str | None = None
    browser: str | None = None
    refresh_concurrency: int = 16
    refresh_per_host: int = 4
    refresh_timeout: float = 20.0
    max_response_bytes: int = 20 * 1024 * 1024


class ConfigError(Exception):
    pass


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc
    settings = Settings()
    nlp = raw.get("nlp", {})
    if isinstance(nlp, dict):
        settings.nlp_backend = str(nlp.get("backend", settings.nlp_backend))
        settings.spacy_model = str(nlp.get("spacy_model", settings.spacy_model))
    keys = raw.get("keys", {})
    if isinstance(keys, dict):
        settings.keys = {str(k): str(v) for k, v in keys.items()}
    ui = raw.get("ui", {})
    if isinstance(ui, dict):
        settings.theme = ui.get("theme") or None
        settings.browser = ui.get("browser") or None
    refresh = raw.get("refresh", {})
    if isinstance(refresh, dict):
        settings.refresh_concurrency = int(refresh.get("concurrency", settings.refresh_concurrency))
        settings.refresh_per_host = int(refresh.get("per_host", settings.refresh_per_host))
        settings.refresh_timeout = float(refresh.get("timeout", settings.refresh_timeout))
        settings.max_response_bytes = int(refresh.get("max_bytes", settings.max_response_bytes))
    return settings
