"""Only the optional C parts of the reflector (see sipalg_wizard/reflector/fastpath.py); everything else
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

# recvmmsg/sendmmsg for the reflector's UDP loop (server.py falls back to asyncio's without it).
UDP_BATCH = Extension(
    "sipalg_wizard.reflector._udpbatch",
    ["sipalg_wizard/reflector/_udpbatch.c"],
    extra_compile_args=["-O2", "-Wall"],
    optional=True,
)

setup(ext_modules=[FAST_REFLECT, UDP_BATCH] if sys.platform.startswith("linux") else [])
