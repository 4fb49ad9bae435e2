"""Figures: small frames in, `go.Figure` out; themed, translated, never blank."""

from dashboard.figures.property_paths import install

install()  # before any figure is built (dashboard/figures/property_paths.py)
