app_name = "casebook"

urlpatterns: list = []
