"""What bench/load.py runs in locust: division staff of different organisations sign in, open
their measures, a measure, its progress form, and save it; planning analysts download their
report's PDF. Each saved text is counted, so load.py can tell whether any save was lost.

LOAD_THINK_SECONDS sets the pause before each of a person's requests, as someone reads a page
and types (0: none). The statistics start once
everyone has signed in (the sign-ins' own figures go to LOAD_SIGN_IN_FILE): each person signs in
once, and a deliberately slow password hash is not what the pages cost. The analysts belong to
the last organisations, whose plans nobody edits meanwhile."""

import itertools
import json
import os
import random
import re

from locust import FastHttpUser, between, constant, events, task

PASSWORD = "bench-password"
THINK = float(os.environ.get("LOAD_THINK_SECONDS", "0"))
SAVES_FILE = os.environ.get("LOAD_SAVES_FILE", "/tmp/ita-load-saves.json")
SIGN_IN_FILE = os.environ.get("LOAD_SIGN_IN_FILE", "/tmp/ita-load-sign-in.json")
ORGANISATIONS = int(os.environ.get("LOAD_ORGANISATIONS", "7850"))
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
PROGRESS_LINK = re.compile(r'href="(/measures/(\d+)/progress/1/)"')
staff_numbers = itertools.count(1)
analyst_numbers = itertools.count(1)
saves: dict[str, int] = {}  # progress page -> successful saves
signed_in = []


def wait():
    return between(THINK * 0.8, THINK * 1.2) if THINK else constant(0)


def sign_in(user, username):
    page = user.client.get("/accounts/login/", name="sign-in page")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    with user.client.post(
        "/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": f"{user.host}/accounts/login/"},
        name="sign in",
        catch_response=True,
    ) as response:
        if "/accounts/login/" in response.url:
            response.failure("sign-in refused")
    signed_in.append(username)
    if len(signed_in) == user.environment.runner.target_user_count:
        stats = user.environment.stats
        entry = stats.get("sign in", "POST")
        with open(SIGN_IN_FILE, "w") as out:
            json.dump({"count": entry.num_requests, "median_ms": entry.median_response_time,
                       "p95_ms": entry.get_response_time_percentile(0.95)}, out)  # fmt: skip
        stats.reset_all()


class Staff(FastHttpUser):
    weight = 10
    wait_time = wait()

    def on_start(self):
        self.number = next(staff_numbers)
        sign_in(self, f"staff-{self.number}")

    @task
    def record_progress(self):
        mine = self.client.get("/measures/", name="my measures").text
        links = PROGRESS_LINK.findall(mine)
        if not links:
            return
        path, measure = random.choice(links)
        self.wait()  # reading the list
        self.client.get(f"/measures/{measure}/", name="a measure")
        self.wait()
        form = self.client.get(path, name="progress form").text
        fields = dict(HIDDEN.findall(form))
        self.wait()  # typing the result
        text = f"ดำเนินการแล้ว บันทึกโดย staff-{self.number} ครั้งที่ {saves.get(path, 0) + 1}"
        with self.client.post(
            path,
            data={**fields, "status": "done", "result": text},
            headers={"Referer": f"{self.host}{path}"},
            name="save progress",
            catch_response=True,
        ) as response:
            if "บันทึกผลมาตรการข้อ" in response.text:
                saves[path] = saves.get(path, 0) + 1
            else:
                response.failure("the save was not confirmed")


class Analyst(FastHttpUser):
    weight = 1
    wait_time = wait()

    def on_start(self):
        self.number = ORGANISATIONS + 1 - next(analyst_numbers)
        sign_in(self, f"analyst-{self.number}")
        reports = self.client.get("/reports/", name="reports").text
        self.report = re.search(r'href="/reports/(\d+)/"', reports).group(1)

    @task
    def download_pdf(self):
        with self.client.get(
            f"/reports/{self.report}/pdf/", name="report PDF", catch_response=True
        ) as response:
            if response.status_code == 202:  # being made by the worker: not a failure
                response.success()


@events.test_stop.add_listener
def keep_the_count(**_):
    with open(SAVES_FILE, "w") as out:
        json.dump(saves, out)
