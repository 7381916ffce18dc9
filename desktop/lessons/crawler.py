"""A web crawler, first one page at a time, then with a Pool downloading and parsing in parallel.

The lab serves its own small web site on 127.0.0.1 (an ephemeral port), and
every page answers only after an injected latency, like a far-away server.
A crawler starts at the home page, downloads it, parses out the links, and
visits every page it has not seen yet.

Serially, the crawl spends nearly all its time waiting for answers. With a
Pool, a whole level of the site (every link found so far) is fetched at once
by several worker processes, so their waits overlap.
"""

from __future__ import annotations

import html.parser
import multiprocessing
import os
import time
import urllib.parse
import urllib.request

from desktop.lessons import loopback
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, load_note, ratio
from desktop.runtime.probe import Probe, State, current_probe

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

# No proxy: a proxy configured for the internet must not see (or break) requests to 127.0.0.1.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class PageParser(html.parser.HTMLParser):
    """Collects a page's title, its links and how many words it has."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.links: list[str] = []
        self.words = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "a":
            self.links.extend(value for name, value in attrs if name == "href" and value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.words += len(data.split())


def fetch_and_parse(url: str) -> dict:
    """Download one page and parse it. A pool task (and the serial crawl's step)."""
    probe = current_probe()
    probe.state(
        State.WAITING_IO, f"downloading {urllib.parse.urlsplit(url).path}", zh=f"下载 {urllib.parse.urlsplit(url).path}"
    )
    with _opener.open(url, timeout=loopback.SOCKET_TIMEOUT) as response:
        body = response.read().decode("utf-8")
    probe.state(State.RUNNING, "parsing", zh="解析中")
    parser = PageParser()
    parser.feed(body)
    probe.count("pages fetched")
    links = sorted({urllib.parse.urljoin(url, link) for link in parser.links})
    probe.state(State.WAITING_GET, "waiting for the next page", zh="等待下一个页面")
    return {"url": url, "title": parser.title, "links": links, "words": parser.words, "pid": os.getpid()}


def crawl(start_url: str, fetch_level) -> tuple[dict[str, dict], int]:
    """Breadth-first crawl: ``fetch_level(urls)`` fetches one level; return (pages by url, levels)."""
    pages: dict[str, dict] = {}
    frontier = [start_url]
    levels = 0
    while frontier:
        levels += 1
        for page in fetch_level(frontier):
            pages[page["url"]] = page
        # Only links never seen before: the site links back home, so this is what ends the crawl.
        found = {link for page in pages.values() for link in page["links"]}
        frontier = sorted(found - pages.keys())
    return pages, levels


def ready(_task: int) -> int:
    return os.getpid()


def main(params: Params, probe: Probe) -> dict:
    with loopback.local_site(params.pages, params.fanout, params.latency) as site:
        port = site.server_port
        probe.log(
            f"the lab's web site listens on 127.0.0.1:{port} ({params.pages} pages)",
            zh=f"实验室的网站在 127.0.0.1:{port} 上监听（{params.pages} 个页面）",
        )
        home = loopback.page_url(port, 0)

        probe.phase("serial", zh="串行")
        started = time.perf_counter()
        serial_pages, levels = crawl(home, lambda urls: [fetch_and_parse(url) for url in urls])
        serial_wall = time.perf_counter() - started
        probe.log(
            f"serial crawl: {len(serial_pages)} pages in {serial_wall:.2f} s",
            zh=f"串行抓取：{len(serial_pages)} 个页面，用时 {serial_wall:.2f} 秒",
        )

        probe.phase("pool", zh="进程池")
        started = time.perf_counter()
        with ctx.Pool(params.workers, initializer=probe.attach) as pool:
            # One trivial task per worker, so starting the processes is not counted as crawling.
            pool.map(ready, range(params.workers), chunksize=1)
            pool_start = time.perf_counter() - started
            started = time.perf_counter()
            pool_pages, _ = crawl(home, lambda urls: pool.map(fetch_and_parse, urls, chunksize=1))
            pool_wall = time.perf_counter() - started
            pool.close()
            pool.join()
        probe.log(
            f"pool crawl: {len(pool_pages)} pages in {pool_wall:.2f} s (+{pool_start:.2f} s to start)",
            zh=f"进程池抓取：{len(pool_pages)} 个页面，用时 {pool_wall:.2f} 秒（另加 {pool_start:.2f} 秒启动）",
        )
        requests_served = site.served
    # The with block has closed the site: nothing may listen on its port any more.
    left_listening = int(port in loopback.listening_ports_of(os.getpid()) or loopback.accepts_connections(port))
    probe.state(State.FINISHED)
    return {
        "port": port,
        "serial_urls": sorted(serial_pages),
        "pool_urls": sorted(pool_pages),
        "levels": levels,
        "serial_wall": serial_wall,
        "pool_wall": pool_wall,
        "pool_start": pool_start,
        "pool_pids": sorted({page["pid"] for page in pool_pages.values()}),
        "requests_served": requests_served,
        "left_listening": left_listening,
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    serial_urls, pool_urls = set(result["serial_urls"]), set(result["pool_urls"])
    same = serial_urls == pool_urls
    serial_wall, pool_wall = result["serial_wall"], result["pool_wall"]
    speedup = ratio(serial_wall, pool_wall)
    workers_used = len(result["pool_pids"])
    if speedup >= 1:
        speed_en, speed_zh = f"a {speedup:.1f}× speedup", f"加速 {speedup:.1f} 倍"
    else:
        speed_en = f"{ratio(pool_wall, serial_wall):.1f}× slower than serial, not faster"
        speed_zh = f"反而比串行慢 {ratio(pool_wall, serial_wall):.1f} 倍"
    if same:
        en = f"Both crawls found the same {len(serial_urls)} pages in {result['levels']} levels."
        zh = f"两次爬取找到了同样的 {len(serial_urls)} 个页面，共 {result['levels']} 层。"
    else:
        en = f"The crawls disagree: {len(serial_urls)} pages serially, {len(pool_urls)} with the pool."
        zh = f"两次爬取结果不同：串行 {len(serial_urls)} 页，进程池 {len(pool_urls)} 页。"
    en += (
        f" Serial: {serial_wall:.2f} s; pool of {params.workers} ({workers_used} did work): {pool_wall:.2f} s, "
        f"{speed_en}, plus {result['pool_start']:.2f} s to start the processes."
    )
    zh += (
        f"串行 {serial_wall:.2f} 秒；{params.workers} 个进程的进程池（{workers_used} 个干了活）{pool_wall:.2f} 秒，"
        f"{speed_zh}，另需 {result['pool_start']:.2f} 秒启动进程。"
    )
    if result["left_listening"]:
        en += " The site's port was still listening afterwards!"
        zh += "结束后网站端口仍在监听！"
    else:
        en += f" The site's port {result['port']} was closed at the end."
        zh += f"结束时网站端口 {result['port']} 已关闭。"
    figures = {
        "pages_serial": len(serial_urls),
        "pages_pool": len(pool_urls),
        "same_pages": int(same),
        "levels": result["levels"],
        "serial_s": round(serial_wall, 3),
        "pool_s": round(pool_wall, 3),
        "pool_start_s": round(result["pool_start"], 3),
        "speedup": round(speedup, 2),
        "workers_used": workers_used,
        "requests_served": result["requests_served"],
        "listening_left": result["left_listening"],
        "background_cores": round(outcome.background_cores(), 2),
    }
    shared = Text("the crawler's processes and the site shared the cores with them", "爬虫的进程和网站要与它们分享核心")
    note = load_note(figures["background_cores"], outcome.cores(), shared)
    return Verdict(Text(en + note.en, zh + note.zh), figures)


LESSON = Lesson(
    id="crawler",
    chapter=Chapter.POOLS,
    exercise="echo_server_pool.py",
    title=Text("A crawler: pooled download and parse", "爬虫：用进程池下载与解析"),
    summary=Text(
        "The lab serves a small web site on 127.0.0.1 with a delay on every page. The same crawler visits "
        "it twice: one page at a time, then with a Pool fetching every known link in parallel.",
        "实验室在 127.0.0.1 上自己提供一个小网站，每个页面都延迟返回。同一个爬虫爬两遍："
        "先一页一页地爬，再用进程池并行抓取已知的所有链接。",
    ),
    watch=Text(
        "Watch the timeline: serially the main process sleeps on each download in turn; with the pool "
        "several workers sleep at the same time, and the 'pages fetched' counter climbs in bursts.",
        "看时间线：串行时主进程逐个等待下载；用进程池时多个工作进程同时等待，“已抓取页面”计数成批上涨。",
    ),
    explanation=Text(
        "A crawl is mostly waiting: for the network, for the far server. Waiting costs no CPU, so any "
        "way of waiting for several pages at once helps, even on two cores. Pool.map hands one level of "
        "links to the workers and returns the parsed pages in order; the main process keeps the set of "
        "pages already seen, so each page is fetched exactly once and the back-links do not loop forever. "
        "Level by level is simple but leaves workers idle while the slowest page of a level is still "
        "loading; imap_unordered or apply_async with callbacks keep them busier.",
        "爬虫的大部分时间都在等待：等网络，等远端服务器。等待不消耗 CPU，所以只要能同时等多个页面就能提速，"
        "哪怕只有两个核。Pool.map 把一层链接分给工作进程，并按顺序返回解析结果；主进程记录已经见过的页面，"
        "因此每个页面只抓取一次，指回首页的链接也不会造成死循环。逐层抓取很简单，"
        "但一层中最慢的页面还在加载时其他进程只能闲着；imap_unordered 或带回调的 apply_async 能让它们更忙。",
    ),
    params=(
        int_param("pages", 40, 2, 400, Text("Pages on the site", "网站页面数"), "pages"),
        int_param("fanout", 3, 1, 10, Text("Links per page", "每页链接数"), "links"),
        float_param("latency", 0.1, 0.0, 2.0, Text("Latency per page", "每页延迟"), "s"),
        int_param("workers", 4, 1, 64, Text("Pool processes", "进程池大小"), "processes"),
    ),
    main=main,
    verdict=verdict,
    quick={"pages": 10, "latency": 0.04, "workers": 2},
    concepts=("Pool.map", "crawler", "urllib", "HTMLParser", "IO-bound", "爬虫", "进程池", "IO 密集"),
    prediction=prediction.number(
        "speedup",
        "How many times as fast as the serial crawl will the pool's crawl be?",
        "进程池爬取的速度是串行爬取的几倍？",
        prediction.TIMES,
        decimals=1,
        tolerance=0.25,
    ),
    comparison=comparison.vary("workers", 1, 8, "Pool of {}", "{} 个进程的池", ("pool_s", "speedup")),
    figures=(
        "pages_serial",
        "pages_pool",
        "same_pages",
        "levels",
        "serial_s",
        "pool_s",
        "pool_start_s",
        "speedup",
        "workers_used",
        "requests_served",
        "listening_left",
        "background_cores",
    ),
)
