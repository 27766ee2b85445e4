"""JSON-lines logging for the reflector: one object per line, easy for journald, Loki or jq.

A record may carry ``extra={"fields": {...}}``; those keys are merged into the object, so a
request's line has ``transport``, ``src``, ``method``, ``call`` (a hash of the Call-ID that groups
one probe's lines), ``in``/``out`` byte counts and ``result`` — never a message body unless
``--log-messages`` asks for it.
"""

from __future__ import annotations

import json
import logging
import time


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
               + f".{int(record.msecs):03d}Z", "level": record.levelname.lower()}
        fields = getattr(record, "fields", None)
        if fields:
            doc.update(fields)
        else:
            doc["msg"] = record.getMessage()
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return json.dumps(doc, separators=(",", ":"))


class TextFormatter(logging.Formatter):
    """The human form: the same fields as ``key=value`` pairs."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.created))
        text = " ".join(f"{k}={v}" for k, v in fields.items()) if fields else record.getMessage()
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return f"{stamp} {text}"
