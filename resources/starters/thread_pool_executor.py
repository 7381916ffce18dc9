"""ThreadPoolExecutor: four threads fetch (pretend) pages while the others wait on IO."""

import time
from concurrent.futures import ThreadPoolExecutor


def fetch(page):
    time.sleep(0.1)  # stands for waiting on the network
    return f"page {page}: {len(str(page)) * 100} bytes"


if __name__ == "__main__":
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as executor:
        for line in executor.map(fetch, range(8)):
            print(line)
    print(f"8 pages in {time.perf_counter() - started:.2f} s with 4 threads")
