#!/usr/bin/env python
"""Benchmark harness: the portal under gunicorn on PostgreSQL, driven by wrk on loopback.

    .venv/bin/python benchmarks/run.py                       # 1,000 and 100,000 projects
    .venv/bin/python benchmarks/run.py --sizes 1000 --duration 5

For each size it creates (or reuses) a PostgreSQL database ``kyodo_bench_<size>`` filled by
``manage.py seed_scale``, starts gunicorn with two workers, warms each page up, reads the SQL
query count of one request from the ``X-Query-Count`` header (QUERY_COUNT_HEADER=true), then runs
wrk for a fixed time and records requests per second and latency percentiles. It also times the
reminder sweep and the dashboard's Excel export. Results go to benchmarks/RESULTS.md.

Two ceilings are measured in the same run: ``/healthz`` (which asks the database, cache and
broker) and a bare Django app (benchmarks/bare_app.py: no middleware, no database, plain text)
under the same gunicorn settings; every page is reported as a share of both. Each page's median
CPU time per request is measured in process (django_side.py cpu) and checked with the
throughput and latency targets.

    .venv/bin/python benchmarks/run.py --sizes 100000,1000000 --bodies 1788 --pages-only
    .venv/bin/python benchmarks/run.py --sizes 100000,1000000 --bodies 1788 --in-process-only

``--in-process-only`` runs no gunicorn and no wrk (queries and CPU only, fair on a busy machine);
``--pages-only`` skips the jobs (the workbook at 1,000,000 projects takes about an hour).

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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sizing

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


def ensure_database(pg: str, size: int, env: dict, reseed: bool, bodies: int) -> dict:
    """The database of this size, seeded if it is not yet; returns what it holds, with the seed's
    time when this run seeded it."""
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
    held = django_side(env, "data")
    if held["projects"] == 0:
        started = time.monotonic()
        manage(
            env, "seed_scale", "--projects", str(size), "--seed", "2026", "--bodies", str(bodies)
        )
        seed_seconds = round(time.monotonic() - started)
        print(f"  seeded {size:,} projects in {seed_seconds} s")
        note = json.dumps({"seed seconds": seed_seconds}).replace("'", "")
        subprocess.run([*psql, "-c", f"COMMENT ON DATABASE \"{name}\" IS '{note}'"], check=True)
        held = django_side(env, "data")
    if held["projects"] != size or held["bodies"] != bodies:
        raise RuntimeError(
            f"{name} holds {held['projects']:,} projects and {held['bodies']:,} bodies, not "
            f"{size:,} and {bodies:,}: run with --reseed (or let a running seed finish)"
        )
    return held


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The gunicorn settings of every server the harness starts (the portal and the bare app alike):
# two workers of gunicorn's default (sync) class, and gunicorn.conf.py from the project's root.
GUNICORN_ARGS = ["--workers", "2", "--log-level", "warning"]


class Portal:
    """gunicorn with two workers, as in production."""

    app = ["kyodo_portal.wsgi:application"]
    probe = "/healthz/live"

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
                *self.app,
                *GUNICORN_ARGS,
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + self.probe, timeout=2)
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not come up")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


class BareApp(Portal):
    """benchmarks/bare_app.py under the same gunicorn settings: the stack's true ceiling."""

    app = ["--pythonpath", str(ROOT / "benchmarks"), "bare_app:application"]
    probe = "/"

    def __init__(self):
        env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        super().__init__(env)


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


