"""LINER-LIB: exact evaluation of liner networks on the benchmark instances."""
