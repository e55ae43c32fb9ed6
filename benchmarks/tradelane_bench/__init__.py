"""tradelane's benchmark harness: commands that measure the product and write CSV rows.

Not part of the product: it imports ``tradelane``, never the reverse (a test walks the
product's imports). Run it as ``tradelane-bench …`` or ``tradelane bench …`` from a source
checkout installed with ``pip install -e .``; every command writes the protocol's common
columns through :mod:`tradelane_bench.protocol` (see docs/benchmarks.md).
"""
