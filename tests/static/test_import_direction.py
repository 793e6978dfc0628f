"""Imports run one way: services -> library, and dataset leaves -> never the catalogue.

Read with ``ast`` (nothing is imported), so the check takes well under a second
and catches imports inside functions too. ``from a import b`` counts as
importing both ``a`` and ``a.b``, since ``b`` may be a module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.static

REPO_ROOT = Path(__file__).resolve().parents[2]
LIBRARY = REPO_ROOT / "libs" / "lab_common" / "lab_common"
SERVICES = {
    f"lab_{name}": REPO_ROOT / "services" / name / f"lab_{name}"
    for name in ("cnn", "nlp", "trainer", "gateway")
}
# What the shared library must never reach up to: the services and the launcher.
ABOVE_LIBRARY = {*SERVICES, "archilab"}
DATASET_LEAVES = LIBRARY / "datasets"
CATALOGUE = "lab_common.datasets.catalogue"


def module_name(path: Path) -> str:
    """``lab_common.datasets.images`` for .../lab_common/datasets/images.py."""
    package_root = next(p for p in path.parents if not (p / "__init__.py").is_file())
    parts = path.relative_to(package_root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    package = importer.split(".")
    package = package if is_package else package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in ``path``, relative ones made absolute."""
    importer = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, importer, path.name == "__init__.py")
            yield node.lineno, module
            yield from ((node.lineno, f"{module}.{a.name}") for a in node.names)


def violations(paths: list[Path], forbidden: set[str]) -> list[str]:
    """``file:line module`` for each import of a forbidden module or its children."""
    found = []
    for path in paths:
        for line, module in imported_modules(path):
            if any(module == f or module.startswith(f"{f}.") for f in forbidden):
                found.append(f"{path.relative_to(REPO_ROOT)}:{line} {module}")
    return sorted(set(found))


def python_files(folder: Path) -> list[Path]:
    files = sorted(folder.rglob("*.py"))
    assert files, f"no Python files under {folder}: the check would prove nothing"
    return files


def test_library_never_imports_a_service_or_the_launcher() -> None:
    assert violations(python_files(LIBRARY), ABOVE_LIBRARY) == []


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_service_never_imports_another_service(service: str) -> None:
    others = set(SERVICES) - {service}

    assert violations(python_files(SERVICES[service]), others) == []


def test_dataset_leaves_never_import_the_catalogue() -> None:
    leaves = [
        path for path in python_files(DATASET_LEAVES) if module_name(path) != CATALOGUE
    ]

    assert violations(leaves, {CATALOGUE}) == []


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    package = tmp_path / "lab_common" / "datasets"
    package.mkdir(parents=True)
    for folder in (package, package.parent):
        (folder / "__init__.py").write_text("")
    leaf = package / "images.py"
    leaf.write_text("from . import catalogue\nfrom .catalogue import x\n")

    modules = {module for _, module in imported_modules(leaf)}

    assert {CATALOGUE, f"{CATALOGUE}.x"} <= modules
