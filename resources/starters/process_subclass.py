"""A Process subclass: the work goes in run(); start() runs it in a new process."""

import multiprocessing
import time


class Countdown(multiprocessing.Process):
    def __init__(self, start_at):
        super().__init__()
        self.start_at = start_at

    def run(self):
        for n in range(self.start_at, 0, -1):
            print(f"{self.name}: {n}")
            time.sleep(0.05)
        print(f"{self.name}: lift-off")


if __name__ == "__main__":
    rockets = [Countdown(3), Countdown(5)]
    for rocket in rockets:
        rocket.start()
    for rocket in rockets:
        rocket.join()
    print("main: all rockets launched")
