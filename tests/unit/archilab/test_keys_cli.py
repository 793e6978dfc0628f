"""``archilab keys`` and the admin key made at first start."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from archilab.cli import main
from archilab.keys import ensure_admin_key, open_key_store
from archilab.settings import LauncherSettings


@pytest.fixture(autouse=True)
def no_database_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys must land in the test's home, whatever the shell exported."""
    monkeypatch.delenv("ARCHILAB_DATABASE_URL", raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> LauncherSettings:
    return LauncherSettings(home=tmp_path / "home")


def run(settings: LauncherSettings, *argv: str) -> int:
    return main(["keys", *argv, "--home", str(settings.home)])


def test_create_prints_the_key_once_with_a_warning(
    settings: LauncherSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(settings, "create", "--role", "team", "--team", "a", "--label", "TP 1")

    out, err = capsys.readouterr()
    assert code == 0
    secret = out.strip()
    assert secret.startswith("alk_")
    assert (out + err).count(secret) == 1
    assert "once" in err
    with open_key_store(settings) as store:
        key = store.find_key(secret)
    assert key is not None
    assert (key.role, key.team, key.label) == ("team", "a", "TP 1")


def test_create_team_key_without_team_fails(
    settings: LauncherSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(settings, "create", "--role", "team")

    assert code == 2
    assert "team name" in capsys.readouterr().err


def test_list_shows_keys_without_secrets(
    settings: LauncherSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    run(settings, "create", "--role", "admin")
    run(settings, "create", "--role", "team", "--team", "b")
    secrets = capsys.readouterr().out.split()

    code = run(settings, "list")

    listing = capsys.readouterr().out
    assert code == 0
    assert "admin" in listing
    assert "team b" in listing
    assert not any(secret in listing for secret in secrets)


def test_revoke_makes_the_key_unusable(
    settings: LauncherSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    run(settings, "create", "--role", "team", "--team", "c")
    secret = capsys.readouterr().out.strip()
    with open_key_store(settings) as store:
        key_id = store.list_keys()[0].id

    code = run(settings, "revoke", key_id[:8])

    assert code == 0
    assert "revoked" in capsys.readouterr().out
    with open_key_store(settings) as store:
        assert store.find_key(secret) is None


def test_revoke_of_unknown_key_fails(
    settings: LauncherSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(settings, "revoke", "0123456789abcdef")

    assert code == 1
    assert "no live key" in capsys.readouterr().err


def test_ensure_admin_key_saves_it_owner_only(settings: LauncherSettings) -> None:
    secret = ensure_admin_key(settings)

    assert secret is not None
    path = settings.home / "admin.key"
    assert path.read_text(encoding="utf-8").strip() == secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with open_key_store(settings) as store:
        key = store.find_key(secret)
    assert key is not None and key.role == "admin"


def test_ensure_admin_key_is_idempotent(settings: LauncherSettings) -> None:
    first = ensure_admin_key(settings)

    second = ensure_admin_key(settings)

    assert first is not None
    assert second is None
    assert (settings.home / "admin.key").read_text(encoding="utf-8").strip() == first


def test_database_url_defaults_to_sqlite_in_home(settings: LauncherSettings) -> None:
    url = settings.resolved_database_url()

    assert url == f"sqlite:///{(settings.home / 'archilab.db').resolve()}"
