"""Demo consultations: one open (with moderated comments, one on 第五条),
one closed and awaiting its 采纳情况, one finished with its feedback and
linked to the policy it became (专精特新, /zhengce/zjtx/); and the year's
重大行政决策事项目录. Dates are relative to today. Idempotent: keyed by slug
and title."""

import datetime as dt

from policies.models import PolicyInterpretationPage, PolicyPage
from portal.daterules import today as district_today
from portal.models import Department

from .models import Comment, ConsultationIndexPage, ConsultationPage, DecisionItem, FeedbackGroup

D = dt.timedelta

BUSINESS_DRAFT = """为持续优化营商环境，激发市场主体活力，根据《优化营商环境条例》等规定，结合本区实际，制定本规定。
第一章 总则
第一条 为了持续优化营商环境，维护市场主体合法权益，制定本规定。
第二条 本规定适用于本区行政区域内的优化营商环境工作。
第三条 区人民政府统筹推进全区优化营商环境工作，区发展改革委负责组织、协调、指导和督促。
第二章 政务服务
第四条 政务服务事项实行清单管理，清单之外不得要求市场主体提供材料。
第五条 企业开办全程网上办理，营业执照、印章、发票和社保登记一个环节、一日办结。
第六条 推行“免申即享”，能够通过数据共享确认条件的惠企政策，直接兑现到企业。
第三章 监管执法
第七条 除特殊重点领域外，市场监管领域的行政检查通过“双随机、一公开”方式进行。
第八条 对轻微违法行为依法不予行政处罚的，应当加强教育引导。
第四章 附则
第九条 本规定自印发之日起施行。"""

DOG_DRAFT = """第一条 为了规范养犬行为，保障公民健康和人身安全，维护市容环境和社会公共秩序，制定本办法。
第二条 城市建成区内个人饲养犬只实行登记制度，每户限养一只。
第三条 携犬出户应当束犬链，由成年人牵领，并及时清除犬只粪便。
第四条 禁止在城市建成区饲养烈性犬、大型犬。
第五条 犬只伤人的，养犬人应当立即将被伤害人送至医疗机构诊治，并先行垫付医疗费用。
第六条 本办法自发布之日起施行。"""

ZJTX_DRAFT = """第一条 为支持专精特新中小企业高质量发展，制定本措施。
第二条 对首次被认定为市级专精特新中小企业的，给予一次性奖励。
第三条 对专精特新企业实施的技术改造项目，按设备投资额的一定比例给予补助。
第四条 对专精特新企业用于研发和扩大生产的银行贷款给予贴息。
第五条 本措施由区经济信息委负责解释。"""

COMMENTS = [  # article (None: the whole draft), text, status, reply
    (5, "建议明确“一日办结”从材料齐全之日起算，并在网上公开办理进度。", Comment.PUBLISHED,
     "感谢您的意见，我们将在正式文件中明确起算时间。"),
    (None, "希望规定中写明企业反映问题的渠道和答复时限。", Comment.PUBLISHED, ""),
    (6, "免申即享的政策清单能否每年公布一次？", Comment.PENDING, ""),
]


FEEDBACK = [  # summary, count, decision, reason
    ("建议提高首次认定奖励标准。", 3, "partly", "奖励标准已综合财力适当提高，国家级“小巨人”再给予奖励。"),
    ("建议技改补助按实际投资额计算，并简化申报材料。", 5, "adopted", "已按设备投资额计算补助，申报材料精简为3项。"),
    ("建议对所有中小企业给予贷款贴息。", 4, "rejected", "本措施专门支持专精特新企业，其他中小企业适用区创业担保贷款贴息政策。"),
]


