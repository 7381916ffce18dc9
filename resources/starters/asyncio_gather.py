"""asyncio.gather: three coroutines wait at the same time in one thread."""

import asyncio
import time


async def download(name, seconds):
    print(f"{name}: start")
    await asyncio.sleep(seconds)
    print(f"{name}: done")
    return seconds


async def main():
    results = await asyncio.gather(download("a", 0.3), download("b", 0.2), download("c", 0.1))
    print("results:", results)


if __name__ == "__main__":
    started = time.perf_counter()
    asyncio.run(main())
    print(f"took {time.perf_counter() - started:.1f} s, not 0.6 s")
