"""SharedMemory: a block of bytes that several processes read and write by name."""

from multiprocessing import Process, shared_memory


def double_all(name, size):
    block = shared_memory.SharedMemory(name=name)
    for i in range(size):
        block.buf[i] *= 2
    block.close()


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=5)
    block.buf[:5] = bytes([1, 2, 3, 4, 5])
    worker = Process(target=double_all, args=(block.name, 5))
    worker.start()
    worker.join()
    print("after the child:", list(block.buf[:5]))
    block.close()
    block.unlink()
