"""Every component id of the pages, as constants; pattern-matching ids by helpers."""

from __future__ import annotations

URL = "url"  # the frame's location: which page, language and theme
PAGE_URL = "page-url"  # the same location, inside the page: its filters
DASHBOARD_URL = "dashboard-url"  # the same again, only on the dashboard page
CLIENT_URL = "client-url"  # the client page's own Location (its period picker's)
RETRY = "retry-interval"  # the frame retries a page the database could not fill
PAGE = "page"
VIEW = "view"  # store: the language and theme the page was last rendered in
REFRESH = "refresh-interval"
DB_BANNER = "db-banner"
DATA_AS_OF = "data-as-of"

LANGUAGE_PICKER = "language-picker"
THEME_SWITCH = "theme-switch"

CLIENT_PICKER = "filter-clients"
PERIOD_PICKER = "filter-period"
SEGMENT_PICKER = "filter-segment"
REGION_PICKER = "filter-region"
OWNER_PICKER = "filter-owner"
RESET = "filter-reset"
CHIPS = "filter-chips"
NOTICE = "notice"
PERIOD_CAPTION = "period-caption"
QUALITY_BADGE = "quality-badge"  # "Data issues (n)" of the headline's view
QUALITY_BADGE_LINK = "quality-badge-link"

KPI_GRID = "kpi-grid"
CARDS_KEY = "cards-key"  # what the cards on screen were computed for
# The last click on a chip or a chart, relayed in the browser: a chip or a chart
# only drawn (a new tab, new cards) sends no request.
CHIP_CLICK = "chip-click"
# The link without its tab: what the cards and the data-issues badge depend on,
# so a tab switch does not call them.
FILTERS_SEARCH = "filters-search"
CHART_CLICK = "chart-click"
PRESENTING_NOTICE = "presenting-notice"  # another client's page while presenting
BENCHMARK = "benchmark"  # an anonymous comparison with all clients (meetings tab)
BENCHMARK_CARD = "benchmark-card"
TABS = "tabs"
TAB_CONTENT = "tab-content"

CHIP_TYPE = "filter-chip"
CHART_TYPE = "chart"
CHART_MESSAGE_TYPE = "chart-message"


def kpi_card(key: str) -> str:
    """The element id of a headline card: `kpi-<METRICS key>`."""
    return f"kpi-{key}"


def chip(kind: str, value: str) -> dict:
    """A removable filter chip (kind: client, segment, region, owner, period)."""
    return {"type": CHIP_TYPE, "kind": kind, "value": value}


def chart(name: str) -> dict:
    """A chart; clicks on any chart can narrow the page (cross-filtering)."""
    return {"type": CHART_TYPE, "name": name}


def chart_message(graph_id: object) -> dict:
    """The line of text shown instead of a chart with nothing to draw."""
    name = graph_id.get("name") if isinstance(graph_id, dict) else graph_id
    return {"type": CHART_MESSAGE_TYPE, "name": str(name)}


THEME_APPLIED = "theme-applied"
PRODUCT_TITLE = "product-title"  # store: the browser tab title outside client pages

# The client page (/clients/<external_id>).
CLIENT_BODY = "client-body"  # everything the refresh timer redraws
CLIENT_TITLE = "client-title"  # store: the browser tab's title for the client
CLIENT_TITLE_APPLIED = "client-title-applied"
CLIENT_KPI_GRID = "client-kpi-grid"
CLIENT_TIMELINE = "client-meeting-timeline"
CLIENT_ACTION_ITEMS = "client-action-items"
CLIENT_PROJECTS = "client-projects"
CLIENT_BURN_UP = "client-burn-up"  # prefix: one chart per project, `-<n>`
CLIENT_REVENUE = "client-revenue-trend"
CLIENT_SURVEYS = "client-survey-trend"
HEADER_REPORT = "header-report-link"
HEADER_SCHEDULES = "header-schedules-link"
HEADER_UPLOAD = "header-upload-link"
CLIENT_REPORT = "client-report-link"
CLIENT_REPORT_HISTORY = "client-report-history"
# The client page's period picker; it and CLIENT_URL exist on that page only, so
# their callback never runs elsewhere.
CLIENT_PERIOD_PICKER = "client-period"
CLIENT_BACK = "client-back"  # the link back to the dashboard filtered to the client

# Sortable tables (at-risk list, overdue list): one set of parts per table name.
TABLE_SORT = "table-sort"  # a column title; clicking it sorts the table
TABLE_BODY = "table-body"  # the rows of the page on screen
TABLE_PAGES = "table-pages"  # the page picker
TABLE_ROWS = "table-rows"  # store: every row of the table, as plain values
TABLE_ORDER = "table-order"  # store: the column sorted by, and which way


def table_part(part: str, table: object, **keys: object) -> dict:
    """One part of a sortable table (TABLE_SORT also names its `column`); `table`
    and `column` may be wildcards (MATCH, ALL) in callbacks."""
    return {"type": part, "table": table, **keys}


# The client page's agreed targets panel (editors only; dashboard/reviews/targets).
TARGETS_PANEL = "targets-panel"
TARGETS_LIST = "targets-list"  # the targets of the period that apply to the client
TARGET_KPI = "target-kpi"
TARGET_PERIOD = "target-period"
TARGET_SCOPE = "target-scope"  # client, segment or portfolio
TARGET_VALUE = "target-value"
TARGET_VERSION = "target-version"  # store: the version read, None for a new one
TARGET_SAVE = "target-save"
TARGET_DELETE = "target-delete"
TARGET_MESSAGE = "target-message"
TARGET_HINT = "target-hint"  # the unit of the chosen KPI and what is stored now
