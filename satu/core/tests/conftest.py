from satu.catalog.testing import *  # noqa: F403
