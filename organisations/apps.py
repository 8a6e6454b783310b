from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "หน่วยงานและผู้ใช้"

    def ready(self):
        from . import passwords  # noqa: F401  (connects the sign-in receiver)
