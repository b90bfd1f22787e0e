#!/usr/bin/env python3
"""Test-only HTTP server for `vouch db update` (127.0.0.1, random port, bounded lifetime).

Serves FILE at /all.zip with Range support; /truncated/all.zip cuts the first response off
half-way (promising the full length), later requests are served whole; /norange/all.zip ignores
Range (always 200 with the whole file); anything else is 404.
Every request's path and Range header is appended to LOG. Usage: SERVER FILE PORTFILE LOG
"""
import http.server
import os
import sys
import threading

payload_path, port_file, log_path = sys.argv[1:4]
payload = open(payload_path, "rb").read()
truncated_once = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        rng = self.headers.get("Range", "")
        with open(log_path, "a") as log:
            log.write(f"{self.path} range={rng}\n")
        if self.path not in ("/all.zip", "/truncated/all.zip", "/norange/all.zip"):
            self.send_response(404)
            self.send_header("Content-Length", "9")
            self.end_headers()
            self.wfile.write(b"not found")
            return
        start = 0
        if rng.startswith("bytes=") and rng.endswith("-") and not self.path.startswith("/norange/"):
            start = int(rng[6:-1])
        if start >= len(payload):
            self.send_response(416)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = payload[start:]
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(payload) - 1}/{len(payload)}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path.startswith("/truncated/") and not truncated_once.is_set():
            truncated_once.set()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
