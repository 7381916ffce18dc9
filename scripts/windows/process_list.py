"""The Windows process list of the prefix, as Task Manager reads it (a Toolhelp32 snapshot).

Wine 8's tasklist.exe is a stub that prints nothing, and psutil's name()
fails under Wine for some processes, so a few lines of ctypes list them.
"""

from __future__ import annotations

from stage import StageError
from wine import Wine

# Windows-side Python: ``processes()`` lists (pid, parent pid, image name) of every process; the kill
# check's watcher (kill_check.py) starts with these lines too.
SNAPSHOT = r"""
import ctypes
from ctypes import wintypes as w


class PROCESSENTRY32W(ctypes.Structure):
    _fields_ = [("dwSize", w.DWORD), ("cntUsage", w.DWORD), ("th32ProcessID", w.DWORD),
                ("th32DefaultHeapID", ctypes.c_void_p), ("th32ModuleID", w.DWORD), ("cntThreads", w.DWORD),
                ("th32ParentProcessID", w.DWORD), ("pcPriClassBase", ctypes.c_long), ("dwFlags", w.DWORD),
                ("szExeFile", ctypes.c_wchar * 260)]


kernel32 = ctypes.windll.kernel32
kernel32.CreateToolhelp32Snapshot.restype = ctypes.c_void_p


def processes():
    snapshot = kernel32.CreateToolhelp32Snapshot(2, 0)  # TH32CS_SNAPPROCESS
    entry = PROCESSENTRY32W()
    entry.dwSize = ctypes.sizeof(entry)
    listed = []
    found = kernel32.Process32FirstW(ctypes.c_void_p(snapshot), ctypes.byref(entry))
    while found:
        listed.append((entry.th32ProcessID, entry.th32ParentProcessID, entry.szExeFile))
        found = kernel32.Process32NextW(ctypes.c_void_p(snapshot), ctypes.byref(entry))
    kernel32.CloseHandle(ctypes.c_void_p(snapshot))
    return listed
"""

LIST_PROCESSES = (
    SNAPSHOT
    + r"""

for pid, parent, name in processes():
    print("PROCESS", pid, parent, name, flush=True)
"""
)


def tasklist(wine: Wine, python: str, parents: dict[int, int] | None = None) -> dict[int, str]:
    """The Windows process list of the prefix (pid -> image name), as Task Manager reads it (Toolhelp32).

    ``parents``, if given, is filled with pid -> parent pid.

    Wine 8's tasklist.exe is a stub that prints nothing, and psutil's name()
    fails under Wine for some processes, so a few lines of ctypes list them.
    """
    script = wine.chroot.path("/opt/cl/list_processes.py")
    script.write_text(LIST_PROCESSES)
    listed = wine.run([python, wine.windows_name(script)], timeout=120, echo=False)
    processes = {}
    for line in listed.output.splitlines():
        if line.startswith("PROCESS "):
            _tag, pid, parent, name = line.split(" ", 3)
            processes[int(pid)] = name.strip()
            if parents is not None:
                parents[int(pid)] = int(parent)
    if not processes:
        raise StageError(f"could not list the Windows processes:\n{listed.output[:800]}")
    return processes


def app_processes(wine: Wine, python: str, names: tuple[str, ...]) -> dict[int, str]:
    lowered = tuple(name.lower() for name in names)
    return {pid: name for pid, name in tasklist(wine, python).items() if name.lower() in lowered}
