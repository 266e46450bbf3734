def test_the_api_refuses_anonymous_callers(client):
    assert client.get("/api/v1/me/").status_code == 403


def test_the_api_says_who_is_signed_in(client, adviser):
    client.force_login(adviser)
    body = client.get("/api/v1/me/").json()
    assert body == {
        "id": adviser.pk,
        "username": "karim",
        "full_name": adviser.get_full_name(),
        "role": "adviser",
        "language": "fr",
    }


def test_the_schema_and_its_docs_are_served_from_our_own_assets(client, adviser):
    client.force_login(adviser)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/me/" in schema.json()["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs.split("</head>")[0]


def test_the_health_check_answers(client, db):
    response = client.get("/healthz/")
    assert (response.status_code, response.content) == (200, b"ok")
