"""Cancelling a load or a preparation at a known moment in GUI tests."""

from __future__ import annotations


def cancel_on_first_progress(progressed, cancel) -> None:
    """Cancel from the first progress signal's own slot, before the thread's end is handled.

    Waiting for the progress and then cancelling raced with the preparation: on a quiet machine it
    ended within the same turn of the event loop, and the cancel came after the views were shown.
    """

    def once(_share: float) -> None:
        progressed.disconnect(once)
        cancel()

    progressed.connect(once)
