"""Only the optional C parts of the reflector (see sipalg_wizard/reflector/fastpath.py); everything else
is in pyproject.toml. Linux only: the reflector is a Linux server, and a missing compiler or header
just leaves the pure-Python answer path (optional=True), which the reflector reports at start."""

import sys

from setuptools import Extension, setup

FAST_REFLECT = Extension(
    "sipalg_wizard.reflector._fastreflect",
    ["sipalg_wizard/reflector/_fastreflect.c"],
    depends=["sipalg_wizard/reflector/fastreflect.h"],
    libraries=["z", "crypto"],
    extra_compile_args=["-O2", "-Wall"],
    optional=True,
)

# recvmmsg/sendmmsg and the compiled serving loop for the reflector's UDP ports (udp_pump.py; the
# server falls back to asyncio's endpoint without it).
UDP_BATCH = Extension(
    "sipalg_wizard.reflector._udpbatch",
    ["sipalg_wizard/reflector/_udpbatch.c"],
    depends=["sipalg_wizard/reflector/fastreflect.h"],  # calls _fastreflect's builder via a capsule
    extra_compile_args=["-O2", "-Wall"],
    optional=True,
)

setup(ext_modules=[FAST_REFLECT, UDP_BATCH] if sys.platform.startswith("linux") else [])
