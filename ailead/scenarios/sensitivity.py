"""Which inputs of the compute model are policy levers."""

from __future__ import annotations

from .model import LEGAL, OFFSHORE, RETAINED, SMUGGLED

#: The inputs the essay's measures act on (the rest are things nobody controls).
POLICY_LEVERS = (LEGAL, SMUGGLED, OFFSHORE, RETAINED)
