"""The views: the site plan, pages, charts, map, search entries, exports and the print view; markup
in templates/."""
