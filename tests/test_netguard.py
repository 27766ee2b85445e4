"""The test network guard itself: loopback is fine, anything else fails before a packet leaves."""

import socket
import subprocess
import sys

import pytest


def test_loopback_is_allowed():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"x", ("127.0.0.1", 9))


@pytest.mark.parametrize("address", [("192.0.2.1", 9), ("8.8.8.8", 53), ("192.168.77.1", 80)])
def test_other_addresses_are_refused_in_the_host_namespace(address):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s, pytest.raises(PermissionError):
        s.sendto(b"x", address)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s, pytest.raises(PermissionError):
        s.connect(address)


def test_child_python_processes_are_guarded_too():
    code = "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect(('192.0.2.1', 9))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "test network guard" in result.stderr


@pytest.mark.lab
def test_lab_ranges_are_allowed_only_inside_a_test_namespace(lab):
    code = ("import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
            "s.connect(('192.168.77.1', 9)); s.connect(('192.0.2.1', 9))")
    result = lab.run(lab.lan, [sys.executable, "-c", code], check=False)
    assert "test network guard: connect to ('192.0.2.1', 9)" in result.stderr
