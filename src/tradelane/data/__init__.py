"""Reference data shipped inside the package (ports, vessel classes, canals, fuels, cases)."""

from tradelane.data.reference import ReferenceData, load_reference

__all__ = ["ReferenceData", "load_reference"]
