"""One cost model: fuel by the cubic law, charter, port calls, canals, CO2."""
