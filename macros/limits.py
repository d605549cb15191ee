"""How much one page may hold, so pages stay under about a megabyte at 100,000 events.

Lists beyond these sizes are cut to the newest items, and the page says how many it leaves out
and where the rest are (the timeline pages and the downloads hold everything).
"""

TIMELINE_PAGE = 150  # events per timeline page (one page in all up to this many)
EVENT_LIST = 100  # newest events listed on an actor, place or source page
COMPARISON_ROWS = 100  # claims in a source page's comparison table
DISPUTES_PAGE = 100  # disputed events per disputes page
WHATS_NEW_ITEMS = 100  # sources or events listed per update on What's new
PRINT_EVENTS = 200  # newest events in the print page's timeline (the PDF)
PRINT_DISPUTES = 50  # newest disputes in the print page
PRINT_SOURCES = 60  # sources summarised in the print page (those reporting most of its events)
MAP_POINTS = 400  # place-and-type points on a map (the busiest)
MAP_LABELS = 40  # named spots on a map (the busiest; the others are named on hover and in its table)
CHART_TABLE_ROWS = 400  # rows of a chart's data table (the rest are in the downloads)
COVERAGE_SOURCES = 40  # rows of the who-reports-what chart (the sources reporting most)
