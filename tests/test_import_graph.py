"""The import graph of the project's packages: no cycles, nothing imports upwards.

Built with `ast` from the source files, so it sees every import, also those inside
functions. The layers and what each may import are the table below (README.md,
"Layout").
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("dashboard", "data", "layouts", "callbacks")

# Layer of a module: the first prefix that matches, most specific first.
LAYER_OF_PREFIX = (
    ("dashboard.kernel", "kernel"),
    ("dashboard.metrics", "metrics"),
    ("dashboard.figures", "figures"),
    ("dashboard.kpis", "services"),
    ("dashboard.auth", "services"),
    ("dashboard.reports", "services"),
    ("dashboard.delivery", "services"),
    ("dashboard.services", "services"),
    ("dashboard.reviews", "services"),
    ("dashboard.quality.pages", "top"),  # reads the dashboard's link like a page
    ("dashboard.quality", "services"),
    ("data", "data"),
    ("layouts", "layouts"),
    ("callbacks", "callbacks"),
    ("dashboard", "top"),  # the factory, the command line and its commands
)
# Which layers each layer may import (its own included): down, never up.
ALLOWED = {
    "kernel": {"kernel"},
    "data": {"kernel", "data"},
    "metrics": {"kernel", "metrics"},
    "figures": {"kernel", "metrics", "figures"},
    "services": {"kernel", "data", "metrics", "figures", "services"},
    "layouts": {"kernel", "figures", "layouts"},
    "callbacks": {
        "kernel",
        "data",
        "metrics",
        "figures",
        "services",
        "layouts",
        "callbacks",
    },
    "top": {
        "kernel",
        "data",
        "metrics",
        "figures",
        "services",
        "layouts",
        "callbacks",
        "top",
    },
}
# Third-party packages some layers must never import (STYLE.md).
FORBIDDEN_LIBRARIES = {
    # settings checks DATABASE_URL with sqlalchemy's URL parser: allowed.
    "kernel": {"dash", "dash_bootstrap_components", "flask", "plotly"},
    "data": {"dash", "dash_bootstrap_components", "plotly"},
    "metrics": {"dash", "dash_bootstrap_components", "flask", "sqlalchemy", "plotly"},
    "figures": {"dash", "dash_bootstrap_components", "flask", "sqlalchemy"},
    "layouts": {"sqlalchemy", "flask"},
}


def layer(module: str) -> str:
    """The layer a module belongs to."""
    for prefix, name in LAYER_OF_PREFIX:
        if module == prefix or module.startswith(prefix + "."):
            return name
    raise AssertionError(f"{module} is in no layer")


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Module name → source file, for every module of the project's packages."""
    modules = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_names(
    module: str, path: Path, modules: Collection[str] = ()
) -> list[tuple[str, int]]:
    """Every absolute name a module imports (relative imports resolved), with
    its line. `from x import y` gives `x.y` when that is one of `modules`,
    else `x` (and with no `modules`, both)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                if path.name != "__init__.py":
                    package.pop()
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:
                    names.append((submodule, node.lineno))
                else:
                    names += [(submodule, node.lineno), (base, node.lineno)]
    return names


def import_graph(root: Path = ROOT) -> dict[str, dict[str, int]]:
    """Module → {project module it imports: line}."""
    modules = project_modules(root)
    graph: dict[str, dict[str, int]] = {}
    for module, path in modules.items():
        edges: dict[str, int] = {}
        for name, line in imported_names(module, path, modules):
            if name in modules and name != module:
                edges.setdefault(name, line)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def upward_imports(graph: dict[str, dict[str, int]]) -> list[str]:
    """Each import that goes from a layer to one it may not import."""
    wrong = []
    for module, edges in sorted(graph.items()):
        for target, line in sorted(edges.items()):
            if layer(target) not in ALLOWED[layer(module)]:
                wrong.append(
                    f"{module}:{line} ({layer(module)}) imports {target}"
                    f" ({layer(target)})"
                )
    return wrong


def test_the_project_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_no_module_imports_a_layer_above_its_own():
    assert upward_imports(import_graph()) == []


def test_layers_do_not_import_the_libraries_of_the_layers_above():
    wrong = []
    for module, path in sorted(project_modules().items()):
        forbidden = FORBIDDEN_LIBRARIES.get(layer(module), set())
        for name, line in imported_names(module, path):
            if name.split(".")[0] in forbidden:
                wrong.append(f"{module}:{line} imports {name}")
    assert wrong == []


def test_every_module_is_in_a_layer_with_a_row_in_the_table():
    assert {layer(module) for module in project_modules()} <= set(ALLOWED)


def imports_in_functions(path: Path) -> list[ast.Import | ast.ImportFrom]:
    """The import statements inside a function of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]


def says_why(lines: list[str], node: ast.stmt) -> bool:
    """A comment on the import, or above it and the imports just before it, says
    it keeps a start fast."""
    first = node.lineno - 1
    while first > 0 and lines[first - 1].strip().startswith(("#", "from ", "import ")):
        first -= 1
    comments = [
        line.split("#", 1)[1] for line in lines[first : node.end_lineno] if "#" in line
    ]
    return any("fast" in comment for comment in comments)


def test_imports_inside_functions_only_keep_a_start_fast_and_say_so():
    modules = project_modules()
    unexplained = []
    for module, path in sorted(modules.items()):
        lines = path.read_text(encoding="utf-8").splitlines()
        names = imported_names(module, path, modules)
        for node in imports_in_functions(path):
            ours = [n for n, at in names if at == node.lineno and n in modules]
            if ours and not says_why(lines, node):
                unexplained.append(f"{module}:{node.lineno}")
    assert unexplained == []


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A kernel module importing a callbacks module that imports it back."""
    (tmp_path / "dashboard" / "kernel").mkdir(parents=True)
    (tmp_path / "callbacks").mkdir()
    for package in ("dashboard", "dashboard/kernel", "callbacks"):
        (tmp_path / package / "__init__.py").write_text("")
    for package in ("data", "layouts"):
        (tmp_path / package).mkdir()
    (tmp_path / "dashboard" / "kernel" / "periods.py").write_text(
        "def f():\n    from callbacks import tabs\n"
    )
    (tmp_path / "callbacks" / "tabs.py").write_text(
        "from ..dashboard.kernel.periods import f\n"
        "from dashboard.kernel import periods\n"
    )
    return tmp_path


def test_a_cycle_hidden_in_a_function_is_found(tiny_project: Path):
    graph = import_graph(tiny_project)
    assert cycles(graph) == [["callbacks.tabs", "dashboard.kernel.periods"]]


def test_an_upward_import_is_named_with_its_line(tiny_project: Path):
    assert upward_imports(import_graph(tiny_project)) == [
        "dashboard.kernel.periods:2 (kernel) imports callbacks.tabs (callbacks)"
    ]
