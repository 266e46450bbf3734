"""The pure modules import nothing of Django's ORM (checked in a fresh interpreter)."""

import importlib.util
import pkgutil
import subprocess
import sys

PURE = [
    "incubator.lib",
    "loans.engine",
    "cooperatives.result_split",
    "cooperatives.activity_days",
    "cooperatives.costing",
    "loans.ledger",
    "loans.workflows",
    "incubator.plan_financials",
]


def pure_modules() -> list[str]:
    found = []
    for name in PURE:
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        found.append(name)
        if spec.submodule_search_locations:
            found += [
                f"{name}.{info.name}"
                for info in pkgutil.iter_modules(spec.submodule_search_locations)
            ]
    return found


def test_pure_modules_load_no_django_db():
    modules = pure_modules()
    assert "incubator.lib.money" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'django.db' or m.startswith('django.db.'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, (
        f"django.db loaded by pure modules: {result.stdout}{result.stderr}"
    )
