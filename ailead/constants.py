"""Constants shared by every analysis module and chapter.

One home for the names and numbers that more than one module needs, so a
change (a country's spelling in the data, the draw count) is made once.
"""

from __future__ import annotations

import pandas as pd

#: Country names as Epoch AI's data spell them.
US = "United States of America"
CHINA = "China"
OTHER = "Other"

#: Months of 365.25 / 12 days: every lag in the book is measured in these.
DAYS_PER_MONTH = 365.25 / 12
DAYS_PER_YEAR = 365.25

#: Start of the window the book (and Epoch AI) measure over: "since 2023".
WINDOW_START = pd.Timestamp("2023-01-01")

#: The lead in months Anthropic's essay proposes to lock in (12 to 24).
CLAIM_THRESHOLDS = (12, 24)

#: Draws and seed of every simulation the book publishes.
N_DRAWS = 10_000
SEED = 0
