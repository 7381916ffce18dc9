"""A writer process puts numbers in a Queue; a reader process takes them out until it sees None."""

import multiprocessing
import time


def writer(queue):
    for n in range(10):
        queue.put(n)
        time.sleep(0.01)
    queue.put(None)  # tells the reader there is nothing more


def reader(queue):
    total = 0
    while True:
        item = queue.get()
        if item is None:
            break
        total += item
    print("reader: total", total)


if __name__ == "__main__":
    numbers = multiprocessing.Queue()
    w = multiprocessing.Process(target=writer, args=(numbers,))
    r = multiprocessing.Process(target=reader, args=(numbers,))
    w.start()
    r.start()
    w.join()
    r.join()
