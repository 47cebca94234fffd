"""Government bodies for development data, taken from the national code table."""

from partners.local_government_codes import known_bodies
from partners.models import GovernmentBody


def body_from_code_table(name: str) -> GovernmentBody:
    """The body of this name from the national code table (埼玉県 and its municipalities), created
    the first time it is asked for; a municipality's prefecture is created with it."""
    existing = GovernmentBody.objects.filter(name=name).first()
    if existing is not None:
        return existing
    known = known_bodies().get(name)
    if known is None:
        raise ValueError(f"{name} is not in the code table")
    prefecture = (
        None
        if known["level"] == GovernmentBody.Level.PREFECTURE
        else body_from_code_table("埼玉県")
    )
    return GovernmentBody.objects.create(name=name, prefecture=prefecture, **known)
