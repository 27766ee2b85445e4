"""Only the optional C part of the reflector (see sipalg_wizard/reflector/fastpath.py); everything else
is in pyproject.toml. Linux only: the reflector is a Linux server, and a missing compiler or header
just leaves the pure-Python answer path (optional=True), which the reflector reports at start."""

import sys

from setuptools import Extension, setup

FAST_REFLECT = Extension(
    "sipalg_wizard.reflector._fastreflect",
    ["sipalg_wizard/reflector/_fastreflect.c"],
    libraries=["z", "crypto"],
    extra_compile_args=["-O2", "-Wall"],
    optional=True,
)

setup(ext_modules=[FAST_REFLECT] if sys.platform.startswith("linux") else [])
