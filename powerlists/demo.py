"""Demo power and responsibility lists: 2023年版, a year of adjustments of
every kind, 2024年版, and one adjustment since. Idempotent: skipped when the
2024 version exists (workflow and permissions are ensured every time)."""

import datetime as dt
from pathlib import Path

from portal.models import Department
from search import aliases

from . import adjustments, codes, services
from .demo_data import FEES, ITEMS, SUB_ITEMS
from .demo_responsibility import BOUNDARIES, LISTS, MECHANISM
from .models import (
    BoundaryParty,
    DutyBoundary,
    MainDuty,
    PowerItem,
    PowerListVersion,
    PublicService,
    ResponsibilityList,
    SupervisionRule,
)

XK_LAW = "《中华人民共和国行政许可法》"
CF_LAW = "《中华人民共和国行政处罚法》"
QZ_LAW = "《中华人民共和国行政强制法》"
PUNISH_LAW = "《中华人民共和国公职人员政务处分法》第三十九条"

# Responsibility steps per power type: (环节, 责任内容, 依据). {name} is the item.
STEPS = {
    "licensing": [
        ("受理", "公示应当提交的材料，一次性告知补正材料，依法受理或者不予受理（不予受理的应当告知理由）。", f"{XK_LAW}第三十条、第三十二条"),
        ("审查", "对申请材料进行审查，需要核查的组织现场核查，提出审查意见。", f"{XK_LAW}第三十四条"),
        ("决定", "作出准予或者不予{name}的决定；不予许可的应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。", f"{XK_LAW}第三十八条"),
        ("送达", "准予许可的，制作并送达许可证件，信息公开。", f"{XK_LAW}第四十条、第四十四条"),
        ("事后监管", "对被许可人从事许可事项的活动进行监督检查，依法处理违法行为。", f"{XK_LAW}第六十一条"),
        ("其他法定责任", "法律法规规章规定应履行的其他责任。", ""),
    ],
    "penalty": [
        ("立案", "对发现的涉嫌违法行为进行初步确认，符合立案条件的予以立案。", f"{CF_LAW}第五十四条"),
        ("调查取证", "两名以上执法人员调查取证，出示执法证件，全面、客观、公正地收集证据。", f"{CF_LAW}第五十五条"),
        ("审理", "对案件违法事实、证据、调查取证程序、法律适用、处罚种类和幅度等进行审查，重大案件进行法制审核。", f"{CF_LAW}第五十七条、第五十八条"),
        ("告知", "作出行政处罚决定前，告知当事人拟作出的处罚内容及事实、理由、依据，并告知其陈述、申辩、要求听证等权利。", f"{CF_LAW}第四十四条"),
        ("决定", "制作行政处罚决定书，载明违法事实、处罚依据和内容、履行方式和期限、救济途径等。", f"{CF_LAW}第五十九条"),
        ("送达", "行政处罚决定书当场交付或者在七日内依法送达当事人。", f"{CF_LAW}第六十一条"),
        ("执行", "监督当事人履行处罚决定；逾期不履行的，依法加处罚款或者申请人民法院强制执行。", f"{CF_LAW}第七十二条"),
        ("其他法定责任", "法律法规规章规定应履行的其他责任。", ""),
    ],
    "coercion": [
        ("审批", "实施前向行政机关负责人报告并经批准；情况紧急的，在二十四小时内补办批准手续。", f"{QZ_LAW}第十八条、第十九条"),
        ("告知", "通知当事人到场，当场告知采取行政强制措施的理由、依据以及当事人依法享有的权利、救济途径。", f"{QZ_LAW}第十八条"),
        ("实施", "制作现场笔录和查封、扣押决定书及清单，当场交付当事人。", f"{QZ_LAW}第二十四条"),
        ("处理", "在法定期限内查清事实，分别作出没收、销毁或者解除查封、扣押的决定。", f"{QZ_LAW}第二十五条、第二十七条"),
        ("解除", "对不再需要查封、扣押的，及时作出解除决定并退还财物。", f"{QZ_LAW}第二十八条"),
        ("其他法定责任", "法律法规规章规定应履行的其他责任。", ""),
    ],
    "inspection": [
        ("检查计划", "制定年度检查计划，通过“双随机、一公开”方式确定检查对象和执法人员。", "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》"),
        ("实施检查", "两名以上执法人员出示执法证件，按照检查事项清单实施检查，如实记录检查情况。", "《中华人民共和国行政处罚法》第四十二条"),
        ("处置", "对检查发现的问题责令改正；涉嫌违法的，依法立案查处；不属于本部门职责的，移送有关部门。", ""),
        ("公开", "检查结果在二十个工作日内通过国家企业信用信息公示系统等渠道向社会公开。", "《优化营商环境条例》第五十四条"),
        ("其他法定责任", "法律法规规章规定应履行的其他责任。", ""),
    ],
}
GENERIC_STEPS = [
    ("受理", "公示办理条件、材料和流程，对申请材料齐全、符合法定形式的予以受理。", ""),
    ("审查", "对申请材料和有关情况进行审查核实，提出办理意见。", ""),
    ("决定", "依法作出{name}决定；不予办理的，书面说明理由。", ""),
    ("送达", "将办理结果送达申请人，依法公开相关信息。", ""),
    ("其他法定责任", "法律法规规章规定应履行的其他责任。", ""),
]
CASES = {
    "licensing": [
        ("对符合法定条件的行政许可申请不予受理的。", f"{XK_LAW}第七十二条"),
        ("对不符合法定条件的申请人准予行政许可或者超越法定职权作出准予行政许可决定的。", f"{XK_LAW}第七十四条"),
        ("办理行政许可、实施监督检查，索取或者收受他人财物或者谋取其他利益的。", f"{XK_LAW}第七十三条"),
        ("不依法履行监督职责或者监督不力，造成严重后果的。", f"{XK_LAW}第七十七条"),
    ],
    "penalty": [
        ("没有法定的行政处罚依据，或者擅自改变行政处罚种类、幅度的。", f"{CF_LAW}第七十六条"),
        ("违反法定的行政处罚程序，或者违反关于委托处罚规定的。", f"{CF_LAW}第七十六条"),
        ("截留、私分或者变相私分罚款、没收的违法所得或者财物的。", f"{CF_LAW}第七十九条"),
        ("对应当依法移交司法机关追究刑事责任的不移交，以行政处罚代替刑事处罚的。", f"{CF_LAW}第八十二条"),
    ],
    "coercion": [
        ("没有法律、法规依据，或者改变行政强制对象、条件、方式的。", f"{QZ_LAW}第六十一条"),
        ("扩大查封、扣押范围，或者使用、损毁查封、扣押场所、设施或者财物的。", f"{QZ_LAW}第六十二条"),
        ("在查封、扣押法定期间不作出处理决定或者未依法及时解除查封、扣押的。", f"{QZ_LAW}第六十二条"),
    ],
    "inspection": [
        ("未按规定制定检查计划、超出检查事项清单或者重复检查，干扰企业正常生产经营的。", PUNISH_LAW),
        ("实施检查时索取、收受他人财物或者谋取其他利益的。", PUNISH_LAW),
        ("对检查中发现的违法行为不依法处理或者不按规定移送的。", PUNISH_LAW),
    ],
}
GENERIC_CASES = [
    ("对符合条件的申请不予受理，或者不在法定期限内作出决定的。", PUNISH_LAW),
    ("违反规定程序办理，或者滥用职权、玩忽职守、徇私舞弊的。", PUNISH_LAW),
]
SKIP_COMPLAINT_SUFFIX = "、12345"


