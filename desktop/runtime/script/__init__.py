"""Running a student's own script under the same live views as a lesson (Qt-free).

* :mod:`~desktop.runtime.script.source`: reading and checking the file before anything starts;
* :mod:`~desktop.runtime.script.host`: the run process's side: instrument, run the file as ``__main__``;
* :mod:`~desktop.runtime.script.target`: the run target that plugs a script into :class:`~desktop.runtime.run.Run`;
* :mod:`~desktop.runtime.script.guard`: caps and the timeout, enforced while the script runs;
* :mod:`~desktop.runtime.script.summary`: what the run measured, as the CLI and the window show it.
"""
