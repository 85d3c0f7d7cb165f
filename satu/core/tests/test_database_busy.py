"""A write that finds the embedded database locked answers 503 with Retry-After, not 500."""

import json
import sqlite3

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from satu.core.middleware import BUSY_RETRY_SECONDS, DatabaseBusyMiddleware


def locked_error(tmp_path) -> OperationalError:
    """The error SQLite really raises when another connection holds the write lock."""
    path = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN IMMEDIATE")
    writer = sqlite3.connect(path, timeout=0)
    try:
        writer.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as error:
        return OperationalError(*error.args)
    finally:
        holder.rollback()
        holder.close()
        writer.close()
    pytest.fail("the second connection was not refused")


@pytest.mark.django_db
def test_a_locked_database_answers_503_on_pages(tmp_path):
    middleware = DatabaseBusyMiddleware(lambda request: None)
    request = RequestFactory().post("/kelola/inovasi/1/")
    response = middleware.process_exception(request, locked_error(tmp_path))
    assert response.status_code == 503
    assert response["Retry-After"] == str(BUSY_RETRY_SECONDS)
    assert "Coba lagi" in response.content.decode()


def test_a_locked_database_answers_problem_details_on_the_api(tmp_path):
    middleware = DatabaseBusyMiddleware(lambda request: None)
    request = RequestFactory().patch("/api/v1/innovations/1")
    response = middleware.process_exception(request, locked_error(tmp_path))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 503


def test_other_database_errors_are_left_to_the_error_handler():
    middleware = DatabaseBusyMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