def django_side(env: dict, what: str, *arguments: str):
    """Ask benchmarks/django_side.py (run inside the portal's settings) for JSON."""
    output = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "django_side.py"), what, *arguments],
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
    parser.add_argument("--bodies", type=int, default=64, help="64 (埼玉県) or up to 1788")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--cpu-requests", type=int, default=30, help="in-process requests per page")
    parser.add_argument("--pg", default="postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--pages-only",
        "--skip-jobs",
        dest="pages_only",
        action="store_true",
        help="pages only: no sweep, export or cold dashboard",
    )
    parser.add_argument(
        "--in-process-only",
        action="store_true",
        help="queries and CPU per page in process only: no gunicorn, no wrk, no jobs",
    )
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args()
    if not args.in_process_only and not shutil.which("wrk"):
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[int, dict] = {}
    for size in sizes:
        print(f"== {size:,} projects")
        env = portal_env(args.pg, size, args.redis)
        data = ensure_database(args.pg, size, env, args.reseed, args.bodies)
        manage(env, "collectstatic", "--noinput", "-v0")
        page_list = django_side(env, "pages")
        in_process = {row["name"]: row for row in django_side(env, "cpu", str(args.cpu_requests))}
        rows = []
        bare = None
        if not args.in_process_only:
            with BareApp() as server:
                run_wrk(server.base + "/", "", 1, args.connections)  # warm-up
                bare = run_wrk(server.base + "/", "", args.duration, args.connections)
            print(f"  {'bare Django app':<36} {bare['rps']:8.1f} rps  p99 {bare['p99_ms']:.1f} ms")
            rows = load_pages(env, page_list, args)
        else:
            rows = [{**page, "status": in_process[page["name"]]["status"]} for page in page_list]
        for row in rows:
            measured = in_process.get(row["name"], {})
            row["cpu_ms"] = measured.get("cpu_ms")
            row["wall_ms"] = measured.get("wall_ms")
            row["sql_ms"] = measured.get("sql_ms")
            row["cpu_built_ms"] = measured.get("cpu_built_ms")
            row["sql_built_ms"] = measured.get("sql_built_ms")
            row["queries_built"] = measured.get("queries_built")
            if row.get("queries") is None:
                row["queries"] = measured.get("queries")
        add_ratios(rows, bare["rps"] if bare else None)
        for row in rows:
            print(
                f"  {row['name']:<36} q={row['queries']:<3} cpu {row['cpu_ms']:6.1f} ms"
                + (f"  vs bare {row['ratio_bare'] * 100:5.1f}%" if row.get("ratio_bare") else "")
            )
        jobs = {}
        if not (args.pages_only or args.in_process_only):
            jobs = {
                "reminder sweep": django_side(env, "sweep"),
                "Excel workbook of all evaluations (background task)": django_side(env, "export"),
                "dashboard with each filter, cache cold": django_side(env, "dashboard_cold"),
            }
        print(f"  jobs: {jobs}")
        results[size] = {"pages": rows, "jobs": jobs, "bare": bare, "data": data}
    failures = check_bounded_queries(results)
    write_results(args, results, failures)
    for failure in failures:
        print("QUERY COUNT GROWS:", failure, file=sys.stderr)
    return 1 if failures else 0


def load_pages(env: dict, page_list: list[dict], args) -> list[dict]:
    """Each page under wrk through the portal's gunicorn, with its query count from the
    X-Query-Count header."""
    rows = []
    with Portal(env) as portal:
        cookies = {}
        for page in page_list:
            user = page.get("user")
            if user and user not in cookies:
                cookies[user] = session_cookie(portal.base, user)
        for page in page_list:
            url = portal.base + page["path"]
            cookie = cookies.get(page.get("user"), "")
            for _ in range(3):  # warm-up: connections, caches, templates
                query_count(url, cookie)
            status, queries = query_count(url, cookie)
            load = run_wrk(url, cookie, args.duration, args.connections)
            rows.append({**page, "status": status, "queries": queries, **load})
            print(
                f"  {page['name']:<36} {status} q={queries:<3} {load['rps']:8.1f} rps"
                f"  p50 {load['p50_ms']:7.1f} ms  p99 {load['p99_ms']:7.1f} ms"
            )
    return rows


def add_ratios(rows: list[dict], bare_rps: float | None) -> None:
    """Each page's throughput as a share of /healthz and of the bare app in the same run."""
    healthz = next((row.get("rps") for row in rows if row["name"] == "healthz"), None)
    for row in rows:
        rps = row.get("rps")
        row["ratio"] = rps / healthz if rps is not None and healthz else None
        row["ratio_bare"] = rps / bare_rps if rps is not None and bare_rps else None


def check_bounded_queries(results: dict[int, dict]) -> list[str]:
    """Pages whose query count differs between the sizes, as served and as built afresh."""
    if len(results) < 2:
        return []
    sizes = sorted(results)
    failures = []
    for column, label in (("queries", ""), ("queries_built", " (built)")):
        by_size = {
            size: {row["name"]: row.get(column) for row in results[size]["pages"]} for size in sizes
        }
        for name, queries in by_size[sizes[0]].items():
            for size in sizes[1:]:
                if by_size[size].get(name) != queries:
                    failures.append(
                        f"{name}{label}: {queries} at {sizes[0]:,}, "
                        f"{by_size[size].get(name)} at {size:,}"
                    )
    return failures


# Every page, whatever its other targets: the 99th percentile under 8 connections.
P99_LIMIT_MS = 250


def target_met(row: dict) -> str:
    """'yes' when the page meets every target measured for it, 'no' when it misses one, '' when
    none was measured: its share of the bare app (``min_bare``), its median in-process CPU time
    (``max_cpu_ms``) and the p99 latency every page must keep under P99_LIMIT_MS."""
    checks = []
    if row.get("min_bare") is not None and row.get("ratio_bare") is not None:
        checks.append(row["ratio_bare"] >= row["min_bare"])
    if row.get("max_cpu_ms") is not None and row.get("cpu_ms") is not None:
        checks.append(row["cpu_ms"] <= row["max_cpu_ms"])
    if row.get("p99_ms") is not None:
        checks.append(row["p99_ms"] < P99_LIMIT_MS)
    if not checks:
        return ""
    return "yes" if all(checks) else "no"


