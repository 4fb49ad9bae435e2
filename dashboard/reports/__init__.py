"""The standard client report: a model of plain values built from the dashboard's
own KPI functions (`build.build_report`), and renderers of it (`html`)."""
