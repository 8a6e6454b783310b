"""What running the deployment needs to know about itself."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A background worker that is alive says so every few seconds (`manage.py worker`);
    /healthz reads the latest."""

    worker_id = models.CharField("รหัสตัวทำงาน", max_length=64, unique=True)
    host = models.CharField("เครื่อง", max_length=200)
    pid = models.PositiveIntegerField("หมายเลขโพรเซส")
    started_at = models.DateTimeField("เริ่มเมื่อ")
    seen_at = models.DateTimeField("ล่าสุดเมื่อ", db_index=True)

    class Meta:
        verbose_name = "ตัวทำงานเบื้องหลัง"
        verbose_name_plural = "ตัวทำงานเบื้องหลัง"

    def __str__(self):
        return f"{self.worker_id} ({self.host})"
