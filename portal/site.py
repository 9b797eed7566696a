"""What every district's site needs from portal: the 门户办 group and the
two-level 主题分类 (the gov.cn classification, which imported national
documents use). Idempotent: keyed by name."""

from django.contrib.auth.models import Group

from .models import Topic
from .permissions import PORTAL_OFFICE_GROUP
from .text import pinyin_slug

# Two-level topics (主题分类), the gov.cn classification the real documents use.
TOPICS = {
    "综合政务": ["政务公开", "应急管理", "政务督查", "文秘工作", "其他"],
    "国民经济管理、国有资产监管": ["发展规划", "经济运行", "国有资产监管"],
    "财政、金融、审计": ["财政", "税务", "银行", "保险", "审计", "其他"],
    "国土资源、能源": ["土地", "能源"],
    "农业、林业、水利": ["农业、畜牧业、渔业", "林业", "水利"],
    "工业、交通": ["工业", "中小企业", "公路", "民航", "信息产业"],
    "商贸、海关、旅游": ["国内贸易", "对外经贸合作", "海关", "旅游"],
    "市场监管、安全生产监管": ["工商", "食品药品监管", "质量监督", "安全生产监管"],
    "城乡建设、环境保护": ["城市规划", "城乡建设", "环境监测、保护与治理", "节能与资源综合利用", "气象、水文、测绘、地震"],
    "科技、教育": ["科技", "教育", "知识产权"],
    "文化、广电、新闻出版": ["文化"],
    "卫生、体育": ["卫生", "医药管理", "体育"],
    "劳动、人事、监察": ["劳动就业", "社会保障", "人事工作"],
    "公安、安全、司法": ["公安", "司法"],
    "民政、扶贫、救灾": ["扶贫", "社团管理", "减灾救灾", "社会福利"],
    "港澳台侨工作": ["港澳工作"],
    "国防": ["国防动员", "国防建设"],
    "国务院组织机构": ["其他"],
    "其他": [],
}



def setup(log):
    Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)
    used = set()
    for order, (root_name, children) in enumerate(TOPICS.items()):
        root = _topic(root_name, None, order * 10, used)
        for child_order, child in enumerate(children):
            _topic(child, root, child_order * 10, used)
    log(f"门户基础：门户办用户组，{Topic.objects.count()} 个主题分类")


def _topic(name, parent, order, used):
    existing = Topic.objects.filter(name=name, parent=parent).first()
    if existing:
        return existing
    base = pinyin_slug(f"{parent.name}-{name}" if parent else name)
    slug, n = base, 2
    while slug in used or Topic.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return Topic.objects.create(name=name, slug=slug, parent=parent, sort_order=order)
