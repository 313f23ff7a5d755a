"""Data, analysis, scenario model and chart helpers for the book
"The US-China frontier-AI lead: two scenarios for 2028, tested".

Every chapter imports from here; nothing in a notebook should hold logic that
a test cannot reach.
"""
