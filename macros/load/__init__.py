"""Reading the data in: load and check once (file:line problems), the gazetteer and the editors'
schemas."""
