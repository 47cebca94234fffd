from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE_INVALID = _(
    "1ページの件数（page_size）は1以上の整数で指定してください（100を超えるときは100件です）。"
)


class PagePagination(PageNumberPagination):
    """``?page=N&page_size=M`` (at most 100 per page); the body says the total count."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        # DRF ignores a page_size it cannot read and answers the default page: a caller who
        # mistyped it would page through the wrong slices without knowing. Like the filters,
        # a bad value is a 400 with the reason.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise ValidationError({self.page_size_query_param: [str(PAGE_SIZE_INVALID)]})
        return min(int(raw), self.max_page_size)

    def check_request(self, request, count: int) -> None:
        """Refuses, as ``paginate_queryset`` would, a page size or a page that cannot be given,
        without reading a row: a conditional request is answered 304 before the page is read,
        and must not be told "not modified" for a page that does not exist."""
        size = self.get_page_size(request)
        paginator = self.django_paginator_class(range(count), size)
        number = request.query_params.get(self.page_query_param) or 1
        if number in self.last_page_strings:
            number = paginator.num_pages
        try:
            paginator.validate_number(number)
        except InvalidPage as error:
            raise NotFound(
                self.invalid_page_message.format(page_number=number, message=str(error))
            ) from error

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