ALIASES_FILE = Path(__file__).resolve().parent / "demo_aliases.txt"


def load(log):
    if PowerListVersion.objects.filter(name="2024年版").exists():
        log(f"权责清单：已存在（{PowerItem.objects.count()} 项），跳过。")
    else:
        _load(log)
    filled = aliases.fill(PowerItem.objects.all(), aliases.read(ALIASES_FILE), title="name")
    log(f"权力事项别名：补充 {filled} 项")


def _load(log):
    departments = {d.slug: d for d in Department.objects.all()}
    counters = {}
    for slug, block in ITEMS.items():
        for line in block.strip().splitlines():
            _load_line(line, departments[slug], counters)
    _load_responsibility_lists(departments)

    v2023 = PowerListVersion.objects.create(
        name="2023年版", approval_document="南川府发〔2023〕6号", approved_on=dt.date(2023, 3, 15),
        approval_title="重庆市南川区人民政府关于公布南川区区级部门权责清单（2023年版）的通知",
        description="全区20个区级部门权力事项和责任事项的全面梳理结果。")
    v2023.freeze()
    _adjustments_2023(departments, counters)
    v2024 = PowerListVersion.objects.create(
        name="2024年版", approval_document="南川府发〔2024〕9号", approved_on=dt.date(2024, 3, 20),
        approval_title="重庆市南川区人民政府关于公布南川区区级部门权责清单（2024年版）的通知",
        description="在2023年版基础上，根据法律法规立改废释和机构职能调整情况动态调整后的清单。")
    v2024.freeze()
    _adjustments_2024(departments, counters)
    log(f"权责清单：{PowerItem.objects.count()} 项权力事项，{ResponsibilityList.objects.count()} 份责任清单，"
        f"{DutyBoundary.objects.count()} 项职责边界，2 个版本")


