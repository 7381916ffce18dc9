"""The script playground: the student's own code, run live (see :mod:`.playground`)."""
