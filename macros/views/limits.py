"""How much one page may hold, so pages stay under about a megabyte at 100,000 events.

Lists beyond these sizes are cut to the newest items, and the page says how many it leaves out
and where the rest are (the timeline pages and the downloads hold everything).
"""

HORIZON_MONTHS = 12  # how far ahead of the cut-off the briefing's judgments look
TIMELINE_PAGE = 150  # most events on a timeline page: one page up to this many, then a page a year (in parts)
EVENT_LIST = 100  # newest events listed on an actor, place or source page
COMPARISON_ROWS = 100  # claims in a source page's comparison table
DISPUTES_PAGE = 100  # disputed events per disputes page
WHATS_NEW_ITEMS = 100  # sources or events listed per update on What's new
PRINT_EVENTS = 200  # newest events in the PDF's timeline table (all with make pdf FULL=1)
PRINT_DISPUTES = 10  # newest disputes set out claim by claim in the PDF (all with FULL=1)
PRINT_SOURCE_EVENTS = 12  # newest printed events listed under a source in the PDF (all with FULL=1)
PRINT_SOURCES = 20  # sources summarised in the PDF (those reporting most of its events; all with FULL=1)
PRINT_ANNEX_EVENTS = 60  # up to this many events the PDF's annex quotes every claim; beyond, the printed disputes'
MAP_POINTS = 400  # place-and-type points on a map (the busiest)
MAP_LABELS = 40  # named spots on a map (the busiest; the others are named on hover and in its table)
CHART_TABLE_ROWS = 400  # rows of a chart's data table (the rest are in the downloads)
COVERAGE_SOURCES = 40  # rows of the who-reports-what chart (the sources reporting most)
COVERAGE_EVENT_COLUMNS = 60  # the who-reports-what chart shows events up to this many, then years
CHART_ACTORS = 20  # actors in the actors chart (the most involved)
FEED_ENTRIES = 100  # entries in the Atom feed (the newest)
SEARCH_TEXT_CHARS = 160  # of a search entry's text, shown under its title in the results
PRINT_TABLE_ROWS = 15  # rows of a figure's table in the PDF (the busiest; every row is in the downloads)
PRINT_PAGES = 16  # pages of the PDF for the five seed documents (issue 17's budget)
PRINT_PAGES_AT_SCALE = 59  # pages of the PDF at 1,000 events and more: under 60, FULL=1 aside
FRONT_DISPUTES = 10  # newest disputed events named on the front page (all on the Disputes pages)
FRONT_CHANGES = 12  # changes per section on the front page (the rest on the edition's page)
EDITION_CHANGES = 300  # changes per section on an edition's page (the rest in the two snapshots)
