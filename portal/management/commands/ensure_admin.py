import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "创建（或重置）本地演示用的管理员账号并打印登录信息"

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEMO_ADMIN_USER", "admin"))
        parser.add_argument("--password", default=os.environ.get("DEMO_ADMIN_PASSWORD", "nanchuan-demo-2026"))

    def handle(self, username, password, **options):
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@localhost"})
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"管理后台：{os.environ.get('BASE_URL', 'http://127.0.0.1:8000')}/admin/  用户名：{username}  密码：{password}")
