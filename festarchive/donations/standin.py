"""A stand-in for Mollie's API, for tests and the local demo.

It answers the requests the donations app makes, with the same JSON the real
API gives (https://docs.mollie.com/reference/), so the real
``mollie-api-python`` client talks to it unchanged: payments (create, get),
customers (create, get), a customer's mandates (list), and a customer's
subscriptions (create, get, cancel). Its hosted checkout page lets whoever
pays pick what happens, the way Mollie's test mode does: paid, failed,
cancelled, expired, or left open. It then calls the payment's webhook with
the payment's id and sends the browser back to the payment's redirect
address.

A paid first payment (``sequenceType: "first"``) leaves a valid SEPA direct
debit mandate on its customer, as an iDEAL or card payment does at Mollie.
``charge`` collects the next payment of a subscription and calls the
subscription's webhook, as Mollie does on each due date.

What real servers do wrong can be asked for too: ``fail_next`` answers the
next requests with an error (a 5xx, or a 401 as for a bad key),
``send_webhook`` calls a webhook again (a duplicate, or a late one), and
webhooks can be held back (``deliver=False``) to be delivered later, in any
order, with ``deliver_webhooks``.

Nothing here is imported by the site itself. Run it for the demo with
``festarchive mollie-standin`` (docs/donations.md).
"""

import datetime
import html
import json
import secrets
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The key the stand-in accepts unless told otherwise; it has Mollie's shape.
STANDIN_KEY = "test_standinstandinstandinstandin"
CHECKOUT_CHOICES = (
    ("paid", "Paid"),
    ("failed", "Failed"),
    ("canceled", "Cancelled"),
    ("expired", "Expired"),
    ("open", "Open (come back later)"),
)
FINAL = {"paid", "failed", "canceled", "expired"}


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _new_id(prefix: str) -> str:
    return prefix + secrets.token_hex(5)


@dataclass
class Webhook:
    """A call of a webhook: the address and the id it carries."""

    url: str
    id: str


