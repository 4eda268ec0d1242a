import pytest

from tests.mentoring.factories import TrajectoryFactory


@pytest.fixture
def trajectory(db, senior, junior, organisation):
    return TrajectoryFactory(senior=senior, junior=junior, organisation=organisation)