def target_text(row: dict) -> str:
    """The page's own target, and the p99 limit every page has once wrk measured it."""
    parts = [row["target"]] if row.get("target") else []
    if row.get("p99_ms") is not None:
        parts.append(f"p99 < {P99_LIMIT_MS} ms")
    return "; ".join(parts)


def percent(ratio: float | None) -> str:
    return f"{ratio * 100:.1f}%" if ratio is not None else ""


def number(value, digits: int = 1) -> str:
    return f"{value:.{digits}f}" if value is not None else ""


KEPT_HEADING = "## Kept between runs"


def kept_section(previous: str) -> list[str]:
    """The part of the previous results under KEPT_HEADING, carried into the new file: figures
    from runs this one does not repeat (the national seed, a run at another size)."""
    _before, heading, kept = previous.partition(KEPT_HEADING)
    return [heading, *kept.splitlines()[1:]] if heading else []


def write_results(args, results: dict[int, dict], failures: list[str]) -> None:
    today = datetime.date.today().isoformat()
    command = (
        f".venv/bin/python benchmarks/run.py --sizes {args.sizes} --bodies {args.bodies} "
        f"--duration {args.duration} --connections {args.connections} "
        f"--cpu-requests {args.cpu_requests}"
        + (" --pages-only" if args.pages_only else "")
        + (" --in-process-only" if args.in_process_only else "")
    )
    lines = [
        "# Benchmark results",
        "",
        f"Measured {today} on {machine()}.",
        "",
        f"Load average when the run ended: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} "
        "(1 / 5 / 15 min). Anything above about 2 means other work shared the two cores, and "
        "the absolute figures are below the stack's ceiling; the ratios compare pages measured "
        "under the same conditions, and the CPU times (of the measuring process only) move "
        "little with the load.",
        "",
        "Produced by:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"gunicorn with 2 workers on PostgreSQL; wrk with 2 threads and {args.connections} "
        f"connections for {args.duration} s per page after a warm-up, on loopback; the cache on "
        f"{'Redis' if args.redis else 'local memory'}. **vs bare**: the page's throughput "
        "against a bare Django app (benchmarks/bare_app.py: no middleware, no database, plain "
        "text) under the same gunicorn settings in the same run, the stack's true ceiling; "
        "**vs /healthz**: against the readiness probe, which asks the database, cache and "
        "broker. **CPU ms**: median CPU time of one request in process, through the whole "
        f"middleware stack, over {args.cpu_requests} requests after a warm-up; **SQL ms**: the "
        "median time of the same requests inside their SQL statements. Queries: SQL "
        "statements of one request. These are repeat views, as wrk makes them: a public page "
        "or a project's page comes from its stored copy (see the README, Measuring speed); "
        "**built** gives the queries and CPU of the same request with those copies turned off, "
        "as the first view after a change pays. Targets: public pages ≥ 25 % of bare; staff "
        "pages, lists "
        f"and the agreement ≥ 5 % of bare and CPU ≤ 8 ms; dashboard warm ≥ 5 %; every page "
        f"p99 < {P99_LIMIT_MS} ms.",
        "",
    ]
    for size, result in sorted(results.items()):
        data = result["data"]
        seeded = f", seeded in {data['seed seconds']:,} s" if data.get("seed seconds") else ""
        lines += [
            f"## {size:,} projects",
            "",
            f"{data['bodies']:,} bodies; database {data['database bytes'] / 2**30:.2f} GiB "
            f"({data['database bytes'] / max(1, data['projects']):,.0f} bytes per project)"
            f"{seeded}.",
            "",
        ]
        if result["bare"]:
            bare = result["bare"]
            lines += [
                f"Bare Django app: {bare['rps']:.1f} req/s, p50 {bare['p50_ms']:.1f} ms, "
                f"p99 {bare['p99_ms']:.1f} ms.",
                "",
            ]
        lines += [
            "| page | status | queries | CPU ms (median) | SQL ms (median) | built: queries "
            "| built: CPU ms | req/s | p50 ms | p99 ms | vs bare | vs /healthz | target | met |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in result["pages"]:
            lines.append(
                f"| {row['name']} | {row['status']} | {row['queries']} | "
                f"{number(row.get('cpu_ms'))} | {number(row.get('sql_ms'))} | "
                f"{row.get('queries_built', '')} | {number(row.get('cpu_built_ms'))} | "
                f"{number(row.get('rps'))} | "
                f"{number(row.get('p50_ms'))} | {number(row.get('p99_ms'))} | "
                f"{percent(row.get('ratio_bare'))} | {percent(row.get('ratio'))} | "
                f"{target_text(row)} | {target_met(row)} |"
            )
        if result["jobs"]:
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
    lines += sizing.section(sizing.measures_from(results))
    output = Path(args.output)
    lines += kept_section(output.read_text(encoding="utf-8") if output.exists() else "")
    output.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    sys.exit(main())
