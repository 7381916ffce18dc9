"""A Manager dict shared by processes; a Manager lock keeps the counting correct."""

import multiprocessing


def count_words(counts, lock, words):
    for word in words:
        with lock:
            counts[word] = counts.get(word, 0) + 1


if __name__ == "__main__":
    text = ["the", "cat", "and", "the", "dog", "and", "the", "bird"]
    with multiprocessing.Manager() as manager:
        counts = manager.dict()
        lock = manager.Lock()
        workers = [multiprocessing.Process(target=count_words, args=(counts, lock, text)) for _ in range(3)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(dict(sorted(counts.items())))
