"""An Event: the runners wait at the start line until the main process sets it."""

import multiprocessing
import time


def runner(start_signal, ready, name):
    ready.put(name)
    start_signal.wait()
    print(f"{name} runs")


if __name__ == "__main__":
    start_signal = multiprocessing.Event()
    ready = multiprocessing.Queue()
    runners = [multiprocessing.Process(target=runner, args=(start_signal, ready, f"runner-{i}")) for i in range(3)]
    for r in runners:
        r.start()
    for _ in runners:
        print(ready.get(), "is ready")
    time.sleep(0.2)
    print("main: go!")
    start_signal.set()
    for r in runners:
        r.join()
