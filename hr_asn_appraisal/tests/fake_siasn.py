"""A fake SIASN for the tests: a small HTTP server on 127.0.0.1 (a free
port), in a thread, answering like the real one (``{success, message,
mapData}``) with scripted misbehaviour.

Odoo's test framework blocks outgoing HTTP except to 127.0.0.1/localhost
(odoo.tests.common.BaseCase._request_handler): the connector's requests reach
this server and nothing else.

``script(path, *behaviours)`` queues what the next requests to ``path`` get:

- ``"ok"``: stored (a new record, or the one whose ``id`` is given);
- ``"401"``: the token is refused as expired;
- ``"500"``: a server error;
- ``"slow"``: the answer comes after ``slow_seconds`` (a client timeout);
- ``"malformed"``: HTTP 200 with a body that is not JSON;
- ``("refuse", message)``: HTTP 400 ``{success: false, message}``.

Without a script a request is answered ``"ok"``. Tokens: the token
endpoint issues ``token-<n>``; a save with another bearer token gets 401.
"""

import base64
import json
import threading
import time
import uuid
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

TOKEN_PATH = "/oauth2/token"
CLIENT_ID = "hr-asn-test-client"
CLIENT_SECRET = "s3cret-for-tests-only"  # noqa: S105 (a test fixture)


class FakeSiasn:
    def __init__(self, slow_seconds=2.0):
        self.slow_seconds = slow_seconds
        self.scripts = defaultdict(deque)
        self.records = {}  # remote id -> (path, payload)
        self.requests = []  # (path, payload or form, authorization header)
        self.tokens_issued = 0
        self.gave_up = 0
        self.valid_token = None
        self.lock = threading.Lock()
        self.server = None
        self.thread = None

    # ------------------------------------------------------------------
    @property
    def base_url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/apisiasn/1.0"

    @property
    def token_url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{TOKEN_PATH}"

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test log clean
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                fake._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(5)

    def script(self, path, *behaviours):
        with self.lock:
            self.scripts[path].extend(behaviours)

    def expire_token(self):
        """SIASN forgets the token it issued (it expired on its side)."""
        with self.lock:
            self.valid_token = None

    def saves(self, path=None):
        """The save requests received (path, payload), in order."""
        return [
            (p, body)
            for p, body, _auth in self.requests
            if p != TOKEN_PATH and (path is None or p.endswith(path))
        ]

    # ------------------------------------------------------------------
    def _reply(self, handler, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.gave_up += 1  # the client stopped waiting (timeout)

    def _handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length).decode()
        path = handler.path
        auth = handler.headers.get("Authorization", "")
        if path == TOKEN_PATH:
            return self._token(handler, raw, auth)
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = raw
        with self.lock:
            self.requests.append((path, payload, auth))
            short = path.split("/apisiasn/1.0/", 1)[-1]
            queue = self.scripts[short]
            behaviour = queue.popleft() if queue else "ok"
        if auth != f"Bearer {self.valid_token}" or behaviour == "401":
            if behaviour == "401":
                self.expire_token()
            return self._reply(
                handler, 401, {"code": 900901, "message": "Invalid Credentials"}
            )
        if behaviour == "500":
            return self._reply(handler, 500, b"Internal Server Error")
        if behaviour == "slow":
            time.sleep(self.slow_seconds)
            return self._reply(handler, 200, {"success": True, "mapData": "late"})
        if behaviour == "malformed":
            return self._reply(handler, 200, b"<html>Bad gateway</html>")
        if isinstance(behaviour, tuple) and behaviour[0] == "refuse":
            return self._reply(
                handler, 400, {"success": False, "message": behaviour[1]}
            )
        return self._save(handler, short, payload)

    def _save(self, handler, path, payload):
        remote_id = payload.get("id") if isinstance(payload, dict) else None
        with self.lock:
            if remote_id:
                if remote_id not in self.records:
                    return self._reply(
                        handler,
                        400,
                        {"success": False, "message": "Data tidak ditemukan"},
                    )
            else:
                remote_id = str(uuid.uuid4())
            self.records[remote_id] = (path, payload)
        self._reply(
            handler,
            200,
            {"success": True, "message": "Berhasil", "mapData": remote_id},
        )

    def _token(self, handler, raw, auth):
        form = parse_qs(raw)
        with self.lock:
            self.requests.append((TOKEN_PATH, form, auth))
            queue = self.scripts[TOKEN_PATH]
            behaviour = queue.popleft() if queue else "ok"
        expected = (
            "Basic "
            + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        )
        if behaviour == "500":
            return self._reply(handler, 500, b"down")
        if auth != expected or form.get("grant_type") != ["client_credentials"]:
            return self._reply(
                handler,
                401,
                {
                    "error": "invalid_client",
                    "error_description": "Client Authentication failed.",
                },
            )
        with self.lock:
            self.tokens_issued += 1
            self.valid_token = f"token-{self.tokens_issued}"
        self._reply(
            handler,
            200,
            {
                "access_token": self.valid_token,
                "token_type": "Bearer",
                "expires_in": 3600,
            },
        )
