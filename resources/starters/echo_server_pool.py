"""A loopback echo server: a thread accepts connections, a pool of processes sends requests."""

import multiprocessing
import socket
import threading


def serve(server, clients):
    for _ in range(clients):
        connection, _ = server.accept()
        with connection:
            data = connection.recv(1024)
            connection.sendall(data.upper())


def ask(port_and_word):
    port, word = port_and_word
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(word.encode())
        return client.recv(1024).decode()


if __name__ == "__main__":
    words = ["alpha", "beta", "gamma", "delta"]
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        acceptor = threading.Thread(target=serve, args=(server, len(words)))
        acceptor.start()
        with multiprocessing.Pool(2) as pool:
            print(pool.map(ask, [(port, w) for w in words]))
        acceptor.join()
