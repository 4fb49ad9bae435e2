"""SQL aggregates returning small DataFrames; every query takes filters and scope."""
