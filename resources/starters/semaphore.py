"""A Semaphore lets at most two processes into the room at a time."""

import multiprocessing
import time


def visit(room, name):
    with room:
        print(f"{name} is in the room")
        time.sleep(0.2)
    print(f"{name} left")


if __name__ == "__main__":
    room = multiprocessing.Semaphore(2)
    guests = [multiprocessing.Process(target=visit, args=(room, f"guest-{i}")) for i in range(5)]
    for g in guests:
        g.start()
    for g in guests:
        g.join()
