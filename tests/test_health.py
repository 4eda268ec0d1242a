import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_health_reports_each_service(client, settings):
    response = client.get("/health/")
    data = response.json()
    assert response.status_code == 200
    assert data["database"] == "ok"
    assert data["cache"] == "ok"
    assert data["broker"] in ({"ok"} if settings.REDIS_URL else {"eager"})


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_when_the_database_cannot_be_reached(client):
    """The connection is pointed at a port where no server listens, then put back. (SQLite's
    in-memory test database cannot be taken away, so this runs on PostgreSQL.)"""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    connection.close()
    saved = dict(connection.settings_dict)
    connection.settings_dict["PORT"] = 1
    try:
        response = client.get("/health/")
    finally:
        connection.close()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json()["database"].startswith("error")
