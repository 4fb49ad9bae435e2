"""The kernel: settings, periods, filters, scope, i18n, URL state, KPI catalogue.

Every layer may import it; it imports nothing else of the project.
"""
