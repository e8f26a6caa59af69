"""One JSON line per request: what was asked, the answer and how long it took.

No personal data: no address, no user, no cookie, no query string (searches
can name people); the path is logged with its query string's keys only.
"""

import json
import logging
import time
from datetime import UTC, datetime
from urllib.parse import parse_qsl

logger = logging.getLogger("festarchive.requests")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if fields:
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(line, ensure_ascii=False)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        keys = sorted(
            {key for key, _value in parse_qsl(request.META.get("QUERY_STRING", ""))}
        )
        logger.info(
            "request",
            extra={
                "fields": {
                    "method": request.method,
                    "path": request.path,
                    "query_keys": keys,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "htmx": bool(request.headers.get("HX-Request")),
                }
            },
        )
        return response
