"""Create the PostgreSQL database named in a URL if it does not exist yet.

python scripts/ensure_database.py postgres://postgres@127.0.0.1:5432/satu
"""

import sys

import dj_database_url
import psycopg
from psycopg import sql

config = dj_database_url.parse(sys.argv[1])
if "postgresql" not in config["ENGINE"]:
    sys.exit(0)
params = {
    "host": config["HOST"] or None,
    "port": config["PORT"] or None,
    "user": config["USER"] or None,
    "password": config["PASSWORD"] or None,
    "dbname": "postgres",
    "autocommit": True,
}
with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as connection:
    exists = connection.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
    ).fetchone()
    if not exists:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
        print(f"created database {config['NAME']}")
