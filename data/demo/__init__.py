"""Deterministic demo data that looks like three years of a real client base."""

from data.demo.generate import DEMO_SIZES, DemoDataError, DemoSize, generate_demo_data

__all__ = ["DEMO_SIZES", "DemoDataError", "DemoSize", "generate_demo_data"]
