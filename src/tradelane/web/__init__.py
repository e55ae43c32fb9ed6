"""The planner's dashboard: static HTML, CSS and JavaScript modules served at ``/``.

No build step and no framework; every asset ships in ``static/`` so the dashboard works
offline. See docs/web.md.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
"""The folder served at ``/`` (index.html, *.js, *.css, world.json)."""
