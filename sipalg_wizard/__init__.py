"""SIP ALG Wizard: finds out whether a router's SIP ALG breaks VoIP calls, and helps turn it off.

The package is split by concern. Everything except ``sipalg_wizard.ui`` is plain Python without Qt,
so the diagnosis can run from the command line, in tests and on servers.
"""

__version__ = "0.1.0"
