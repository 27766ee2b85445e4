"""``python -m sipalg_wizard`` behaves exactly like the ``sipalg-wizard`` command."""

import sys

from sipalg_wizard.cli import main

sys.exit(main())
