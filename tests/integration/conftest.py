# pytest wiring for the integration tests: the --binary option and fixtures that run a fresh
# amtstermin (migrated, demo data seeded) per test module, or per test where a test needs its own,
# once on SQLite and once on PostgreSQL (the cluster tests/support/pg_cluster started); and the
# message sinks many modules share: a real SMTP server and the recording SMS gateway.
import os
from pathlib import Path

import pytest

from amt import AmtServer, create_postgres_database, free_port, fresh_database
from mail_server import SmtpServer
from sms_gateway import SmsGateway


def pytest_addoption(parser):
    parser.addoption("--binary", default=os.environ.get("AMTSTERMIN_BINARY"),
                     help="path to the amtstermin executable under test")


@pytest.fixture(scope="session")
def binary(request):
    path = request.config.getoption("--binary")
    if not path:
        pytest.fail("pass --binary <path-to-amtstermin> (or set AMTSTERMIN_BINARY)")
    path = Path(path).resolve()
    assert path.is_file() and os.access(path, os.X_OK), f"not an executable: {path}"
    return path


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request):
    """Every test that runs a server runs once per database engine."""
    return request.param


@pytest.fixture(scope="module")
def server(binary, backend, tmp_path_factory):
    """A running server shared by the tests of one module; it must exit 0 on SIGTERM at the end."""
    srv = AmtServer(binary, tmp_path_factory.mktemp(f"amt-{backend}"),
                    database_url=fresh_database(backend)).prepare().start()
    yield srv
    alive = srv.alive()
    code = srv.stop()
    assert alive, f"server died during the module:\n{srv.log_tail()}"
    assert code == 0, f"server exited {code} after SIGTERM:\n{srv.log_tail()}"


@pytest.fixture
def client(server):
    return server.client


@pytest.fixture
def make_server(binary, backend, tmp_path):
    """Factory for a server of the test's own (not started yet: call .prepare().start()), on a
    fresh database, or on database_url to share one database between servers."""
    made = []

    def make(extra_env=None, name="amt", database_url=None):
        srv = AmtServer(binary, tmp_path / name, extra_env, database_url or fresh_database(backend))
        made.append(srv)
        return srv

    yield make
    for srv in made:
        srv.kill()


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) on a free loopback port, listening; its inbox is what arrived."""
    srv = SmtpServer(free_port()).start()
    yield srv
    srv.stop()


@pytest.fixture
def two_servers(make_server):
    """Two servers on one fresh PostgreSQL database, as behind a load balancer: (a, b), started.
    A module that uses it sets its `backend` to "postgres"."""
    database = create_postgres_database()
    a = make_server(name="a", database_url=database).prepare().start()
    b = make_server(name="b", database_url=database).start()
    return a, b


@pytest.fixture
def idle_smtp():
    """A real SMTP server on a free loopback port, not listening yet (a mail server that is down)
    until the test calls .start()."""
    srv = SmtpServer(free_port())
    yield srv
    srv.stop()


@pytest.fixture
def gateway():
    """The recording SMS gateway on a free loopback port, listening and accepting."""
    gw = SmsGateway(free_port()).start()
    yield gw
    gw.stop()


@pytest.fixture
def idle_gateway():
    """The recording SMS gateway on a free port, not listening yet (a gateway that is down) until
    the test calls .start()."""
    gw = SmsGateway(free_port())
    yield gw
    gw.stop()
