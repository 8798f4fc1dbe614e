#!/usr/bin/env python3
"""PyTorch CPU peer of scripts/bench-training.ts: trains the same LeNet and MLP on random data and prints JSON.

Usage: python3 scripts/bench_torch.py [--samples 2048] [--epochs 3] [--batch-size 64] [--threads N]
Output: {"torch": version, "threads": n, "results": [{"model", "samplesPerSecond", "epochSamplesPerSecond"}]}
Same protocol as the TS bench: one warm-up epoch, then the median of several timed epochs; Adam (lr 1e-3),
categorical cross-entropy, batch 64, no shuffling.
"""
import argparse
import json
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


def run_epoch(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor, batch: int) -> float:
    """Trains one epoch and returns samples per second."""
    loss_fn = nn.CrossEntropyLoss()  # softmax + categorical cross-entropy, like the TS models' softmax output
    start = time.perf_counter()
    for i in range(0, x.shape[0], batch):
        optimizer.zero_grad()
        loss = loss_fn(model(x[i:i + batch]), y[i:i + batch])
        loss.backward()
        optimizer.step()
    return x.shape[0] / (time.perf_counter() - start)


def bench(name: str, model: nn.Module, input_shape: tuple, samples: int, epochs: int, batch: int) -> dict:
    torch.manual_seed(0)
    x = torch.randn((samples, *input_shape))
    y = torch.randint(0, 10, (samples,))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    run_epoch(model, optimizer, x[: min(samples, 512)], y[: min(samples, 512)], batch)  # warm-up
    rates = [run_epoch(model, optimizer, x, y, batch) for _ in range(epochs)]
    return {"model": name, "samplesPerSecond": statistics.median(rates), "epochSamplesPerSecond": rates}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=2048)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    results = [
        bench("lenet", lenet(), (1, 28, 28), args.samples, args.epochs, args.batch_size),
        bench("mlp", mlp(), (784,), args.samples, args.epochs, args.batch_size),
    ]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