def _item_data(power_type, code, name, department, bases, statutory=None, promised=None):
    law = bases[0]["law"]
    data = {
        "code": code, "name": name, "power_type": power_type, "department": department.name, "level": "district",
        "legal_bases": bases,
        "steps": [{"step": s, "content": c.format(name=name), "basis": b}
                  for s, c, b in STEPS.get(power_type, GENERIC_STEPS)],
        "accountability": [{"case": c, "basis": b} for c, b in CASES.get(power_type, GENERIC_CASES)],
        "statutory_days": statutory, "promised_days": promised,
        "fee_basis": "", "fee_standard": "", "complaint_phone": department.phone + SKIP_COMPLAINT_SUFFIX,
        "inspection_content": "", "inspection_method": "", "involves_enterprises": None, "remarks": "",
    }
    if name in FEES:
        data["fee_basis"], data["fee_standard"] = FEES[name]
    if power_type == "inspection":
        target = name.removeprefix("对").removesuffix("的行政检查").removesuffix("的监督检查").removesuffix("的督导检查")
        data["inspection_content"] = f"{target}遵守{law}等法律法规和执行相关标准、制度的情况。"
        data["inspection_method"] = "“双随机、一公开”抽查；重点检查；投诉举报核查"
        data["involves_enterprises"] = "学校" not in name and "会计" not in name
    return data


def _next_code(power_type, counters):
    counters[power_type] = counters.get(power_type, 0) + 1
    return codes.make(power_type, counters[power_type])


def _load_line(line, department, counters, level="district"):
    type_code, name, law, article, text, statutory, promised = line.split("|")
    power_type = codes.TYPE_BY_CODE[type_code]
    bases = [{"law": law, "article": article, "text": text}]
    code = _next_code(power_type, counters)
    days = (int(statutory) if statutory else None, int(promised) if promised else None)
    main = services.write_item(_item_data(power_type, code, name, department, bases, *days), department)
    for sub_no, sub_name in enumerate(SUB_ITEMS.get(name, []), 1):
        sub_code = codes.make(power_type, int(code[2:7]), sub_no)
        services.write_item(_item_data(power_type, sub_code, sub_name, department, bases, *days), department)
    return main


def _load_responsibility_lists(departments):
    for slug, (duties, rules, public_services) in LISTS.items():
        dept = departments[slug]
        rlist = ResponsibilityList.objects.create(
            department=dept, accountability_mechanism=MECHANISM.format(name=dept.name, phone=dept.phone))
        MainDuty.objects.bulk_create([MainDuty(responsibility_list=rlist, sort_order=n, title=t, work_items="\n".join(w))
                                      for n, (t, w) in enumerate(duties)])
        SupervisionRule.objects.bulk_create([SupervisionRule(responsibility_list=rlist, sort_order=n, title=t, content=c)
                                             for n, (t, c) in enumerate(rules)])
        PublicService.objects.bulk_create([PublicService(responsibility_list=rlist, sort_order=n, name=a, content=c,
                                                         basis=b) for n, (a, c, b) in enumerate(public_services)])
    for order, (matter, lead, lead_duties, parties, basis) in enumerate(BOUNDARIES):
        boundary = DutyBoundary.objects.create(matter=matter, lead_department=departments[lead],
                                               lead_duties=lead_duties, basis=basis, sort_order=order)
        BoundaryParty.objects.bulk_create([BoundaryParty(boundary=boundary, sort_order=n, department=departments[d],
                                                         duties=text) for n, (d, text) in enumerate(parties)])


