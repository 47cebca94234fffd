#!/usr/bin/env python
"""Benchmark harness: the portal under gunicorn on PostgreSQL, driven by wrk on loopback.

    .venv/bin/python benchmarks/run.py                       # 1,000 and 100,000 projects
    .venv/bin/python benchmarks/run.py --sizes 1000 --duration 5

For each size it creates (or reuses) a PostgreSQL database ``kyodo_bench_<size>`` filled by
``manage.py seed_scale``, starts gunicorn with two workers, warms each page up, reads the SQL
query count of one request from the ``X-Query-Count`` header (QUERY_COUNT_HEADER=true), then runs
wrk for a fixed time and records requests per second and latency percentiles. It also times the
reminder sweep and the dashboard's Excel export. Results go to benchmarks/RESULTS.md.

The harness fails (exit 1) when any page's query count differs between the sizes: pages must
issue a bounded number of queries whatever the data size.

Needs: PostgreSQL reachable as ``--pg`` (default postgres@127.0.0.1:5432), wrk on the PATH
(Debian: apt-get install wrk), and optionally Redis for the cache (``--redis``).
"""

import argparse
import datetime
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_SECRET = "benchmark-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
PASSWORD = "kyodo-scale-2026"  # the password seed_scale gives its named users


def database_url(pg: str, size: int) -> str:
    return f"postgres://{pg}/kyodo_bench_{size}"


def portal_env(pg: str, size: int, redis: str) -> dict:
    env = {
        **os.environ,
        "DEBUG": "false",
        # seed_scale lives in the development-data app, which DEBUG=false leaves out otherwise.
        "DEVDATA": "true",
        "HTTPS": "false",
        "SECRET_KEY": BENCH_SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(pg, size),
        "QUERY_COUNT_HEADER": "true",
        "STATIC_MANIFEST": "true",
        "LOG_LEVEL": "WARNING",
        "LOGIN_FAILURE_LIMIT": "1000",
    }
    if redis:
        env["REDIS_URL"] = redis
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def ensure_database(pg: str, size: int, env: dict, reseed: bool) -> None:
    user_host = pg.split("/")[0]
    user, _, hostport = user_host.rpartition("@")
    host, _, port = hostport.partition(":")
    psql = ["psql", "-h", host, "-p", port or "5432", "-U", user or "postgres", "-d", "postgres"]
    name = f"kyodo_bench_{size}"
    exists = subprocess.run(
        [*psql, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists and reseed:
        subprocess.run([*psql, "-c", f'DROP DATABASE "{name}"'], check=True)
        exists = ""
    if not exists:
        subprocess.run([*psql, "-c", f'CREATE DATABASE "{name}"'], check=True)
    manage(env, "migrate", "--noinput", "-v0")
    if django_side(env, "size") != size:
        started = time.monotonic()
        manage(env, "seed_scale", "--projects", str(size), "--seed", "2026")
        print(f"  seeded {size:,} projects in {time.monotonic() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Portal:
    """gunicorn with two workers, as in production."""

    def __init__(self, env: dict):
        self.env = env
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "kyodo_portal.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not come up")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def session_cookie(base: str, username: str) -> str:
    """Log in through the real login page and return the Cookie header for wrk."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(base + "/accounts/login/", data=data)
    request.add_header("Referer", base + "/accounts/login/")
    opener.open(request)
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"could not log in as {username}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def query_count(url: str, cookie: str) -> tuple[int, int]:
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.status, int(response.headers.get("X-Query-Count", "-1"))


def run_wrk(url: str, cookie: str, duration: int, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(percent: str) -> float:
        match = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def django_side(env: dict, what: str):
    """Ask benchmarks/django_side.py (run inside the portal's settings) for JSON."""
    output = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "django_side.py"), what],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    return json.loads(output)


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.platform()}; "
        f"Python {platform.python_version()}; {postgres}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pg", default="postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--skip-jobs", action="store_true", help="pages only: no sweep, export or cold dashboard"
    )
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[int, dict] = {}
    for size in sizes:
        print(f"== {size:,} projects")
        env = portal_env(args.pg, size, args.redis)
        ensure_database(args.pg, size, env, args.reseed)
        manage(env, "collectstatic", "--noinput", "-v0")
        page_list = django_side(env, "pages")
        rows = []
        with Portal(env) as portal:
            cookies = {}
            for page in page_list:
                user = page.get("user")
                if user and user not in cookies:
                    cookies[user] = session_cookie(portal.base, user)
            healthz_rps = None
            for page in page_list:
                url = portal.base + page["path"]
                cookie = cookies.get(page.get("user"), "")
                for _ in range(3):  # warm-up: connections, caches, templates
                    query_count(url, cookie)
                status, queries = query_count(url, cookie)
                load = run_wrk(url, cookie, args.duration, args.connections)
                if page["name"] == "healthz":
                    healthz_rps = load["rps"]
                row = {**page, "status": status, "queries": queries, **load}
                row["ratio"] = load["rps"] / healthz_rps if healthz_rps else None
                rows.append(row)
                print(
                    f"  {page['name']:<36} {status} q={queries:<3} {load['rps']:8.1f} rps"
                    f"  p50 {load['p50_ms']:7.1f} ms  p99 {load['p99_ms']:7.1f} ms"
                )
        jobs = {}
        if not args.skip_jobs:
            jobs = {
                "reminder sweep": django_side(env, "sweep"),
                "Excel workbook of all evaluations (background task)": django_side(env, "export"),
                "dashboard with each filter, cache cold": django_side(env, "dashboard_cold"),
            }
        print(f"  jobs: {jobs}")
        results[size] = {"pages": rows, "jobs": jobs}
    failures = check_bounded_queries(results)
    write_results(args, results, failures)
    for failure in failures:
        print("QUERY COUNT GROWS:", failure, file=sys.stderr)
    return 1 if failures else 0


