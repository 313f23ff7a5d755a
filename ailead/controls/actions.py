"""Counting export-control actions: who acted, in which direction, under
which administration."""

from __future__ import annotations

import pandas as pd

#: Terms of office (noon, 20 January, US Constitution, 20th Amendment); the
#: book only needs the boundary between the two administrations in its data.
ADMINISTRATION_TERMS = {
    "Biden": (pd.Timestamp("2021-01-20"), pd.Timestamp("2025-01-20")),
    "Trump": (pd.Timestamp("2025-01-20"), None),
}

#: Who took an action, by the ``agency`` column of ``export_controls.csv``.
US_EXECUTIVE = "US executive branch"
US_CONGRESS = "US Congress"
COMPANY = "Company disclosure"
CHINA_GOVERNMENT = "Chinese government"
#: Authorities outside the US and China acting on US-controlled chips (Taiwan's
#: prosecutors charging forgery in smuggling cases).
OTHER_AUTHORITY = "Other governments"
ACTOR_OF_AGENCY = {
    "BIS": US_EXECUTIVE,
    "White House": US_EXECUTIVE,
    "DOJ": US_EXECUTIVE,
    "Congress": US_CONGRESS,
    # The GAO is a legislative-branch agency: its rulings answer to Congress.
    "GAO": US_CONGRESS,
    "Nvidia (company)": COMPANY,
    "Cyberspace Administration of China": CHINA_GOVERNMENT,
    "PRC government (reported)": CHINA_GOVERNMENT,
    "PRC customs (reported)": CHINA_GOVERNMENT,
    "Keelung District Prosecutors Office (Taiwan)": OTHER_AUTHORITY,
}
ACTORS = (US_EXECUTIVE, US_CONGRESS, COMPANY, CHINA_GOVERNMENT, OTHER_AUTHORITY)
DIRECTIONS = ("tighten", "loosen", "enforce")


def actor_group(agency: pd.Series) -> pd.Series:
    """Map the ``agency`` column to :data:`ACTORS`; unknown agencies raise."""
    unknown = sorted(set(agency.dropna()) - set(ACTOR_OF_AGENCY))
    if unknown:
        raise ValueError(f"no actor group for agency: {', '.join(unknown)}; add it to ACTOR_OF_AGENCY")
    return agency.map(ACTOR_OF_AGENCY).rename("actor")


def action_counts(events: pd.DataFrame, actors=(US_EXECUTIVE,)) -> pd.DataFrame:
    """Tightening, loosening and enforcement actions per administration and year.

    Only events whose acting body falls in ``actors`` are counted (default:
    the US executive branch, i.e. BIS, the White House and DOJ; bills in
    Congress, company disclosures and Chinese measures are left out unless
    asked for). One row per administration and calendar year with at least
    one counted event, in time order; columns ``administration``, ``year``,
    ``tighten``, ``loosen``, ``enforce``, ``total``.
    """
    chosen = events[actor_group(events["agency"]).isin(actors)]
    keyed = chosen.assign(year=chosen["date"].dt.year)
    table = (
        keyed.groupby(["administration", "year", "direction"])
        .size()
        .unstack("direction")
        .reindex(columns=list(DIRECTIONS))
        .fillna(0)
        .astype(int)
    )
    table["total"] = table.sum(axis=1)
    first = keyed.groupby(["administration", "year"])["date"].min()
    table = table.loc[first.sort_values().index]
    table.columns.name = None
    return table.reset_index()


def executive_totals(events: pd.DataFrame, actors=(US_EXECUTIVE,)) -> pd.DataFrame:
    """:func:`action_counts` summed over years: one row per administration."""
    counts = action_counts(events, actors)
    return counts.groupby("administration", sort=False)[[*DIRECTIONS, "total"]].sum()


def chip_events(events: pd.DataFrame, chip: str, *, after=None, direction: str | None = None) -> pd.DataFrame:
    """Events whose ``chips`` list names ``chip``, dated strictly after
    ``after`` (if given) and in ``direction`` (if given), in date order."""
    named = events["chips"].fillna("").str.split(";").map(lambda chips: chip in chips)
    chosen = events[named.astype(bool)]
    if after is not None:
        chosen = chosen[chosen["date"] > pd.Timestamp(after)]
    if direction is not None:
        chosen = chosen[chosen["direction"] == direction]
    return chosen.sort_values(["date", "id"]).reset_index(drop=True)
