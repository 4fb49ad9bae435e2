"""Client Review Dashboard: KPIs for client review meetings.

The app is built by dashboard.factory.create_app; the layers are described in
README.md ("Layout").
"""
