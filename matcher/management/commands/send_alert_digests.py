"""Cron: `python manage.py send_alert_digests` (see README, matcher section)."""

from django.core.management.base import BaseCommand, CommandError

from matcher.digests import send_all


class Command(BaseCommand):
    help = "向已确认的订阅发送新信息汇总邮件（每个订阅一封，不重复发送同一条信息）"

    def handle(self, *args, **options):
        report = send_all()
        self.stdout.write(
            f"已发送 {report.sent} 封，无新信息 {report.skipped} 个，失败 {len(report.failed)} 封，"
            f"清理过期未确认订阅 {report.purged} 个。"
        )
        if report.failed:
            for pk, reason in report.failed:
                self.stderr.write(f"订阅 {pk} 发送失败：{reason}")
            # Non-zero exit so the scheduler reports it; the failed ones are retried next run.
            raise CommandError(f"{len(report.failed)} 封汇总邮件发送失败，下次运行时重试。")