@dataclass
class StandIn:
    """What the stand-in holds, and what tests ask of it."""

    base_url: str = ""
    api_keys: set = field(default_factory=lambda: {STANDIN_KEY})
    # Whether webhooks are called at once (a live server listens), or kept in
    # ``outbox`` for the test to deliver, late or out of order if it likes.
    deliver: bool = True
    payments: dict = field(default_factory=dict)
    customers: dict = field(default_factory=dict)
    mandates: dict = field(default_factory=dict)  # customer id -> [mandate]
    subscriptions: dict = field(default_factory=dict)  # subscription id -> sub
    outbox: list = field(default_factory=list)
    requests: list = field(default_factory=list)  # (method, path), in order
    _failures: list = field(default_factory=list)
    _replays: dict = field(default_factory=dict)  # Idempotency-Key -> answer
    lock: threading.RLock = field(default_factory=threading.RLock)

    # -- asked for by tests ------------------------------------------------

    def fail_next(self, status: int = 503, times: int = 1, path: str = "") -> None:
        """Answer the next ``times`` API requests (whose path starts with
        ``path``, when given) with an error of ``status``."""
        with self.lock:
            self._failures.extend([(status, path)] * times)

    def pay(self, payment_id: str, status: str = "paid") -> None:
        """Do what the checkout page does when ``status`` is picked."""
        with self.lock:
            payment = self.payments[payment_id]
            self._set_status(payment, status)
            if status != "open":
                self._queue(payment)
        self._flush()

    def charge(self, subscription_id: str, status: str = "paid") -> dict:
        """Collect the next payment of a subscription, as Mollie does on its
        due date, and call the subscription's webhook."""
        with self.lock:
            sub = self.subscriptions[subscription_id]
            if sub["status"] != "active":
                raise ValueError(f"subscription {subscription_id} is {sub['status']}")
            payment = self._payment(
                {
                    "amount": sub["amount"],
                    "description": sub["description"],
                    "webhookUrl": sub.get("webhookUrl") or "",
                    "metadata": sub.get("metadata"),
                    "customerId": sub["customerId"],
                    "sequenceType": "recurring",
                },
                extra={
                    "subscriptionId": sub["id"],
                    "mandateId": sub.get("mandateId"),
                    "method": "directdebit",
                },
            )
            self._set_status(payment, status)
            sub["timesCharged"] = sub.get("timesCharged", 0) + 1
            self._queue(payment)
        self._flush()
        return payment

    def send_webhook(self, payment_id: str) -> None:
        """Call the payment's webhook again: a duplicate or a late call."""
        with self.lock:
            self._queue(self.payments[payment_id])
        self._flush()

    def deliver_webhooks(self, post) -> int:
        """Deliver the webhooks held back, oldest first, with ``post(path,
        data)`` (a test client's); returns how many."""
        with self.lock:
            calls, self.outbox = self.outbox, []
        for call in calls:
            post(urllib.parse.urlsplit(call.url).path, {"id": call.id})
        return len(calls)

    def last_payment(self) -> dict:
        with self.lock:
            return list(self.payments.values())[-1]

    def checkout_path(self, payment_id: str) -> str:
        return f"/checkout/{payment_id}"

    # -- the API -------------------------------------------------------------

    def _queue(self, payment: dict) -> None:
        if payment.get("webhookUrl"):
            self.outbox.append(Webhook(payment["webhookUrl"], payment["id"]))

    def _flush(self) -> None:
        """Call the webhooks queued, when they are called at once; outside the
        lock, since the site asks the stand-in for the payment meanwhile."""
        if not self.deliver:
            return
        with self.lock:
            calls, self.outbox = self.outbox, []
        for call in calls:
            _post_webhook(call)

    def _payment(self, body: dict, extra: dict | None = None) -> dict:
        payment_id = _new_id("tr_")
        payment = {
            "resource": "payment",
            "id": payment_id,
            "mode": "test",
            "createdAt": _now(),
            "status": "open",
            "isCancelable": False,
            "amount": body["amount"],
            "description": body.get("description", ""),
            "method": body.get("method"),
            "metadata": body.get("metadata"),
            "locale": body.get("locale"),
            "profileId": "pfl_standin",
            "sequenceType": body.get("sequenceType", "oneoff"),
            "redirectUrl": body.get("redirectUrl"),
            "webhookUrl": body.get("webhookUrl"),
            "expiresAt": _now(),
            "_links": {
                "self": {"href": f"{self.base_url}/v2/payments/{payment_id}"},
                "checkout": {"href": f"{self.base_url}/checkout/{payment_id}"},
            },
        }
        if body.get("customerId"):
            payment["customerId"] = body["customerId"]
        payment.update(extra or {})
        if payment["status"] != "open" or extra:
            payment["_links"].pop("checkout", None)
        self.payments[payment_id] = payment
        return payment

    def _set_status(self, payment: dict, status: str) -> None:
        if payment["status"] in FINAL:
            return  # Mollie never moves a payment on from a final status.
        payment["status"] = status
        if status in FINAL:
            payment["_links"].pop("checkout", None)
            payment[{"canceled": "canceledAt"}.get(status, f"{status}At")] = _now()
        if status == "paid":
            payment.setdefault("method", "ideal")
            payment["method"] = payment["method"] or "ideal"
            if payment["sequenceType"] == "first":
                mandate = {
                    "resource": "mandate",
                    "id": _new_id("mdt_"),
                    "mode": "test",
                    "status": "valid",
                    "method": "directdebit",
                    "details": {
                        "consumerName": "Test donor",
                        "consumerAccount": "NL55INGB0000000000",
                        "consumerBic": "INGBNL2A",
                    },
                    "mandateReference": None,
                    "signatureDate": datetime.date.today().isoformat(),
                    "createdAt": _now(),
                }
                self.mandates.setdefault(payment["customerId"], []).append(mandate)
                payment["mandateId"] = mandate["id"]

    def answer(self, method: str, path: str, body: dict, headers) -> tuple[int, dict]:
        """The status and JSON the API gives to a request."""
        with self.lock:
            self.requests.append((method, path))
            for index, (status, prefix) in enumerate(self._failures):
                if not prefix or path.startswith(prefix):
                    del self._failures[index]
                    return status, _error(status, "The stand-in was told to fail.")
            key = (headers.get("Authorization") or "").removeprefix("Bearer ")
            if key not in self.api_keys:
                return 401, _error(
                    401, "Missing authentication, or failed to authenticate"
                )
            replay_key = headers.get("Idempotency-Key")
            if method == "POST" and replay_key and replay_key in self._replays:
                return self._replays[replay_key]
            answer = self._route(method, path.split("?")[0].rstrip("/"), body)
            if method == "POST" and replay_key and answer[0] < 300:
                self._replays[replay_key] = answer
            return answer

    def _route(self, method: str, path: str, body: dict) -> tuple[int, dict]:
        parts = path.split("/")[2:]  # after "/v2"
        match method, parts:
            case "POST", ["payments"]:
                problem = _check_amount(body.get("amount"))
                if problem:
                    return 422, _error(422, problem, field="amount")
                if body.get("sequenceType") == "first" and not body.get("customerId"):
                    return 422, _error(
                        422, "A first payment needs a customer.", "customerId"
                    )
                return 201, self._payment(body)
            case "GET", ["payments", payment_id]:
                if payment_id not in self.payments:
                    return 404, _error(404, "No payment exists with token.")
                return 200, self.payments[payment_id]
            case "POST", ["customers"]:
                customer = {
                    "resource": "customer",
                    "id": _new_id("cst_"),
                    "mode": "test",
                    "name": body.get("name"),
                    "email": body.get("email"),
                    "locale": body.get("locale"),
                    "metadata": body.get("metadata"),
                    "createdAt": _now(),
                }
                self.customers[customer["id"]] = customer
                return 201, customer
            case "GET", ["customers", customer_id]:
                if customer_id not in self.customers:
                    return 404, _error(404, "No customer exists with token.")
                return 200, self.customers[customer_id]
            case "GET", ["customers", customer_id, "mandates"]:
                if customer_id not in self.customers:
                    return 404, _error(404, "No customer exists with token.")
                mandates = self.mandates.get(customer_id, [])
                return 200, _list("mandates", mandates)
            case "POST", ["customers", customer_id, "subscriptions"]:
                return self._subscribe(customer_id, body)
            case "GET", ["customers", customer_id, "subscriptions", sub_id]:
                sub = self.subscriptions.get(sub_id)
                if not sub or sub["customerId"] != customer_id:
                    return 404, _error(404, "No subscription exists with token.")
                return 200, sub
            case "DELETE", ["customers", customer_id, "subscriptions", sub_id]:
                sub = self.subscriptions.get(sub_id)
                if not sub or sub["customerId"] != customer_id:
                    return 404, _error(404, "No subscription exists with token.")
                if sub["status"] == "canceled":
                    return 422, _error(422, "The subscription has been canceled.")
                sub["status"] = "canceled"
                sub["canceledAt"] = _now()
                sub.pop("nextPaymentDate", None)
                return 200, sub
        return 404, _error(404, f"The stand-in has no {method} {path}.")

    def _subscribe(self, customer_id: str, body: dict) -> tuple[int, dict]:
        if customer_id not in self.customers:
            return 404, _error(404, "No customer exists with token.")
        valid = [
            m for m in self.mandates.get(customer_id, []) if m["status"] == "valid"
        ]
        if not valid:
            return 422, _error(422, "The customer has no valid mandates.")
        problem = _check_amount(body.get("amount"))
        if problem or not body.get("interval"):
            return 422, _error(422, problem or "The interval is missing.")
        mandate_id = body.get("mandateId") or valid[0]["id"]
        start = body.get("startDate") or datetime.date.today().isoformat()
        sub = {
            "resource": "subscription",
            "id": _new_id("sub_"),
            "mode": "test",
            "createdAt": _now(),
            "status": "active",
            "amount": body["amount"],
            "times": body.get("times"),
            "interval": body["interval"],
            "startDate": start,
            "nextPaymentDate": start,
            "description": body.get("description", ""),
            "method": body.get("method"),
            "mandateId": mandate_id,
            "webhookUrl": body.get("webhookUrl"),
            "metadata": body.get("metadata"),
            "customerId": customer_id,
        }
        self.subscriptions[sub["id"]] = sub
        return 201, sub


