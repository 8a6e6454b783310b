"""What bench/public_load.py runs in locust: visitors (assessors, the public) reading what the
organisations of the national database published, without signing in.

Each visitor reads one organisation at a time, as people do: its page, the ITA table of the
year, one of its documents' pages, that document's PDF; then moves on to another organisation.
Which organisation: PUBLIC_POPULARITY "uniform" (every one alike: the worst case for any
cache), or "zipf" (the k-th most visited is visited 1/k as often as the first, as page visits
across many sites usually are). PUBLIC_RATE is each visitor's requests a second at most. The
figures start once every visitor has started."""

import itertools
import os
import random

from locust import FastHttpUser, constant_throughput, events, task

ORGANISATIONS = int(os.environ.get("PUBLIC_ORGANISATIONS", "7850"))
POPULARITY = os.environ.get("PUBLIC_POPULARITY", "zipf")
RATE = float(os.environ.get("PUBLIC_RATE", "2.5"))
DOCUMENTS = ["plan", "report-1"]
# A visit: the organisation's page, its ITA table, a document's page, its PDF.
VISIT = ["organisation", "table", "document", "pdf"]
_cumulative = list(itertools.accumulate(1 / rank for rank in range(1, ORGANISATIONS + 1)))
# Which organisation is the k-th most visited: not simply the first ones.
_ranked = random.Random(19).sample(range(1, ORGANISATIONS + 1), ORGANISATIONS)


def an_organisation() -> int:
    if POPULARITY == "uniform":
        return random.randint(1, ORGANISATIONS)
    return random.choices(_ranked, cum_weights=_cumulative)[0]


class Visitor(FastHttpUser):
    wait_time = constant_throughput(RATE)

    def on_start(self):
        self.steps = itertools.cycle(VISIT)
        self.organisation, self.document = an_organisation(), random.choice(DOCUMENTS)

    @task
    def read(self):
        step = next(self.steps)
        if step == "organisation":
            self.organisation, self.document = an_organisation(), random.choice(DOCUMENTS)
        base = f"/ita/org-{self.organisation}/"
        path = {
            "organisation": base,
            "table": f"{base}ita-2566/",
            "document": f"{base}2566/{self.document}/",
            "pdf": f"{base}2566/{self.document}/pdf/",
        }[step]
        with self.client.get(path, name=step, catch_response=True) as response:
            if step == "pdf" and not response.content.startswith(b"%PDF"):
                response.failure("not the PDF")


@events.init.add_listener
def measure_once_everyone_has_started(environment, **_):
    environment.events.spawning_complete.add_listener(
        lambda user_count, **__: environment.stats.reset_all()
    )
