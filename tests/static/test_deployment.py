"""Static checks of the container deployment: compose file, Dockerfiles, .env.example.

Nothing here needs Docker or the network: the compose-spec schema ships with
check-jsonschema and hadolint is a pip-installed binary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

from tests.static.tools import REPO_ROOT, run_tool

pytestmark = pytest.mark.static

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
ENV_EXAMPLE = REPO_ROOT / ".env.example"

# A service another one waits on with this condition runs once and exits.
ONE_SHOT_CONDITION = "service_completed_successfully"
# Identity, not configuration: nobody should need to set it.
UNDOCUMENTED_FIELDS = {"service_name"}
# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}; $$ escapes.
INTERPOLATION = re.compile(
    r"(?<!\$)\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
)
# "NAME=value" or "# NAME=value" in .env.example; prose comments never match.
ENV_EXAMPLE_ENTRY = re.compile(r"^#?\s*(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")


# --- reading the compose file -------------------------------------------------


def load_compose() -> dict[str, Any]:
    compose: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return compose


def services() -> dict[str, dict[str, Any]]:
    defined: dict[str, dict[str, Any]] = load_compose()["services"]
    return defined


def depends_on(service: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``depends_on`` in either syntax, as {target: {"condition": ...}}."""
    raw = service.get("depends_on", {})
    if isinstance(raw, list):
        return {name: {"condition": "service_started"} for name in raw}
    return {name: spec or {} for name, spec in raw.items()}


def one_shot_service_names() -> set[str]:
    return {
        target
        for service in services().values()
        for target, spec in depends_on(service).items()
        if spec.get("condition") == ONE_SHOT_CONDITION
    }


def long_running_services() -> dict[str, dict[str, Any]]:
    one_shot = one_shot_service_names()
    return {name: spec for name, spec in services().items() if name not in one_shot}


def with_defaults(text: str) -> str:
    """``text`` as compose would expand it with no variable set."""

    def default(match: re.Match[str]) -> str:
        return match["arg"] if match["op"] in (":-", "-") else ""

    return INTERPOLATION.sub(default, text)


def volume_sources(service: dict[str, Any]) -> Iterator[str]:
    """The named volumes a service mounts (bind mounts and tmpfs excluded)."""
    for mount in service.get("volumes", []):
        if isinstance(mount, dict):
            if mount.get("type") == "volume" and mount.get("source"):
                yield with_defaults(mount["source"])
            continue
        source, separator, _ = with_defaults(mount).partition(":")
        if separator and not source.startswith(("/", ".", "~")):
            yield source


def environment_names(service: dict[str, Any]) -> set[str]:
    raw = service.get("environment", {})
    if isinstance(raw, list):
        return {entry.partition("=")[0] for entry in raw}
    return set(raw)


def passed_through_names(service: dict[str, Any]) -> set[str]:
    """Variables given without a value: compose copies them from the environment."""
    raw = service.get("environment", {})
    if isinstance(raw, list):
        return {entry for entry in raw if "=" not in entry}
    return {name for name, value in raw.items() if value is None}


