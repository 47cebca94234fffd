from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """``?page=N&page_size=M`` (at most 100 per page); the body says the total count."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
