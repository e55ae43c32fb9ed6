"""``python -m tradelane``."""

import sys

from tradelane.cli import main

sys.exit(main())
