"""``python -m tradelane_bench``."""

import sys

from tradelane_bench.cli import main

sys.exit(main())
