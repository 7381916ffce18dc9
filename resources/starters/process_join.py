"""Start two processes, then wait for both with join()."""

import multiprocessing
import os
import time


def greet(name, seconds):
    print(f"{name}: hello from process {os.getpid()}")
    time.sleep(seconds)
    print(f"{name}: done after {seconds} s")


if __name__ == "__main__":
    first = multiprocessing.Process(target=greet, args=("first", 0.3))
    second = multiprocessing.Process(target=greet, args=("second", 0.2))
    first.start()
    second.start()
    print("main: both started, now waiting")
    first.join()
    second.join()
    print("main: both finished, exit codes", first.exitcode, second.exitcode)
