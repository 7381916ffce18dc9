"""Pool: apply() waits for one result, apply_async() returns at once, map() splits a whole list."""

import multiprocessing
import time


def square(x):
    time.sleep(0.05)
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=3) as pool:
        print("apply:", pool.apply(square, (4,)))

        pending = [pool.apply_async(square, (x,)) for x in range(5)]
        print("apply_async returned", len(pending), "handles at once")
        print("their results:", [p.get() for p in pending])

        print("map:", pool.map(square, range(10)))
