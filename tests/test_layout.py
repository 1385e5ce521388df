"""The package's shape: no import cycle, and no module reaching into another public module's private names.

Read from the sources with ``ast``, so every import counts, at the top of a
module or inside a function (a lazy import still ties two modules together);
only imports under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import audit_logging

PACKAGE = Path(audit_logging.__file__).parent
ROOT = "audit_logging"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imports_of(module: str) -> list[tuple[str, str | None]]:
    """(imported module, imported name or None) for every runtime import of one of the package's modules."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    out: list[tuple[str, str | None]] = []
    for node in _runtime_imports(tree):
        if isinstance(node, ast.Import):
            out.extend((alias.name, None) for alias in node.names)
            continue
        source = _resolve(module, node)
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            out.append((submodule, None) if submodule in MODULES else (source, alias.name))
    return [(target, name) for target, name in out if target == ROOT or target.startswith(f"{ROOT}.")]


def _is_private(module: str) -> bool:
    return any(part.startswith("_") and part != "__init__" for part in module.split("."))


def _package_of(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def test_the_package_has_the_modules_this_test_reads() -> None:
    """Guard against a test that passes by reading nothing."""
    assert {"audit_logging", "audit_logging.record", "audit_logging.profiles.ecs"} <= set(MODULES)
    assert ("audit_logging._names", None) in imports_of("audit_logging.record")


def test_no_import_cycle() -> None:
    graph = {module: {target for target, _ in imports_of(module) if target in MODULES} for module in MODULES}
    cycles: list[list[str]] = []
    done: set[str] = set()

    def walk(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            walk(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        walk(module, [])
    # A package's __init__ re-exporting its own submodules is no cycle: the submodules never import it back.
    assert cycles == []


def test_no_module_imports_another_public_modules_private_names() -> None:
    """What several modules share lives in an underscore module made for it, not behind another's underscore."""
    offences = [
        f"{module} imports {name} from {target}"
        for module in MODULES
        for target, name in imports_of(module)
        if name is not None
        and name.startswith("_")
        and not name.startswith("__")
        and not _is_private(target)
        and _package_of(module) != target  # a package's own modules may share the package's private names
    ]
    assert offences == []


def test_the_core_knows_nothing_of_profiles_or_integrations() -> None:
    """The record is built without a profile: the core imports none of the renderers or adapters."""
    core = ("audit_logging.record", "audit_logging.redaction", "audit_logging.context", "audit_logging._identity")
    outside = ("audit_logging.profiles", "audit_logging.structlog", "audit_logging.stdlib", "audit_logging.otel")
    for module in core:
        assert [target for target, _ in imports_of(module) if target.startswith(outside)] == [], module
