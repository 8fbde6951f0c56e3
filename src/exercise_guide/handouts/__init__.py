"""Clinician handouts: routine sheets, personalised prescriptions and the paper adherence log."""

from __future__ import annotations
