"""Vivier: talent-pool re-engagement for recruiters."""
