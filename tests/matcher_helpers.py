"""A small district for matcher/ tests: regions, qualifications and
policies with measures whose windows sit at known places around TODAY."""

import datetime as dt

from portal.models import Qualification, Region

from policies.models import SupportMeasure

from .policy_helpers import department, make_policy, site_with_library

TODAY = dt.date(2025, 6, 16)
D = dt.timedelta


def add_measure(page, title, regions=(), quals=(), **fields):
    fields.setdefault("support_type", "grant")
    fields.setdefault("content", f"{title}的扶持内容。")
    measure = SupportMeasure(page=page, title=title, **fields)
    measure.save()
    measure.regions.set(regions)
    measure.qualifications.set(quals)
    measure.save()
    return measure


def build_world():
    library, jiedu = site_with_library()
    jxw = department("jxw", "南川区经济和信息化委员会", "009256036", 20)
    # The same rows (and slugs) as the demo's reference data, which may be loaded.
    dongcheng, _ = Region.objects.get_or_create(name="东城街道", defaults=dict(slug="dong-cheng-jie-dao", kind="street"))
    jinshan, _ = Region.objects.get_or_create(name="金山镇", defaults=dict(slug="jin-shan-zhen"))
    gaoxin, _ = Qualification.objects.get_or_create(name="高新技术企业", defaults=dict(slug="gao-xin-ji-shu-qi-ye"))
    zjtx, _ = Qualification.objects.get_or_create(name="专精特新中小企业", defaults=dict(slug="zhuan-jing-te-xin-zhong-xiao-qi-ye"))
    valid = make_policy(library, "valid", [jxw], title="南川区支持中小企业发展若干措施", number="南川经信发〔2025〕8号",
                        written=TODAY - D(200))
    m = {}
    m["open"] = add_measure(valid, "技术改造补助", scales=["small", "micro"], industries=["C"],
                            window_opens=TODAY - D(10), window_closes=TODAY + D(60))
    m["closing"] = add_measure(valid, "贷款贴息", support_type="interest", scales=["small"], quals=[zjtx],
                               window_opens=TODAY - D(30), window_closes=TODAY + D(3), delivery_mode="fast")
    m["upcoming"] = add_measure(valid, "上云用数补助", scales=["small", "medium"],
                                window_opens=TODAY + D(5), window_closes=TODAY + D(50))
    m["automatic"] = add_measure(valid, "专精特新认定奖励", quals=[zjtx], delivery_mode="automatic")
    m["closed"] = add_measure(valid, "以工代训补贴", scales=["small"], window_opens=TODAY - D(90), window_closes=TODAY - D(1))
    # Closes in 200 days: time enough to obtain 高新技术企业 (lead_days 180), so a near miss.
    m["gaoxin"] = add_measure(valid, "高新技术企业奖励", quals=[gaoxin], window_opens=TODAY - D(5), window_closes=TODAY + D(200))
    m["jinshan"] = add_measure(valid, "民宿补助", regions=[jinshan], window_opens=TODAY - D(5), window_closes=TODAY + D(40))
    m["dongcheng"] = add_measure(valid, "标准厂房租金减免", regions=[dongcheng], max_years=3,
                                 window_opens=TODAY - D(5), window_closes=TODAY + D(40))
    expired = make_policy(library, "expired", [jxw], title="已失效的旧办法", number="南川经信发〔2020〕3号",
                          written=TODAY - D(2000), expiry_date=TODAY - D(30))
    m["expired"] = add_measure(expired, "旧办法补助", window_opens=TODAY - D(5), window_closes=TODAY + D(40))
    draft = make_policy(library, "draft", [jxw], title="尚未发布的草稿", written=TODAY - D(10), live=False)
    m["draft"] = add_measure(draft, "草稿补助", window_opens=TODAY - D(5), window_closes=TODAY + D(40))
    return dict(library=library, jiedu=jiedu, jxw=jxw, measures=m, valid=valid,
                regions=dict(dongcheng=dongcheng, jinshan=jinshan), quals=dict(gaoxin=gaoxin, zjtx=zjtx))


# A small manufacturer in 东城街道 with 专精特新, registered 2018.
FIRM = ("industry=C&scale=small&region=dong-cheng-jie-dao&qual=zhuan-jing-te-xin-zhong-xiao-qi-ye"
        "&founded=2018&headcount=80&revenue=3000")
CANONICAL = ("scale=small&industry=C&region=dong-cheng-jie-dao&qual=zhuan-jing-te-xin-zhong-xiao-qi-ye"
             "&founded=2018&headcount=80&revenue=3000")
