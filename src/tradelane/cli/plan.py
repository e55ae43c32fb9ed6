"""``tradelane plan``: the service plan per routing option."""
