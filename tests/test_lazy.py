"""Tests of workbench.lazy: the analysis packages' re-exports load on first use, and only then."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench import lazy

PACKAGES = ("fiscal", "funding", "turnover", "costeff")
HEAVY = ("statsmodels", "sklearn", "scipy.optimize")


@pytest.mark.parametrize("package", PACKAGES)
def test_the_pre_kernel_check_imports_no_model_library(package):
    code = (
        f"import sys, workbench.{package}.schema\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_names_load_on_first_use_and_are_the_real_ones():
    import workbench.fiscal as fiscal
    from workbench.fiscal import growth

    assert "cagr" in dir(fiscal)
    assert fiscal.cagr is growth.cagr
    assert fiscal.multiple_to_annual_growth(2.5, 5) == pytest.approx(3.5**0.2 - 1)  # "by" 2.5
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        fiscal.nothing  # noqa: B018


def test_exports_caches_what_it_loaded():
    namespace: dict = {}
    getattr_, dir_ = lazy.exports("pkg", {"sqrt": "math"}, namespace)
    assert dir_() == ["sqrt"]
    import math

    assert getattr_("sqrt") is math.sqrt and namespace["sqrt"] is math.sqrt
    with pytest.raises(AttributeError, match="module 'pkg' has no attribute 'cos'"):
        getattr_("cos")
