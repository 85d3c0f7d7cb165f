"""gunicorn settings for `make run` and production (override with environment variables)."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# Recycle workers now and then so that a slow leak can never take the site down.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-" if os.environ.get("WEB_ACCESS_LOG", "1") == "1" else None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
