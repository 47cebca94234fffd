"""What a committee member's own pages show of the secretary's desk: what they still owe, and
which of their sheets the office typed in from paper. (Tags, so the review pages need no
change to their views to show it.)"""

from django import template

from selection import selectors

register = template.Library()


@register.inclusion_tag("selection/_owed.html", takes_context=True)
def owed_applicants(context):
    """Per call under review, the applicants the signed-in member has still to declare on or
    to score."""
    return {"owed": selectors.owed_by_member(context["request"].user)}


@register.inclusion_tag("selection/_entered_by_office.html", takes_context=True)
def entered_by_office(context, call):
    """The member's sheets on this call that the office entered from their paper sheet."""
    return {"entries": selectors.entered_by_office(context["request"].user, call)}
