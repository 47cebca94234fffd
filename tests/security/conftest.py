"""The security tests reuse the API tests' small world: one of everything, public and private,
owned by office A (埼玉県 県民生活課) with NPO A (ひだまり子育てネット) as partner."""

from tests.api.conftest import _fast_hasher, people, world  # noqa: F401 (fixtures)
