"""The worked examples in the pure modules' docstrings are true."""

import doctest
import importlib

import pytest

from tests.unit.test_purity import pure_modules


@pytest.mark.parametrize("name", pure_modules())
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
