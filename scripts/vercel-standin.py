#!/usr/bin/env python3
"""A loopback stand-in for the two Vercel REST endpoints vouch gate uses (scripts/demo.sh and
tests/e2e/test_gate.sh start it).

  GET  /v13/deployments/{idOrUrl}?withGitRepoInfo=true[&teamId=]
  POST /v10/projects/{projectId}/promote/{deploymentId}[?teamId=]

It checks the method, the path, the Authorization: Bearer header and the teamId query, like the
real API would refuse them, and records every request (without the token) in a log file.
Behaviour comes from a JSON config file, re-read on every request, so a test changes scenario by
rewriting the file:
  {"token": "...", "team": "team_x" | null,
   "deployment": {... the GET body ...},
   "get":     [{"status": 200, "body": <json> | "raw": "text", "headers": {...}, "sleep": s}, ...],
   "promote": [{"status": 201}, ...]}
The n-th request to an endpoint gets the n-th response (the last one repeats); counters restart
when the config file changes. Without "get", GET answers 200 with "deployment".

Usage: vercel-standin.py CONFIG PORT_FILE REQUEST_LOG   (binds 127.0.0.1 on a free port)
"""
import http.server
import json
import os
import re
import sys
import time
import urllib.parse

CONFIG, PORT_FILE, REQUEST_LOG = sys.argv[1:4]
state = {"mtime": None, "counts": {}}


def load():
    mtime = os.stat(CONFIG).st_mtime_ns
    if mtime != state["mtime"]:
        state["mtime"] = mtime
        state["counts"] = {}
    with open(CONFIG) as f:
        return json.load(f)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body=None, raw=None, headers=None):
        data = raw.encode() if raw is not None else json.dumps(body if body is not None else {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message):
        self.reply(status, {"error": {"code": "fake", "message": message}})

    def handle_any(self, method):
        config = load()
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        auth_ok = self.headers.get("Authorization") == "Bearer " + config["token"]
        with open(REQUEST_LOG, "a") as log:
            log.write(f"{method} {url.path}?{url.query} auth={'ok' if auth_ok else 'bad'}\n")
        if not auth_ok:
            return self.error(401, "The request is not authorized")
        team = config.get("team")
        if team and query.get("teamId") != [team]:
            return self.error(403, "Not authorized for this team (teamId missing or wrong)")
        if not team and "teamId" in query:
            return self.error(403, "unexpected teamId")
        if re.fullmatch(r"/v13/deployments/[^/]+", url.path):
            endpoint = "get"
            if method != "GET":
                return self.error(405, "method not allowed")
            if query.get("withGitRepoInfo") != ["true"]:
                return self.error(400, "withGitRepoInfo=true expected by this fake")
            key = urllib.parse.unquote(url.path.rsplit("/", 1)[1])
            d = config.get("deployment", {})
            if "get" not in config and key not in (d.get("id"), d.get("url")):
                return self.error(404, "Deployment not found")
        elif re.fullmatch(r"/v10/projects/[^/]+/promote/[^/]+", url.path):
            endpoint = "promote"
            if method != "POST":
                return self.error(405, "method not allowed")
        else:
            return self.error(404, "no such endpoint")
        responses = config.get(endpoint) or [{"status": 200 if endpoint == "get" else 201,
                                              "body": config.get("deployment", {}) if endpoint == "get" else {}}]
        n = state["counts"].get(endpoint, 0)
        state["counts"][endpoint] = n + 1
        r = responses[min(n, len(responses) - 1)]
        if r.get("sleep"):
            time.sleep(r["sleep"])
        body = r.get("body", config.get("deployment") if endpoint == "get" else {})
        self.reply(r.get("status", 200), body=body, raw=r.get("raw"), headers=r.get("headers"))

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
