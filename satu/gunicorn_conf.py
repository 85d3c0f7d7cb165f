"""gunicorn settings for `make run` and production (override with environment variables)."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
# Recycle workers now and then so that a slow leak can never take the site down.
# The application is imported once, before the workers fork: a recycled worker starts in
# milliseconds instead of importing Django again while its connections wait.
preload_app = True
# Recycle a worker after this many requests (0: never), as a guard against slow leaks; at a few
# requests a second that is every few hours.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = "-" if os.environ.get("WEB_ACCESS_LOG", "1") == "1" else None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