def _list(name: str, items: list) -> dict:
    return {
        "count": len(items),
        "_embedded": {name: items},
        "_links": {"previous": None, "next": None},
    }


def _error(status: int, detail: str, field: str | None = None) -> dict:
    titles = {
        401: "Unauthorized Request",
        404: "Not Found",
        422: "Unprocessable Entity",
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
    }
    error = {"status": status, "title": titles.get(status, "Error"), "detail": detail}
    if field:
        error["field"] = field
    return error


def _check_amount(amount) -> str:
    if not isinstance(amount, dict) or amount.get("currency") != "EUR":
        return "The amount is missing or not in euros."
    try:
        value = Decimal(str(amount.get("value")))
    except InvalidOperation:
        return "The amount is not a number."
    if value.as_tuple().exponent != -2 or value < Decimal("0.01"):
        return "The amount must have two decimals and be at least 0.01."
    return ""


def _post_webhook(call: Webhook) -> None:
    data = urllib.parse.urlencode({"id": call.id}).encode()
    try:
        # A local address from our own tests or the demo; never user input.
        urllib.request.urlopen(call.url, data=data, timeout=10).read()  # noqa: S310
    except OSError:
        pass  # Mollie tries again later; here a test can send it again.


def _checkout_page(payment: dict) -> str:
    amount = payment["amount"]
    buttons = "".join(
        f'<p><button name="status" value="{value}">{label}</button></p>'
        for value, label in CHECKOUT_CHOICES
    )
    first = (
        "<p>This first payment also gives a SEPA direct debit mandate for the "
        "monthly payments that follow.</p>"
        if payment["sequenceType"] == "first"
        else ""
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Mollie stand-in checkout</title></head><body>"
        "<main><h1>Mollie stand-in checkout</h1>"
        f"<p>{html.escape(payment['description'] or '')}</p>"
        f"<p>Amount: {html.escape(amount['currency'])} "
        f"{html.escape(amount['value'])}</p>{first}"
        "<p>Pick what happens to this test payment:</p>"
        f'<form method="post">{buttons}</form></main></body></html>'
    )


