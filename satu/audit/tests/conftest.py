import pytest

from satu.audit.checkpoints import CHECKPOINT_DIR, checkpoint_storage


def remove_checkpoints() -> None:
    storage = checkpoint_storage()
    try:
        _, names = storage.listdir(CHECKPOINT_DIR)
    except FileNotFoundError:
        return
    for name in names:
        storage.delete(f"{CHECKPOINT_DIR}/{name}")


@pytest.fixture(autouse=True)
def no_stored_checkpoints():
    """Checkpoints live in file storage, which the database rollback does not undo."""
    remove_checkpoints()
    yield
    remove_checkpoints()
