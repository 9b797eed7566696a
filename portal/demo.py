"""Reference data for the demo district (南川区): departments, 镇街 and
enterprise qualifications. Idempotent: keyed by name."""

from .models import Department, Qualification, Region, Topic
from .permissions import ensure_editor_group
from .text import pinyin_slug

# name, short name, slug, organisation code, phone, address
DEPARTMENTS = [
    ("南川区人民政府办公室", "区政府办", "qzfb", "00925601X", "023-71422001", "南川区东城街道金佛大道1号"),
    ("南川区发展和改革委员会", "区发展改革委", "fgw", "009256028", "023-71422153", "南川区东城街道金佛大道1号"),
    ("南川区经济和信息化委员会", "区经济信息委", "jxw", "009256036", "023-71423016", "南川区南城街道南大街88号"),
    ("南川区科学技术局", "区科技局", "kjj", "009256044", "023-71426512", "南川区东城街道隆化路16号"),
    ("南川区财政局", "区财政局", "czj", "009256052", "023-71422370", "南川区东城街道金佛大道1号"),
    ("南川区人力资源和社会保障局", "区人力社保局", "rlsbj", "009256060", "023-71425580", "南川区西城街道渝南大道8号"),
    ("南川区市场监督管理局", "区市场监管局", "scjgj", "009256079", "023-71438315", "南川区东城街道新华路12号"),
    ("国家税务总局重庆市南川区税务局", "区税务局", "swj", "009256087", "023-71657366", "南川区西城街道北固大道20号"),
    ("南川区商务委员会", "区商务委", "swwyh", "009256095", "023-71423391", "南川区南城街道南大街66号"),
    ("南川区农业农村委员会", "区农业农村委", "nyncw", "009256108", "023-71422436", "南川区东城街道南湖路22号"),
    ("南川区住房和城乡建设委员会", "区住房城乡建委", "zjw", "009256116", "023-71426027", "南川区南城街道永隆大道5号"),
    ("南川区交通运输委员会", "区交通运输委", "jtw", "009256124", "023-71422574", "南川区东城街道隆化路40号"),
    ("南川区生态环境局", "区生态环境局", "sthjj", "009256132", "023-71433051", "南川区西城街道渝南大道30号"),
    ("南川区文化和旅游发展委员会", "区文化旅游委", "whlyw", "009256140", "023-71423566", "南川区东城街道金山路9号"),
    ("南川区卫生健康委员会", "区卫生健康委", "wjw", "009256159", "023-71422781", "南川区东城街道新华路46号"),
    ("南川区教育委员会", "区教委", "jw", "009256167", "023-71422651", "南川区东城街道隆化路3号"),
    ("南川区应急管理局", "区应急局", "yjj", "009256175", "023-71435502", "南川区南城街道永隆大道21号"),
    ("南川区规划和自然资源局", "区规划自然资源局", "ghzyj", "009256183", "023-71422910", "南川区东城街道南湖路8号"),
    ("南川区民政局", "区民政局", "mzj", "009256191", "023-71422295", "南川区东城街道新华路30号"),
    ("南川区城市管理局", "区城市管理局", "cgj", "00925620X", "023-71412319", "南川区西城街道北固大道6号"),
    ("南川区退役军人事务局", "区退役军人事务局", "tyjrswj", "009256218", "023-71428810", "南川区东城街道隆化路18号"),
    ("南川区医疗保障局", "区医保局", "ybj", "009256226", "023-71659012", "南川区西城街道渝南大道26号"),
]

DESCRIPTIONS = {
    "区发展改革委": "拟订并组织实施全区国民经济和社会发展规划，统筹推进重大项目建设和营商环境优化。",
    "区经济信息委": "负责全区工业和信息化发展，推动制造业转型升级、中小企业发展和数字经济建设。",
    "区市场监管局": "负责市场主体登记注册、食品药品安全监管、产品质量监督、知识产权保护和消费维权。",
    "区人力社保局": "负责就业创业、社会保险、人才引进、劳动关系和人事管理等工作。",
    "区税务局": "负责辖区内税费征收管理，落实各项减税降费政策，提供纳税缴费服务。",
}

REGIONS = [
    ("东城街道", "street"), ("南城街道", "street"), ("西城街道", "street"),
    ("南平镇", "town"), ("三泉镇", "town"), ("神童镇", "town"), ("鸣玉镇", "town"),
    ("大观镇", "town"), ("兴隆镇", "town"), ("水江镇", "town"), ("金山镇", "town"),
    ("头渡镇", "town"), ("大有镇", "town"), ("德隆镇", "town"), ("峰岩乡", "township"),
]

# name, description, lead_days: how long obtaining it usually takes (the
# calculator offers it as a near miss only if it fits before a window closes).
QUALIFICATIONS = [
    ("高新技术企业", "经科技部门认定的国家高新技术企业，证书在有效期内。", 180),
    ("科技型中小企业", "在全国科技型中小企业信息服务平台完成评价入库。", 30),
    ("专精特新中小企业", "经市经济信息委认定的“专精特新”中小企业。", 120),
    ("专精特新“小巨人”企业", "经工业和信息化部认定的专精特新“小巨人”企业。", 240),
    ("规模以上工业企业", "年主营业务收入2000万元及以上的工业法人单位。", 90),
    ("限额以上批发零售企业", "年主营业务收入达到限额标准的批发、零售企业。", 90),
    ("农业产业化龙头企业", "经农业农村部门认定的区级及以上农业产业化龙头企业。", 180),
    ("创业孵化基地", "经人力社保部门认定的创业孵化基地。", 120),
]


def upsert(model, lookup, values):
    """update_or_create that saves only what differs. Loading the demo again
    is then nearly free: re-saving an unchanged department would re-index
    every policy and power item it owns."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj


def load(log):
    for order, (name, short, slug, code, phone, address) in enumerate(DEPARTMENTS):
        dept = upsert(
            Department,
            dict(name=name),
            dict(
                short_name=short, slug=slug, org_code=code, level="district", phone=phone,
                complaint_phone="023-12345", address=address,
                office_hours="工作日 9:00-12:00，14:30-18:00",
                description=DESCRIPTIONS.get(short, ""), sort_order=order * 10,
            ),
        )
        ensure_editor_group(dept)
    for order, (name, kind) in enumerate(REGIONS):
        upsert(Region, dict(name=name), dict(slug=pinyin_slug(name), kind=kind, sort_order=order * 10))
    for order, (name, text, lead_days) in enumerate(QUALIFICATIONS):
        upsert(Qualification, dict(name=name),
               dict(slug=pinyin_slug(name), description=text, lead_days=lead_days, sort_order=order * 10))
    log(f"基础数据：{Department.objects.count()} 个部门，{Topic.objects.count()} 个主题，"
        f"{Region.objects.count()} 个镇街，{Qualification.objects.count()} 项企业资质")
