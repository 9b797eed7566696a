import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

DEMO_PASSWORD = "nanchuan-demo-2026"


class Command(BaseCommand):
    help = "创建管理员账号（已存在则不作任何修改，绝不重置其密码）并打印登录信息"

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEMO_ADMIN_USER", "admin"))
        parser.add_argument("--password", default=os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_PASSWORD))

    def handle(self, username, password, **options):
        User = get_user_model()
        login_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        if User.objects.filter(username=username).exists():
            # Someone may have changed the password since: never overwrite it.
            self.stdout.write(f"管理后台：{login_url}  用户名：{username}（账号已存在，未作修改，密码保持不变）")
            return
        if not settings.DEBUG:
            if password == DEMO_PASSWORD:
                raise CommandError("生产环境（DEBUG 关闭）不能使用演示密码，请用 DEMO_ADMIN_PASSWORD 或 --password 指定一个强密码。")
            try:
                validate_password(password, User(username=username))
            except ValidationError as exc:
                raise CommandError("密码不符合要求：" + " ".join(exc.messages)) from None
        User.objects.create_superuser(username=username, email=f"{username}@localhost", password=password)
        # The password is printed only for the local demo, never into production logs.
        shown = password if settings.DEBUG else "（您指定的密码）"
        self.stdout.write(f"管理后台：{login_url}  用户名：{username}  密码：{shown}")