def _notice(year, number, effective, basis):
    return adjustments.Notice(
        basis=basis, effective_date=effective, number=f"南川府办发〔{year}〕{number}号",
        title="重庆市南川区人民政府办公室关于调整区级部门权责清单事项的通知")


def _adjustments_2023(departments, counters):
    by_name = {i.name: i for i in PowerItem.objects.all()}
    first = _notice(2023, 41, dt.date(2023, 7, 1),
                    "《中华人民共和国土地管理法》第六十二条；《重庆市人民政府关于向乡镇（街道）下放部分区县级行政权力事项的决定》")
    services.change(by_name["农村村民宅基地审批"], {"level": "town"}, first,
                    "按照赋权乡镇（街道）改革要求，农村村民宅基地审批下放至乡镇人民政府（街道办事处）实施，区农业农村委负责指导监督。")
    services.change(by_name["食品经营许可"], {"promised_days": 5}, first,
                    "深化“减时间”改革，承诺办结时限由10个工作日压减至5个工作日。")
    second = _notice(2023, 58, dt.date(2023, 9, 1), "《城镇燃气管理条例》第十五条；《重庆市燃气管理条例》")
    zjw = departments["zjw"]
    bases = [{"law": "《城镇燃气管理条例》", "article": "第十五条",
              "text": "国家对燃气经营实行许可证制度。从事燃气经营活动的企业，应当具备规定条件，由县级以上地方人民政府燃气管理部门核发燃气经营许可证。"}]
    services.add(_item_data("licensing", _next_code("licensing", counters), "燃气经营许可", zjw, bases, 20, 10),
                 zjw, second, "根据机构职能调整，燃气经营许可纳入区住房城乡建委权力清单。")
    services.change(by_name["建筑工程施工许可证核发"], {"promised_days": 1, "remarks": "实行告知承诺制，符合条件的当场办结。"},
                    second, "推行施工许可告知承诺制，承诺时限压减为1个工作日。")
    third = _notice(2023, 72, dt.date(2023, 12, 1), "《重庆市人民政府关于取消和调整一批行政权力事项的决定》")
    adjustments.cancel(by_name["价格认定"], third, "价格认定不再作为行政权力事项管理，相关工作转由区价格认证机构作为公共服务提供。")
    scjgj = departments["scjgj"]
    bases = [{"law": "《中华人民共和国产品质量法》", "article": "第四十九条",
              "text": "生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的，责令停止生产、销售，没收违法生产、销售的产品，并处违法生产、销售产品（包括已售出和未售出的产品，下同）货值金额等值以上三倍以下的罚款"},
             {"law": "《电动自行车安全技术规范》（GB 17761-2018）", "article": "全文", "text": "规定了电动自行车的整车安全、机械安全、电气安全、防火性能、阻燃性能等技术要求。"}]
    services.add(_item_data("penalty", _next_code("penalty", counters), "对销售不符合强制性国家标准的电动自行车的行政处罚",
                            scjgj, bases), scjgj, third, "开展电动自行车安全隐患全链条整治，新增本事项。")
    fourth = _notice(2024, 3, dt.date(2024, 1, 1), "《中华人民共和国食品安全法》第一百一十条；“综合查一次”改革要求")
    target = by_name["对食品生产者的监督检查"]
    services.change(target, {"name": "对食品生产经营者的监督检查",
                             "inspection_content": "食品生产经营者遵守《中华人民共和国食品安全法》等法律法规和执行食品安全标准的情况。"},
                    fourth, "与“对食品经营者的监督检查”合并后更名为“对食品生产经营者的监督检查”。")
    adjustments.merge(by_name["对食品经营者的监督检查"], target, fourth)


def _adjustments_2024(departments, counters):
    sthjj = departments["sthjj"]
    bases = [{"law": "《中华人民共和国大气污染防治法》", "article": "第五十四条",
              "text": "机动车排放检验机构应当依法通过计量认证，使用经依法检定合格的机动车排放检验设备，按照国务院生态环境主管部门制定的规范，对机动车进行排放检验。"}]
    notice = _notice(2024, 37, dt.date(2024, 6, 1), "《中华人民共和国大气污染防治法》第五十四条、第一百一十二条")
    services.add(_item_data("inspection", _next_code("inspection", counters), "对机动车排放检验机构的监督检查",
                            sthjj, bases), sthjj, notice, "加强机动车排放检验机构监管，新增本事项。")
