"""Value and Array: numbers in shared memory that child processes change in place."""

import multiprocessing


def fill(total, squares, index):
    squares[index] = index * index
    with total.get_lock():
        total.value += squares[index]


if __name__ == "__main__":
    total = multiprocessing.Value("i", 0)
    squares = multiprocessing.Array("i", 5)
    workers = [multiprocessing.Process(target=fill, args=(total, squares, i)) for i in range(5)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("squares:", list(squares))
    print("total:", total.value)
