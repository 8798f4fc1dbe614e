#!/usr/bin/env python3
"""PyTorch CPU peer of scripts/bench-training.ts: trains the same LeNet and MLP on random data and prints JSON.

Usage: python3 scripts/bench_torch.py [--samples 2048] [--epochs 5] [--min-epoch-seconds 1] [--batch-size 64]
                                      [--threads N] [--models lenet,mlp] [--ceiling-size 2048] [--no-ceiling]
       python3 scripts/bench_torch.py --serve [--samples 2048] [--batch-size 64]
Output: {"torch", "threads", "blas": {"config", "threadpoolctl"}, "ceiling": {"size", "gflops"} | null,
         "results": [{"model", "samplesPerSecond", "threads", "byThreads", "epochSamplesPerSecond", "epochSeconds",
                      "samplesPerEpoch"}]}
Threads: by default each model is timed with 1 thread and with one per core, and the faster is the peer ("threads"
says which; "byThreads" has both). Small batches can run slower on more threads (thread wake-ups on a VM's vCPUs
cost more than the split gains); the strongest peer is the best setting a user could pick. --threads N pins one.
Same protocol as the TS bench: Adam (lr 1e-3), categorical cross-entropy, batch 64, no shuffling; warm-up, then
the median of several timed epochs, each lasting at least --min-epoch-seconds (an epoch cycles over a pool of
--samples examples as often as needed; one that came out shorter is discarded and the epoch lengthened).
The strongest peer is torch linked to an optimised BLAS (Debian: python3-torch + libopenblas0-pthread);
"blas" says which one this run used, from torch.__config__.show() and threadpoolctl (when installed).
--serve: trains on request, so that the TS bench can interleave the peer's epochs with its own (a shared VM's speed
drifts by tens of percent over minutes, which separate runs would read as a ratio). Each stdin line is a JSON request
{"model", "threads", "batches"}; the reply line is {"seconds"}. Each model keeps its model, optimizer and pool.
"""
import argparse
import json
import math
import os
import statistics
import time

import torch
from torch import nn


def lenet() -> nn.Module:
    # Input [batch, 1, 28, 28] (channels first, PyTorch's layout); same layers as the TS bench.
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 4 * 4, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )


def mlp() -> nn.Module:
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


MODELS = {"lenet": (lenet, (1, 28, 28)), "mlp": (mlp, (784,))}


def run_batches(model, optimizer, x, y, batch: int, batches: int) -> float:
    """Trains `batches` batches, cycling over the pool (x, y); returns the elapsed seconds."""
    loss_fn = nn.CrossEntropyLoss()  # softmax + categorical cross-entropy, like the TS models' softmax output
    per_pool = max(1, x.shape[0] // batch)
    start = time.perf_counter()
    for step in range(batches):
        i = (step % per_pool) * batch
        optimizer.zero_grad()
        loss = loss_fn(model(x[i:i + batch]), y[i:i + batch])
        loss.backward()
        optimizer.step()
    return time.perf_counter() - start


def spread(values: list) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def bench(name: str, samples: int, epochs: int, batch: int, min_seconds: float) -> dict:
    build, input_shape = MODELS[name]
    torch.manual_seed(0)
    model = build()
    x = torch.randn((samples, *input_shape))
    y = torch.randint(0, 10, (samples,))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    run_batches(model, optimizer, x, y, batch, 8)  # warm-up: allocator, thread pools
    # Size the epoch from a calibration run so that it lasts about 1.2 × min_seconds.
    calibration = run_batches(model, optimizer, x, y, batch, 16)
    batches = max(16, math.ceil(16 * 1.2 * min_seconds / calibration))
    rates, seconds = [], []
    while len(rates) < epochs:
        elapsed = run_batches(model, optimizer, x, y, batch, batches)
        if elapsed < min_seconds:
            batches = math.ceil(batches * 1.2 * min_seconds / elapsed)
            continue
        rates.append(batches * batch / elapsed)
        seconds.append(elapsed)
    return {"model": name, "samplesPerSecond": statistics.median(rates), "epochSamplesPerSecond": rates,
            "epochSeconds": spread(seconds), "samplesPerEpoch": batches * batch}


def matmul_ceiling(size: int, repeats: int = 5) -> dict:
    """GFLOP/s of torch.mm on two size×size float32 matrices (2·n³ FLOPs): the BLAS's practical peak."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    torch.mm(a, b)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        torch.mm(a, b)
        rates.append(2 * size ** 3 / (time.perf_counter() - start) / 1e9)
    return {"size": size, "gflops": spread(rates)}


def blas_info() -> dict:
    """Which BLAS torch was built for and which one is loaded (threadpoolctl, after torch ran a GEMM)."""
    config = [line.strip() for line in torch.__config__.show().splitlines() if "BLAS" in line or "LAPACK" in line]
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    try:
        from threadpoolctl import threadpool_info
        loaded = [{k: v for k, v in entry.items() if k in ("user_api", "internal_api", "version", "architecture",
                                                           "threading_layer", "num_threads", "filepath")}
                  for entry in threadpool_info()]
    except ImportError:
        loaded = "threadpoolctl not installed (Debian: python3-threadpoolctl)"
    return {"config": config, "threadpoolctl": loaded,
            "env": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")
                    if k in os.environ}}


def serve(samples: int, batch: int) -> None:
    """Answers {"model", "threads", "batches"} lines on stdin with {"seconds"} lines on stdout (see the header)."""
    import sys
    state = {}
    for line in sys.stdin:
        request = json.loads(line)
        name = request["model"]
        if name not in state:
            build, input_shape = MODELS[name]
            torch.manual_seed(0)
            model = build()
            state[name] = (model, torch.optim.Adam(model.parameters(), lr=1e-3), torch.randn((samples, *input_shape)),
                           torch.randint(0, 10, (samples,)))
        model, optimizer, x, y = state[name]
        torch.set_num_threads(int(request["threads"]))
        seconds = run_batches(model, optimizer, x, y, batch, int(request["batches"]))
        print(json.dumps({"seconds": seconds}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=2048)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--min-epoch-seconds", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--threads", type=int, default=0, help="0: the faster of 1 and one per core, per model")
    parser.add_argument("--models", default="lenet,mlp")
    parser.add_argument("--ceiling-size", type=int, default=2048)
    parser.add_argument("--no-ceiling", action="store_true")
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    if args.serve:
        serve(args.samples, args.batch_size)
        return
    settings = [args.threads] if args.threads > 0 else sorted({1, os.cpu_count() or 1})
    results = []
    for name in [n for n in args.models.split(",") if n in MODELS]:
        timed = {}
        for threads in settings:
            torch.set_num_threads(threads)
            timed[threads] = bench(name, args.samples, args.epochs, args.batch_size, args.min_epoch_seconds)
        best = max(timed, key=lambda t: timed[t]["samplesPerSecond"])
        results.append({**timed[best], "threads": best,
                        "byThreads": {str(t): r["samplesPerSecond"] for t, r in timed.items()}})
    torch.set_num_threads(max(settings))
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_info(),
                      "ceiling": None if args.no_ceiling else matmul_ceiling(args.ceiling_size), "results": results}))


if __name__ == "__main__":
    main()
