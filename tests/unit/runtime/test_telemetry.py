"""Telemetry framing: batches survive being cut into atomic frames and interleaved."""

from __future__ import annotations

import multiprocessing
import random

import pytest

from desktop.runtime import telemetry


def batch(pid: int, size: int) -> list[tuple]:
    return [(float(i), pid, f"worker-{pid}", telemetry.LOG, "", "x" * (i % 50), None) for i in range(size)]


def test_every_frame_fits_one_atomic_pipe_write():
    data = telemetry.encode(batch(1, 2000))
    for frame in telemetry.frames(1, 7, data):
        assert len(frame) + 4 <= telemetry.PIPE_BUF


def test_interleaved_frames_from_many_senders_reassemble_exactly():
    rng = random.Random(5)
    senders = {
        pid: telemetry.frames(pid, pid * 3, telemetry.encode(batch(pid, rng.randint(1, 900)))) for pid in range(1, 6)
    }
    queues = {pid: list(frames) for pid, frames in senders.items()}
    assembler = telemetry.FrameAssembler()
    received: dict[int, list] = {}
    while queues:
        pid = rng.choice(sorted(queues))
        events, _ = assembler.add(queues[pid].pop(0))
        for event in events:
            received.setdefault(event.pid, []).append(tuple(event))
        if not queues[pid]:
            del queues[pid]
    for pid in senders:
        assert received[pid] == [tuple(e) for e in telemetry.decode(telemetry.encode(batch(pid, len(received[pid]))))]
    assert assembler.incomplete_senders == []


def test_a_sender_that_died_mid_batch_is_reported_not_decoded():
    assembler = telemetry.FrameAssembler()
    frames = telemetry.frames(42, 1, telemetry.encode(batch(42, 500)))
    assert len(frames) > 1
    for frame in frames[:-1]:
        assert assembler.add(frame) == ([], False)
    assert assembler.incomplete_senders == [42]


def test_the_control_flag_travels_with_the_batch():
    assembler = telemetry.FrameAssembler()
    routine = telemetry.frames(1, 1, telemetry.encode(batch(1, 10)))
    control = telemetry.frames(2, 1, telemetry.encode(batch(2, 3000)), control=True)
    assert assembler.add(routine[-1])[1] is False
    results = [assembler.add(frame) for frame in control]
    assert [flag for events, flag in results if events] == [True]


def test_the_frame_reader_returns_every_waiting_frame_whole_even_when_a_read_cuts_one(monkeypatch):
    monkeypatch.setattr(telemetry, "READ_BYTES", 5000)  # cuts the second of several 4 KB frames
    reader, writer = multiprocessing.get_context("spawn").Pipe(duplex=False)
    try:
        sent = telemetry.frames(7, 1, telemetry.encode(batch(7, 600))) + telemetry.frames(8, 2, b"x" * 10, True)
        for frame in sent:
            writer.send_bytes(frame)
        frame_reader = telemetry.FrameReader(reader)
        received: list[bytes] = []
        while reader.poll(0.5):
            received += frame_reader.read()
            if len(received) == len(sent):
                break
        assert received == sent
        events, control = telemetry.FrameAssembler().add_all(received[:-1])
        assert [tuple(e) for e in events] == [tuple(e) for e in telemetry.decode(telemetry.encode(batch(7, 600)))]
        assert control is False
        writer.close()
        with pytest.raises(EOFError):
            while True:
                frame_reader.read()
    finally:
        reader.close()
        writer.close()
