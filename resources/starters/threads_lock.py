"""Threads share one counter; a Lock makes each increment whole."""

import threading

counter = 0
lock = threading.Lock()


def add(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1


if __name__ == "__main__":
    threads = [threading.Thread(target=add, args=(10_000,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("counter:", counter)