def _index_page(standin: StandIn) -> str:
    rows = "".join(
        f"<li>{html.escape(sub['id'])}: {html.escape(sub['amount']['value'])} EUR, "
        f"{html.escape(sub['status'])}"
        f'<form method="post" action="/_standin/charge/{html.escape(sub["id"])}">'
        "<button>Charge the next payment</button></form></li>"
        for sub in standin.subscriptions.values()
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Mollie stand-in</title></head><body><main>"
        "<h1>Mollie stand-in</h1><h2>Subscriptions</h2>"
        f"<ul>{rows or '<li>None yet.</li>'}</ul></main></body></html>"
    )


class _Handler(BaseHTTPRequestHandler):
    standin: StandIn

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _send(self, status: int, body: str, content_type: str, location: str = ""):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _api(self, method: str):
        raw = self._body()
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        if not isinstance(body, dict):
            status, answer = 400, _error(400, "The body is not a JSON object.")
        else:
            status, answer = self.standin.answer(method, self.path, body, self.headers)
        self._send(status, json.dumps(answer), "application/hal+json")

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/v2/"):
            return self._api("GET")
        if path.startswith("/checkout/"):
            payment = self.standin.payments.get(path.removeprefix("/checkout/"))
            if payment is None:
                return self._send(404, "No such payment.", "text/plain")
            return self._send(200, _checkout_page(payment), "text/html; charset=utf-8")
        if path in ("/", "/_standin"):
            return self._send(
                200, _index_page(self.standin), "text/html; charset=utf-8"
            )
        return self._send(404, "Not here.", "text/plain")

    def do_DELETE(self):
        return self._api("DELETE")

    def do_POST(self):
        path = self.path.split("?")[0]
        if path.startswith("/v2/"):
            return self._api("POST")
        if path.startswith("/checkout/"):
            payment_id = path.removeprefix("/checkout/")
            form = urllib.parse.parse_qs(self._body().decode())
            status = (form.get("status") or ["open"])[0]
            if payment_id not in self.standin.payments or status not in dict(
                CHECKOUT_CHOICES
            ):
                return self._send(400, "No such payment or choice.", "text/plain")
            self.standin.pay(payment_id, status)
            # Mollie calls the webhook before it sends the payer back.
            redirect = self.standin.payments[payment_id]["redirectUrl"]
            return self._send(303, "", "text/plain", location=redirect)
        if path.startswith("/_standin/charge/"):
            try:
                self.standin.charge(path.removeprefix("/_standin/charge/"))
            except (KeyError, ValueError) as error:
                return self._send(400, str(error), "text/plain")
            return self._send(303, "", "text/plain", location="/_standin")
        return self._send(404, "Not here.", "text/plain")


def serve(host: str = "127.0.0.1", port: int = 0, **options):
    """Start the stand-in in a thread; returns ``(standin, server)``. Stop it
    with ``server.shutdown()``. Port 0 picks a free one."""
    standin = StandIn(**options)
    handler = type("Handler", (_Handler,), {"standin": standin})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    standin.base_url = f"http://{host}:{server.server_address[1]}"
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return standin, server
