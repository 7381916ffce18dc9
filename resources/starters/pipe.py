"""Pipe: two connected ends; what one process sends, the other receives."""

import multiprocessing


def echo(connection):
    while True:
        message = connection.recv()
        if message == "bye":
            connection.send("bye")
            break
        connection.send(message.upper())
    connection.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=echo, args=(child_end,))
    child.start()
    for word in ["hello", "pipe", "bye"]:
        parent_end.send(word)
        print("sent", word, "got", parent_end.recv())
    child.join()
