"""``/api/vehicles``: the used-car export chain (register, record steps, verify)."""
