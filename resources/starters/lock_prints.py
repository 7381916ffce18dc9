"""A Lock around print(): each process prints its three lines together, never interleaved."""

import multiprocessing
import time


def report(lock, name):
    with lock:
        for part in ("start", "middle", "end"):
            print(f"{name}: {part}")
            time.sleep(0.02)


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    workers = [multiprocessing.Process(target=report, args=(lock, f"worker-{i}")) for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
