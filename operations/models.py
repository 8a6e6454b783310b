"""What running the deployment needs to know about itself."""

from django.conf import settings
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


class ReminderSent(models.Model):
    """A reminder e-mailed to a person about one thing they owed for an ITA item
    (publishing/due_work.py: its key): nobody is reminded twice of the same thing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="ผู้รับ"
    )
    key = models.CharField("เรื่อง", max_length=100)
    text = models.CharField("ข้อความ", max_length=500)
    sent_at = models.DateTimeField("ส่งเมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "การเตือนทางอีเมล"
        verbose_name_plural = "การเตือนทางอีเมล"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="reminder_once_per_thing")
        ]

    def __str__(self):
        return f"{self.user} – {self.key}"


class ReminderRun(models.Model):
    """The day's pass over what is due, queued once a day by the first worker that sees the
    hour come (operations/reminders.py)."""

    day = models.DateField("วันที่", unique=True)
    queued_at = models.DateTimeField("เข้าคิวเมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "รอบการเตือนประจำวัน"
        verbose_name_plural = "รอบการเตือนประจำวัน"

    def __str__(self):
        return str(self.day)