def check_bounded_queries(results: dict[int, dict]) -> list[str]:
    if len(results) < 2:
        return []
    sizes = sorted(results)
    by_size = {
        size: {row["name"]: row["queries"] for row in results[size]["pages"]} for size in sizes
    }
    failures = []
    for name, queries in by_size[sizes[0]].items():
        for size in sizes[1:]:
            if by_size[size].get(name) != queries:
                failures.append(
                    f"{name}: {queries} at {sizes[0]:,}, {by_size[size].get(name)} at {size:,}"
                )
    return failures


def target_met(row: dict) -> str:
    """'yes' or 'no' for throughput targets (">= N%" of /healthz); other targets are read from
    the jobs below the table."""
    target = row.get("target", "")
    if not target.startswith(">=") or row["ratio"] is None:
        return ""
    return "yes" if row["ratio"] * 100 >= float(target[2:].strip(" %")) else "no"


def write_results(args, results: dict[int, dict], failures: list[str]) -> None:
    today = datetime.date.today().isoformat()
    lines = [
        "# Benchmark results",
        "",
        f"Measured {today} on {machine()}.",
        "",
        f"Load average when the run ended: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} "
        "(1 / 5 / 15 min). Anything above about 2 means other work shared the two cores, and "
        "the absolute figures are below the stack's ceiling; the ratios to /healthz compare "
        "pages measured under the same conditions.",
        "",
        "Produced by:",
        "",
        "```sh",
        f".venv/bin/python benchmarks/run.py --sizes {args.sizes} --duration {args.duration} "
        f"--connections {args.connections}",
        "```",
        "",
        f"gunicorn with 2 workers on PostgreSQL; wrk with 2 threads and {args.connections} "
        f"connections for {args.duration} s per page after a warm-up, on loopback; the cache on "
        f"{'Redis' if args.redis else 'local memory'}. Ratio is the page's throughput against "
        "`/healthz` in the same run (the ceiling of this stack). Queries: SQL statements of one "
        "request, from the X-Query-Count header.",
        "",
    ]
    for size, result in sorted(results.items()):
        lines += [
            f"## {size:,} projects",
            "",
            "| page | status | queries | req/s | p50 ms | p99 ms | vs /healthz | target | met |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in result["pages"]:
            ratio = f"{row['ratio'] * 100:.1f}%" if row["ratio"] is not None else ""
            lines.append(
                f"| {row['name']} | {row['status']} | {row['queries']} | {row['rps']:.1f} | "
                f"{row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {ratio} | {row.get('target', '')} | "
                f"{target_met(row)} |"
            )
        lines += ["", "Jobs:", ""]
        for name, figures in result["jobs"].items():
            lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
        lines.append("")
    lines += ["## Query counts across sizes", ""]
    lines.append(
        "All pages issue the same number of queries at every size." if not failures else ""
    )
    lines += [f"- grows: {failure}" for failure in failures]
    lines.append("")
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    sys.exit(main())
