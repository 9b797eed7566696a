"""check_legal_basis: 依据核验 of every 设定依据 against the law library."""

from django.core.management.base import BaseCommand

from ... import basis_flags
from ...basis_report import describe_diff, summary
from ...models import LegalBasis


class Command(BaseCommand):
    help = "核验全部权力事项的设定依据（法律是否有效、条文是否存在、引文是否一致），并通知有新问题的部门"

    def handle(self, *args, **options):
        flagged = basis_flags.check_all_and_flag()
        bases = LegalBasis.objects.select_related("item", "item__department", "law_ref")
        counts, problems, not_held = summary(bases)
        self.stdout.write(f"依据核验：共 {sum(counts.values())} 条设定依据。")
        self.stdout.write(f"需要核对：{len(problems)} 条" + ("。" if problems else "，全部通过。"))
        for b in problems:
            self.stdout.write(f"  [{b.get_check_status_display()}] {b.item.code} {b.item.name}（{b.item.department.name}）"
                              f"：{b.law}{b.article}")
            self.stdout.write(f"      {b.check_note}")
            if b.check_diff:
                self.stdout.write(f"      {describe_diff(b.check_diff)}")
        if not_held:
            self.stdout.write(f"未收录（不作为问题）：{sum(not_held.values())} 条，涉及 {len(not_held)} 部法律法规："
                              + "、".join(f"《{name}》" for name in sorted(not_held)))
        self.stdout.write(f"核验一致：{counts.get('ok', 0)} 条。本次新发现并通知部门：{len(flagged)} 条。")
