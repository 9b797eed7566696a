"""The demo district's 指南 and its published annual report of last year (the
tables come from the demo's policies, power lists and requests)."""

from .deadlines import current_year, today
from .models import AnnualReport, GuideSettings

GUIDE = {
    "government_name": "南川区人民政府",
    "classification": "本区政府信息分为政策文件（含行政规范性文件）、政策解读、惠企惠民事项、权力清单和责任清单、"
                      "政府信息公开工作年度报告等类别。",
    "arrangement": "政府信息公开目录按类别、公开主体（发文机关或实施部门）和生成日期编排；每条信息有唯一的索引号，"
                   "格式为“组织机构代码/年份-序号”（政策文件）或“组织机构代码/类别编号”（其他信息）。",
    "proactive": "主动公开的政府信息通过本专区、《南川区人民政府公报》、区档案馆和区图书馆的政府信息查阅点公开，"
                 "自形成或者变更之日起20个工作日内公开。",
    "on_request": "公民、法人或者其他组织可以通过本专区在线申请，或者以信函、当面提交申请表的方式申请获取政府信息。"
                  "收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，"
                  "需要延长答复期限的，延长期限最长不超过20个工作日。",
    "fees": "依申请提供政府信息不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
            "按《政府信息公开信息处理费管理办法》收取信息处理费。",
    "office_name": "南川区人民政府办公室（区政务公开办）",
    "address": "重庆市南川区东城街道金佛大道1号",
    "postcode": "408400",
    "office_hours": "工作日 上午9:00—12:00，下午14:00—17:00（法定节假日除外）",
    "phone": "023-71422001",
    "fax": "023-71422002",
    "email": "zwgk@nanchuan.example.gov.cn",
    "website": "https://gk.nanchuan.example.gov.cn/",
    "supervision": "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
                   "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。"
                   "投诉举报电话：023-71422345。",
}

REPORT = {
    "overview": "{year}年，南川区深入贯彻《中华人民共和国政府信息公开条例》，以政务公开专区为平台，"
                "动态公开权责清单和惠企惠民政策，依法办理政府信息公开申请。",
    "problems": "部分部门政策解读形式单一；依申请公开答复的说理有待加强。{next}年将推行图解、视频解读，"
                "组织答复书规范化培训。",
    "other_matters": "本年度未收取信息处理费。",
    "licensing_decisions": 3826, "punishment_decisions": 412, "enforcement_decisions": 37,
    "fees_amount": 0, "review_upheld": 2, "review_corrected": 1, "suit_upheld": 1,
}


def load(log):
    guide = GuideSettings.load()
    changed = [name for name, value in GUIDE.items() if not getattr(guide, name)]
    for name in changed:  # only empty fields: an editor's text is kept
        setattr(guide, name, GUIDE[name])
    if changed:
        guide.save()
    year = current_year(today())
    texts = {k: v.format(year=year, next=year + 1) if isinstance(v, str) else v for k, v in REPORT.items()}
    _report, created = AnnualReport.objects.get_or_create(year=year, department=None,
                                                          defaults={**texts, "published": True})
    log(f"政府信息公开：指南，{year}年度全区年度报告{'（新建并发布）' if created else ''}")
