"""Fixed national classifications, kept as data (DESIGN.md §2).

Editable, district-specific taxonomies (topics, regions, qualifications,
departments) are models in portal/models.py; these lists change only when a
national standard does.
"""

POLICY_LEVELS = [
    ("national", "国家级"),
    ("municipal", "市级"),
    ("district", "区级"),
]

# 公文种类 per 《党政机关公文处理工作条例》, plus the 规范性文件 forms a district uses.
GENRES = [
    ("notice", "通知"),
    ("opinion", "意见"),
    ("measures", "办法"),
    ("decision", "决定"),
    ("reply", "批复"),
    ("circular", "通报"),
    ("announcement", "公告"),
    ("public_notice", "通告"),
    ("order", "命令（令）"),
    ("report", "报告"),
    ("request", "请示"),
    ("letter", "函"),
    ("minutes", "纪要"),
    ("plan", "方案"),
    ("rules", "规定"),
    ("detailed_rules", "细则"),
]

# How listings head departments by level, the district's own first.
DEPARTMENT_LEVEL_HEADINGS = {"district": "区级部门", "municipal": "市级部门", "national": "中央和国家机关"}

# 政府信息公开 "五公开".
DISCLOSURE_CATEGORIES = [
    ("decision", "决策公开"),
    ("execution", "执行公开"),
    ("management", "管理公开"),
    ("service", "服务公开"),
    ("result", "结果公开"),
]

# GB/T 4754-2017 国民经济行业分类, 门类 A–T.
INDUSTRIES = [
    ("A", "农、林、牧、渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("T", "国际组织"),
]

# 企业规模 per 工信部联企业〔2011〕300号, plus 个体工商户.
ENTERPRISE_SCALES = [
    ("large", "大型企业"),
    ("medium", "中型企业"),
    ("small", "小型企业"),
    ("micro", "微型企业"),
    ("individual", "个体工商户"),
]

# Who a support measure is for: 惠企 (enterprises), 惠民 (people and
# households), or both.
AUDIENCES = [
    ("enterprise", "企业"),
    ("person", "个人/家庭"),
    ("both", "企业和个人"),
]

# 惠民 life events, the facets of the 惠民政策 listing.
LIFE_EVENTS = [
    ("birth", "生育"),
    ("school", "上学"),
    ("work", "就业创业"),
    ("housing", "住房"),
    ("medical", "医疗"),
    ("elderly", "养老"),
    ("disability", "残疾人"),
    ("veteran", "退役军人"),
    ("hardship", "困难救助"),
]

# Where a person's 户籍 or residence must be for a 惠民 measure.
RESIDENCE_RULES = [
    ("", "不限"),
    ("hukou", "本区户籍"),
    ("resident", "本区户籍或在本区居住"),
]

# A person's employment status (就业状态).
EMPLOYMENT_STATUSES = [
    ("employed", "在职"),
    ("unemployed", "登记失业"),
    ("jobless", "未就业（未登记失业）"),
    ("flexible", "灵活就业"),
    ("self_employed", "个体经营或创业"),
    ("student", "在校学生"),
    ("retired", "退休"),
]

# Groups a 惠民 measure may be limited to (a person in ANY listed group qualifies).
PERSON_GROUPS = [
    ("veteran", "退役军人"),
    ("disabled", "残疾人"),
    ("dibao", "低保对象"),
    ("tekun", "特困人员"),
    ("tuopin", "脱贫户（含监测对象）"),
    ("elderly_alone", "独居老人"),
    ("returnee", "返乡创业人员"),
]

# 残疾等级 per GB/T 26341-2010: 一级 is the most severe.
DISABILITY_GRADES = [
    ("1", "一级"),
    ("2", "二级"),
    ("3", "三级"),
    ("4", "四级"),
]


def label(choices, value):
    """The Chinese label of a choice value, or the value itself if unknown."""
    return dict(choices).get(value, value)
