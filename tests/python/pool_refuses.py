"""A module own-GIL sub-interpreters refuse: it loads `_test_shared_gil_only`, a module of
CPython's `_testmultiphase` test extension that declares it supports several interpreters only
when they share the GIL (multi-phase, so it is refused before its code runs, and loads again
anywhere later)."""

import importlib.machinery
import importlib.util

_origin = importlib.util.find_spec("_testmultiphase").origin
_loader = importlib.machinery.ExtensionFileLoader("_test_shared_gil_only", _origin)
_spec = importlib.util.spec_from_loader("_test_shared_gil_only", _loader)
_module = importlib.util.module_from_spec(_spec)
_loader.exec_module(_module)


def loaded():
    return 1
