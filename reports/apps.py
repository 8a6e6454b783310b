from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "รายงานและการพิจารณา"

    def ready(self):
        # WeasyPrint's Thai text layer needs a fix before any PDF is made (see the module).
        from .pdf import text_layer

        text_layer.install()
