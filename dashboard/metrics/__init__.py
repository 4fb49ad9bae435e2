"""Pure KPI functions over small aggregated frames, one module per topic."""