def strings_in(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings_in(key)
            yield from strings_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_in(item)


def referenced_variables() -> set[str]:
    """Every variable the compose file reads from the shell or .env."""
    interpolated = {
        match["name"]
        for text in strings_in(load_compose())
        for match in INTERPOLATION.finditer(text)
    }
    passed = {name for s in services().values() for name in passed_through_names(s)}
    return interpolated | passed


# --- reading settings, .env.example and Dockerfiles ---------------------------


def documented_variables() -> dict[str, str]:
    """.env.example entries, commented out or not: name -> documented default."""
    entries = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = ENV_EXAMPLE_ENTRY.match(line.strip())
        if match:
            entries[match["name"]] = match["value"].strip()
    return entries


def service_settings_classes() -> list[type[BaseSettings]]:
    # Imported here: a broken service package fails these tests, not collection.
    from lab_cnn.settings import Settings as CnnSettings
    from lab_gateway.settings import Settings as GatewaySettings
    from lab_nlp.settings import Settings as NlpSettings
    from lab_trainer.settings import Settings as TrainerSettings

    return [CnnSettings, NlpSettings, TrainerSettings, GatewaySettings]


def settings_classes() -> list[type[BaseSettings]]:
    from archilab.settings import LauncherSettings

    return [LauncherSettings, *service_settings_classes()]


def env_prefix(settings: type[BaseSettings]) -> str:
    return str(settings.model_config.get("env_prefix", "")).upper()


def env_names(settings: type[BaseSettings], name: str, field: FieldInfo) -> list[str]:
    """The environment variables that set ``field``, preferred spelling first."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return [choice for choice in alias.choices if isinstance(choice, str)]
    if isinstance(alias, str):
        return [alias]
    return [f"{env_prefix(settings)}{name.upper()}"]


def settings_fields() -> dict[str, FieldInfo]:
    """Every environment variable our code reads -> the settings field it sets."""
    return {
        variable: field
        for settings in settings_classes()
        for name, field in settings.model_fields.items()
        for variable in env_names(settings, name, field)
    }


def service_prefixes() -> tuple[str, ...]:
    """Prefixes owned by the services (CNN_, NLP_...): unknown names are typos."""
    return tuple(env_prefix(settings) for settings in service_settings_classes())


def dockerfile_env_names(dockerfile: Path) -> set[str]:
    """Names set by ``ENV`` instructions (``key=value`` form, continuations joined)."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text(encoding="utf-8"))
    names = set()
    for line in text.splitlines():
        instruction, _, arguments = line.strip().partition(" ")
        if instruction.upper() == "ENV":
            names |= set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", arguments))
    return names


def dockerfiles() -> list[Path]:
    return sorted(REPO_ROOT.glob("services/*/Dockerfile"))


def comparable_default(field: FieldInfo) -> Any:
    default = field.get_default(call_default_factory=True)
    # A default computed from the checkout's location is documented relative to it.
    if isinstance(default, Path) and default.is_relative_to(REPO_ROOT):
        return default.relative_to(REPO_ROOT)
    return default


# --- the compose file ---------------------------------------------------------


def test_compose_file_matches_compose_spec_schema() -> None:
    result = run_tool(
        "check-jsonschema", "--builtin-schema", "vendor.compose-spec", str(COMPOSE_FILE)
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_dependencies_name_defined_services() -> None:
    defined = set(services())

    unknown = {
        f"{name} -> {target}"
        for name, service in services().items()
        for target in depends_on(service)
        if target not in defined
    }

    assert not unknown


def test_compose_named_volumes_are_declared() -> None:
    declared = set(load_compose().get("volumes") or {})

    undeclared = {
        f"{name}: {source}"
        for name, service in services().items()
        for source in volume_sources(service)
        if source not in declared
    }

    assert not undeclared


def test_compose_declared_volumes_are_used() -> None:
    used = {
        source for service in services().values() for source in volume_sources(service)
    }

    unused = set(load_compose().get("volumes") or {}) - used

    assert not unused


def test_compose_builds_point_at_existing_dockerfiles() -> None:
    missing = []
    for name, service in services().items():
        build = service.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = REPO_ROOT / build.get("context", ".")
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        if not context.is_dir() or not dockerfile.is_file():
            missing.append(f"{name}: {dockerfile}")

    assert not missing


def test_compose_long_running_services_have_healthchecks() -> None:
    unchecked = [
        name
        for name, service in long_running_services().items()
        if not service.get("healthcheck", {}).get("test")
        or service["healthcheck"].get("disable") in (True, "true")
    ]

    assert not unchecked


def test_compose_long_running_services_restart_unless_stopped() -> None:
    policies = {
        name: service.get("restart")
        for name, service in long_running_services().items()
    }

    assert set(policies.values()) == {"unless-stopped"}, policies


def test_compose_one_shot_services_do_not_restart() -> None:
    # Restarting a job that exited 0 would run it again and again.
    policies = {
        name: services()[name].get("restart", "no") for name in one_shot_service_names()
    }

    # PyYAML (YAML 1.1) reads an unquoted `no` as False; compose reads "no".
    assert set(policies.values()) <= {"no", False}, policies


def test_compose_publishes_ports_only_on_gateway() -> None:
    publishing = {name for name, service in services().items() if service.get("ports")}

    assert publishing == {"gateway"}


def test_compose_variables_are_documented_in_env_example() -> None:
    undocumented = referenced_variables() - set(documented_variables())

    assert not undocumented


def test_compose_service_variables_are_settings_fields() -> None:
    known = set(settings_fields())
    prefixes = service_prefixes()

    unknown = {
        f"{name}: {variable}"
        for name, service in services().items()
        for variable in environment_names(service)
        if variable.startswith(prefixes) and variable not in known
    }

    assert not unknown


# --- .env.example -------------------------------------------------------------


def test_env_example_variables_are_settings_fields() -> None:
    unknown = set(documented_variables()) - set(settings_fields())

    assert not unknown


def test_env_example_documents_every_setting() -> None:
    documented = set(documented_variables())

    undocumented = {
        env_names(settings, name, field)[0]
        for settings in settings_classes()
        for name, field in settings.model_fields.items()
        if name not in UNDOCUMENTED_FIELDS
        and not documented.intersection(env_names(settings, name, field))
    }

    assert not undocumented


def test_env_example_defaults_match_settings() -> None:
    fields = settings_fields()

    wrong = {}
    for variable, documented in documented_variables().items():
        if variable not in fields:
            continue  # reported by test_env_example_variables_are_settings_fields
        field = fields[variable]
        expected = comparable_default(field)
        value = None if documented == "" else documented
        actual = TypeAdapter(field.annotation).validate_python(value)
        if actual != expected:
            wrong[variable] = f"documented {documented!r}, default {expected!r}"

    assert not wrong


# --- Dockerfiles --------------------------------------------------------------


def test_services_have_dockerfiles() -> None:
    assert len(dockerfiles()) >= 2


def test_dockerfiles_pass_hadolint() -> None:
    paths = [str(path.relative_to(REPO_ROOT)) for path in dockerfiles()]

    result = run_tool("hadolint", "--no-color", *paths)

    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfiles_run_as_unprivileged_user() -> None:
    as_root = []
    for dockerfile in dockerfiles():
        users = re.findall(r"^USER\s+(\S+)", dockerfile.read_text(), re.MULTILINE)
        if not users or users[-1].split(":")[0] in ("root", "0"):
            as_root.append(str(dockerfile.relative_to(REPO_ROOT)))

    assert not as_root


def test_dockerfile_service_variables_are_settings_fields() -> None:
    known = set(settings_fields())
    prefixes = service_prefixes()

    unknown = {
        f"{dockerfile.relative_to(REPO_ROOT)}: {variable}"
        for dockerfile in dockerfiles()
        for variable in dockerfile_env_names(dockerfile)
        if variable.startswith(prefixes) and variable not in known
    }

    assert not unknown
