"""The smoke journey of scripts/topology, through the proxy as a browser would go.

Health through the proxy, a demo NPO member signs in, opens pages (which the proxy spreads over
both web nodes), uploads an attachment through node A and downloads it through node B. Reads the
addresses from PROXY_URL, NODE_A_URL, NODE_B_URL and the nodes' access logs from NODE_A_LOG and
NODE_B_LOG; the database through the same settings as the nodes, only to find its way (which
proposal the member may add to, which attachment was stored).
"""

import http.cookiejar
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the portal's packages

PROXY, NODE_A, NODE_B = (os.environ[name] for name in ("PROXY_URL", "NODE_A_URL", "NODE_B_URL"))


class Keep3xx(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


cookies = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies), Keep3xx())


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as answer:  # 3xx and 4xx/5xx alike
        return answer.code, answer.headers, answer.read()


def expect(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"journey: {message}")
    print(f"  ok  {message}")


def csrf_token() -> str:
    return next(cookie.value for cookie in cookies if cookie.name == "csrftoken")


def multipart(fields: dict, name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def proxied_requests(log: str) -> int:
    """Requests a node served other than the proxy's own /healthz/live probes."""
    with open(log, encoding="utf-8", errors="replace") as lines:
        return sum(1 for line in lines if "/healthz/live" not in line)


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.urls import reverse

    from devdata.demo.partners import DEMO_PASSWORD
    from partners.models import User
    from projects.models import Proposal, ProposalAttachment
    from projects.permissions import can_add_attachment

    status, _, body = fetch(PROXY + "/healthz/live")
    expect(status == 200 and json.loads(body) == {"status": "ok"}, "proxy → /healthz/live")
    status, _, body = fetch(PROXY + "/healthz", headers={"Host": "probe.internal"})
    checks = json.loads(body)["checks"]
    expect(
        status == 200 and all(checks[name] == "ok" for name in ("database", "cache", "broker")),
        f"proxy → /healthz: {checks}",
    )

    member = User.objects.get(username="npo")
    proposal = next(p for p in Proposal.objects.order_by("pk") if can_add_attachment(member, p)[0])

    status, _, body = fetch(PROXY + reverse("login"))
    expect(status == 200 and b"csrfmiddlewaretoken" in body, "the sign-in page")
    form = urllib.parse.urlencode(
        {"username": "npo", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf_token()}
    ).encode()
    status, headers, _ = fetch(PROXY + reverse("login"), data=form)
    expect(status == 302 and headers["Location"] == reverse("home"), "signed in as npo")
    for path in (
        reverse("home"),
        reverse("notifications"),
        proposal.get_absolute_url(),
        reverse("landing"),
        reverse("home"),
        proposal.get_absolute_url(),
    ):
        status, _, body = fetch(PROXY + path)
        expect(status == 200 and "田中 直子".encode() in body, f"proxy → {path}")
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body).group(1).decode()
    status, _, _ = fetch(PROXY + stylesheet)
    expect(status == 200, f"proxy → {stylesheet}")
    served = proxied_requests(os.environ["NODE_A_LOG"]), proxied_requests(os.environ["NODE_B_LOG"])
    expect(all(served), f"both nodes served the journey (A {served[0]}, B {served[1]} requests)")

    # A file through node A, back through node B: one session, one store for both.
    content = b"%PDF-1.4\n% topology " + uuid.uuid4().hex.encode() + b"\n%%EOF\n"
    body, content_type = multipart(
        {"csrfmiddlewaretoken": csrf_token()}, "file", "topology.pdf", content
    )
    upload = reverse("projects:attachment_upload", args=[proposal.pk])
    status, headers, _ = fetch(NODE_A + upload, data=body, headers={"Content-Type": content_type})
    expect(status == 302, "uploaded through node A")
    attachment = ProposalAttachment.objects.filter(proposal=proposal).latest("pk")
    status, _, body = fetch(NODE_B + reverse("projects:attachment_download", args=[attachment.pk]))
    expect(status == 200 and body == content, "the same bytes downloaded through node B")
    backend = settings.STORAGES["default"]["BACKEND"]
    if "s3" in backend.lower():
        import boto3

        bucket = boto3.resource(
            "s3",
            endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"],
            region_name=os.environ["AWS_S3_REGION_NAME"],
        ).Bucket(os.environ["AWS_STORAGE_BUCKET_NAME"])
        stored = [item.key for item in bucket.objects.all()]
        expect(any(key.endswith(attachment.file.name) for key in stored), "the file is in S3")


if __name__ == "__main__":
    main()