def load(log):
    index = ConsultationIndexPage.objects.get(slug="zhengji")
    today = district_today()
    zjtx = PolicyPage.objects.filter(slug="zjtx").first()
    finished_closes = (zjtx.written_date if zjtx else today - D(60)) - D(20)
    specs = [
        dict(slug="yingshang-huanjing", title="南川区优化营商环境若干规定（征求意见稿）", department="fgw",
             summary="明确政务服务清单管理、企业开办一日办结、惠企政策免申即享和包容审慎监管。",
             draft=BUSINESS_DRAFT, opens=today - D(10), closes=today + D(25),
             email="yshj@nanchuan.example.gov.cn", postal_address="南川区东城街道金佛大道1号 区发展改革委（邮编408400）",
             explanation="<p>本规定依据国务院《优化营商环境条例》起草，共四章九条。</p>"),
        dict(slug="yangquan-guanli", title="南川区城市养犬管理办法（征求意见稿）", department="cgj",
             summary="城市建成区犬只登记、文明养犬和伤人处置。", draft=DOG_DRAFT,
             opens=today - D(30), closes=today - D(5),
             short_window_reason="为在狂犬病高发季前完成犬只登记，征集期缩短为26日。",
             postal_address="南川区西城街道北固大道6号 区城市管理局（邮编408400）"),
        dict(slug="zhuanjingtexin", title="南川区支持专精特新中小企业高质量发展若干措施（征求意见稿）", department="jxw",
             summary="对专精特新企业的认定奖励、技改补助和贷款贴息。", draft=ZJTX_DRAFT,
             opens=finished_closes - D(34), closes=finished_closes, feedback_date=finished_closes + D(10),
             feedback_summary="征集期间共收到意见12条，经逐条研究，采纳5条，部分采纳3条，未采纳4条。",
             final_policy=zjtx,
             feedback_groups=[FeedbackGroup(sort_order=order, summary=summary, count=count, decision=decision, reason=reason)
                              for order, (summary, count, decision, reason) in enumerate(FEEDBACK)]),
    ]
    created = 0
    pages = {}
    for spec in specs:
        page = ConsultationPage.objects.filter(slug=spec["slug"]).first()
        if page is None:
            spec["department"] = Department.objects.get(slug=spec["department"])
            page = index.add_child(instance=ConsultationPage(**spec))
            page.save_revision().publish()  # a revision to edit, and the publish signal indexes it
            created += 1
        pages[spec["slug"]] = page
    open_page = pages["yingshang-huanjing"]
    if not open_page.comments.exists():
        draft = open_page.parsed_draft()
        for article, text, status, reply in COMMENTS:
            Comment.objects.create(consultation=open_page, article=article,
                                   article_label=draft.article(article).label if article else "",
                                   text=text, status=status, reply=reply)
    decisions = _decisions(today, pages, zjtx)
    log(f"意见征集：{ConsultationPage.objects.count()} 件（本次新建 {created}），重大行政决策事项 {decisions} 项")


def _decisions(today, pages, zjtx):
    interpretation = PolicyInterpretationPage.objects.filter(policy=zjtx).order_by("pk").first() if zjtx else None
    items = [
        ("南川区优化营商环境若干规定", "fgw", f"{today.year}年第四季度", "consulting", pages["yingshang-huanjing"], None, None),
        ("南川区城市养犬管理办法", "cgj", f"{today.year}年第四季度", "review", pages["yangquan-guanli"], None, None),
        ("南川区支持专精特新中小企业高质量发展若干措施", "jxw", f"{today.year}年上半年", "issued",
         pages["zhuanjingtexin"], zjtx, interpretation),
        ("南川区城乡居民生活垃圾分类实施方案", "cgj", f"{today.year + 1}年第一季度", "research", None, None, None),
    ]
    for order, (title, dept, planned, stage, consultation, policy, interp) in enumerate(items):
        DecisionItem.objects.get_or_create(
            year=today.year, title=title,
            defaults=dict(department=Department.objects.get(slug=dept), planned=planned, stage=stage, sort_order=order,
                          consultation=consultation, final_policy=policy, interpretation=interp),
        )
    return DecisionItem.objects.count()
