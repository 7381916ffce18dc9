"""crawler with real spawned pool workers against the lab's own site on 127.0.0.1."""

from __future__ import annotations

from desktop.lessons import loopback


def test_serial_and_pool_crawls_find_the_same_pages(run_lesson):
    record = run_lesson("crawler", pages=15, fanout=2, latency=0.02, workers=3)
    assert record.status == "passed", record.error
    assert record.figures["pages_serial"] == 15
    assert record.figures["pages_pool"] == 15
    assert record.figures["same_pages"] == 1
    # Each page was requested once per crawl, never twice: the crawler remembers what it saw.
    assert record.figures["requests_served"] == 30
    result = next(e[5] for e in record.events if e[3] == "result")
    assert result["serial_urls"] == result["pool_urls"]
    assert all(url.startswith("http://127.0.0.1:") for url in result["serial_urls"])


def test_pool_pages_were_fetched_by_spawned_workers(run_lesson):
    record = run_lesson("crawler", pages=8, fanout=3, latency=0.0, workers=2)
    assert record.status == "passed", record.error
    hellos = [e for e in record.events if e[3] == "hello"]
    main_pid = next(e[1] for e in hellos if e[2] == "main")
    workers = [e for e in hellos if e[1] != main_pid]
    assert len(workers) == 2
    assert all(e[5]["start_method"] == "spawn" and e[5]["ppid"] == main_pid for e in workers)
    fetched = [e for e in record.events if e[3] == "count" and e[4] == "pages fetched" and e[1] != main_pid]
    assert len(fetched) == 8


def test_no_listening_socket_remains(run_lesson):
    record = run_lesson("crawler", pages=5, fanout=2, latency=0.0, workers=1)
    assert record.status == "passed", record.error
    assert record.figures["listening_left"] == 0
    port = next(e[5] for e in record.events if e[3] == "result")["port"]
    assert not loopback.accepts_connections(port)
