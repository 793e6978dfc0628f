"""The README stays a map: short, the two commands first, every pointer alive.

A newcomer must reach any behaviour in one hop from the README, so its table
"behaviour → module:function" has to name code that exists. The modules are read
with ``ast`` from their files, never imported: no TensorFlow, no settings, and a
row left behind by a move fails here with the path it looked for.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.static.tools import REPO_ROOT

pytestmark = pytest.mark.static

README = REPO_ROOT / "README.md"
DOCS = sorted((REPO_ROOT / "docs").glob("*.md"))
MAX_README_LINES = 150
# Where a top-level package lives: services/<service>/lab_x or libs/<lib>/lab_x.
PACKAGE_ROOTS = sorted([*REPO_ROOT.glob("services/*"), *REPO_ROOT.glob("libs/*")])
# What the map must cover (issue 12): one word of each behaviour's row.
REQUIRED_BEHAVIOURS = (
    "preprocessing",
    "photo",
    "batch",
    "hot reload",
    "mistral",
    "body",
    "registration",
    "sse",
    "key",
    "dataset",
    "report",
    "migration",
    "problem",
    "cell state",
    "explanation",
)
# `lab_cnn.images:prepare_input`, `lab_cnn.batching:MicroBatcher.submit`,
# `lab_common.store`, `archilab.launcher:run_lab`.
REFERENCE = re.compile(
    r"^(?P<module>(?:lab_\w+|archilab)(?:\.\w+)*)(?::(?P<name>\w+(?:\.\w+)?))?$"
)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _map_rows() -> list[tuple[str, list[str]]]:
    """Table rows of the README whose cells hold code references."""
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        spans = re.findall(r"`([^`]+)`", line)
        references = [span for span in spans if REFERENCE.match(span)]
        if references:
            rows.append((line, references))
    return rows


def _module_file(module: str) -> Path | None:
    parts = module.split(".")
    for root in PACKAGE_ROOTS:
        base = root.joinpath(*parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def _defined_names(body: list[ast.stmt]) -> dict[str, ast.AST]:
    names: dict[str, ast.AST] = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                names[alias.asname or alias.name] = node
    return names


def _imported_from(module: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` in ``module`` reads."""
    if not node.level:
        return node.module or ""
    package = module.split(".")
    is_package = _module_file(module).name == "__init__.py"  # type: ignore[union-attr]
    base = package if is_package else package[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _resolve(module: str, name: str, seen: frozenset[str] = frozenset()) -> str | None:
    """None when ``module:name`` exists, else why not (following re-exports)."""
    path = _module_file(module)
    if path is None:
        return f"no module file for {module} under services/*/ or libs/*/"
    if not name:
        return None
    head, _, attribute = name.partition(".")
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    node = _defined_names(tree.body).get(head)
    if node is None:
        return f"{path.relative_to(REPO_ROOT)} defines no {head}"
    if isinstance(node, ast.ImportFrom):
        source = _imported_from(module, node)
        if f"{source}:{name}" in seen:
            return f"import cycle at {source}:{name}"
        original = next(a.name for a in node.names if (a.asname or a.name) == head)
        target = ".".join(filter(None, [original, attribute]))
        return _resolve(source, target, seen | {f"{module}:{name}"})
    if attribute:
        members = _defined_names(getattr(node, "body", []))
        if attribute not in members:
            return f"{path.relative_to(REPO_ROOT)}: {head} has no {attribute}"
    return None


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation out, spaces to -."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    anchors: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+)$", text, re.MULTILINE):
        slug, count = _slug(heading), 0
        while (slug if not count else f"{slug}-{count}") in anchors:
            count += 1
        anchors.add(slug if not count else f"{slug}-{count}")
    return anchors


def test_readme_is_at_most_150_lines() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()

    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines"


def test_readme_starts_with_make_run_then_make_test() -> None:
    first_block = FENCE.search(README.read_text(encoding="utf-8"))
    assert first_block is not None, "README.md has no code block"

    commands = [
        line.split("#", 1)[0].strip()
        for line in first_block.group(1).splitlines()
        if line.split("#", 1)[0].strip()
    ]

    assert commands[:2] == ["make run", "make test"]


def test_readme_map_covers_each_behaviour() -> None:
    rows = " ".join(line.lower() for line, _ in _map_rows())

    missing = [word for word in REQUIRED_BEHAVIOURS if word not in rows]

    assert not missing, f"no map row mentions {missing}"


def test_every_map_reference_names_existing_code() -> None:
    references = [ref for _, refs in _map_rows() for ref in refs]
    assert references, "README.md has no behaviour → module:function table"

    broken = {}
    for reference in references:
        match = REFERENCE.match(reference)
        assert match is not None
        reason = _resolve(match["module"], match["name"] or "")
        if reason:
            broken[reference] = reason

    assert not broken, "map rows pointing at nothing:\n" + "\n".join(
        f"  {ref}: {why}" for ref, why in broken.items()
    )


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.name)
def test_relative_links_point_to_existing_files(page: Path) -> None:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    broken = []

    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # http:, https:, mailto:
        path_part, _, anchor = target.partition("#")
        linked = (page.parent / path_part).resolve() if path_part else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target}: no heading with that anchor")

    assert not broken, f"{page.name}: " + "; ".join(broken)
