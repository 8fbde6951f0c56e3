"""Reproducible performance runs; each prints `name: value` lines."""
