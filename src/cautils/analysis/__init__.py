"""Domain functions the notebooks call: each returns tidy tables ready to chart or show."""
