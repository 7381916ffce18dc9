"""Running a student's own script under the same live views as a lesson (Qt-free).

* :mod:`~desktop.runtime.script.source`: reading and checking the file before anything starts;
* :mod:`~desktop.runtime.script.host`: the run process's side: instrument, run the file as ``__main__``;
* :mod:`~desktop.runtime.script.target`: the run target that plugs a script into :class:`~desktop.runtime.run.Run`;
* :mod:`~desktop.runtime.script.guard`: caps and the timeout, enforced while the script runs;
* :mod:`~desktop.runtime.script.summary`: what the run measured, as the CLI and the window show it;
* :mod:`~desktop.runtime.script.script_run`: all of the above for one headless run;
* :mod:`~desktop.runtime.script.starter`: the starter scripts shipped in ``resources/starters``.
* :mod:`~desktop.runtime.script.stdlib_excluded`: what the installed app leaves out of the standard library, and why.
* :mod:`~desktop.runtime.script.comparison`: two runs of a script (two versions) set side by side.

A window runs a script the way the CLI does, through its own run bridge::

    text = source.load(path)                            # ScriptProblem (with line/column) before anything starts
    target = ScriptTarget(path, text)                   # the record keeps the text (RunRecord.source)
    bridge.start(target, target.params())               # any RunTarget runs like a lesson
    guard = Guard(bridge.run, caps); guard.start()      # caps and timeout while it runs
    ...
    facts = script_run.summarize(record, path, guard.stop_reason)   # when run_finished
"""
