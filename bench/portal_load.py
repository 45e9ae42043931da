"""The load generator of the portal benchmark: Locust, as a library, in a process of its own.

Locust runs on gevent, which patches the standard library as it is imported, so it cannot share the
Django process that builds the data. bench/portal.py starts `python -m bench.portal_load`, writes the
plan as JSON to its standard input and reads the measurements as JSON from its standard output.

Plan: {"host": ..., "urls": {name: [url, ...]}, "weights": {name: weight}, "visitors": {"users", "wait",
"warmup", "duration"}, "capacity": {"users": [...], "warmup", "duration", "watch", "limit_ms"}}.

1. `visitors`: that many simulated visitors, each waiting `wait` seconds between requests; after the
   warm-up, every response time is kept; the result gives each page's median and 95th percentile.
2. `capacity`: visitors that never wait, in growing numbers; each step gives the request rate and each
   page's percentiles. It stops when the `watch` page's 95th percentile reaches `limit_ms` or when a
   step no longer raises the request rate by 5 % (the server is saturated: more visitors only queue).
"""

import json
import random
import statistics
import sys
import time
from typing import Any

import gevent
from locust import FastHttpUser, constant, events, task
from locust.env import Environment

samples: list[tuple[str, float, bool]] = []


class Visitor(FastHttpUser):
    urls: dict[str, list[str]] = {}
    weights: dict[str, int] = {}

    @task
    def visit(self) -> None:
        name = random.choices(list(self.weights), weights=list(self.weights.values()))[0]
        self.client.get(random.choice(self.urls[name]), name=name)


@events.request.add_listener
def record(name: str, response_time: float, exception: BaseException | None, **_kwargs: Any) -> None:
    samples.append((name, response_time, exception is None))


def summary(taken: list[tuple[str, float, bool]], seconds: float) -> dict[str, Any]:
    pages: dict[str, Any] = {}
    for name in Visitor.weights:
        times = sorted(time_ms for page, time_ms, _ok in taken if page == name)
        pages[name] = {
            "n": len(times),
            "failures": sum(1 for page, _time, ok in taken if page == name and not ok),
            "p50": statistics.median(times) if times else None,
            "p95": statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else None,
        }
    return {"rps": len(taken) / seconds, "pages": pages}


def measure(environment: Environment, users: int, wait: float, warmup: float, duration: float) -> dict:
    Visitor.wait_time = constant(wait)
    environment.runner.start(users, spawn_rate=1000)
    gevent.sleep(warmup)
    samples.clear()
    start = time.monotonic()
    gevent.sleep(duration)
    taken, seconds = list(samples), time.monotonic() - start
    return {"users": users} | summary(taken, seconds)


def main() -> int:
    plan = json.load(sys.stdin)
    Visitor.urls, Visitor.weights = plan["urls"], plan["weights"]
    environment = Environment(user_classes=[Visitor], host=plan["host"], events=events)
    environment.create_local_runner()
    visitors = plan["visitors"]
    result: dict[str, Any] = {
        "visitors": measure(
            environment, visitors["users"], visitors["wait"], visitors["warmup"], visitors["duration"]
        ),
        "capacity": [],
    }
    capacity = plan["capacity"]
    best = 0.0
    for users in capacity["users"]:
        step = measure(environment, users, 0, capacity["warmup"], capacity["duration"])
        result["capacity"].append(step)
        watched = step["pages"][capacity["watch"]]["p95"]
        if watched is None or watched >= capacity["limit_ms"] or step["rps"] < best * 1.05:
            break
        best = step["rps"]
    environment.runner.quit()
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
