"""Enterprise scale per 《中小企业划型标准规定》(工信部联企业〔2011〕300号).

The thresholds are data: one row per sector of the standard. A sector maps to
a GB/T 4754 门类; a few 门类 (批发和零售业, 交通运输、仓储和邮政业…) hold
several sectors with different thresholds, so the business picks the sector.

Units: headcount in persons (从业人员, X), revenue in 万元 (营业收入, Y),
total assets in 万元 (资产总额, Z). A rule such as ``("X", 300), ("Y", 2000)``
means X ≥ 300 *and* Y ≥ 2000. An enterprise is large when it reaches the
"large" rule (the standard words it the other way round: below it in *any*
measure is 中小微).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sector:
    key: str
    label: str
    industry: str  # GB/T 4754 门类
    large: tuple  # reaching ALL of these makes it large
    medium: tuple
    small: tuple
    # below small: micro


SECTORS = [
    Sector("agriculture", "农、林、牧、渔业", "A", (("Y", 20000),), (("Y", 500),), (("Y", 50),)),
    Sector("mining", "采矿业", "B", (("X", 1000), ("Y", 40000)), (("X", 300), ("Y", 2000)), (("X", 20), ("Y", 300))),
    Sector("manufacturing", "制造业", "C", (("X", 1000), ("Y", 40000)), (("X", 300), ("Y", 2000)), (("X", 20), ("Y", 300))),
    Sector("utilities", "电力、热力、燃气及水生产和供应业", "D", (("X", 1000), ("Y", 40000)), (("X", 300), ("Y", 2000)), (("X", 20), ("Y", 300))),
    Sector("construction", "建筑业", "E", (("Y", 80000), ("Z", 80000)), (("Y", 6000), ("Z", 5000)), (("Y", 300), ("Z", 300))),
    Sector("wholesale", "批发业", "F", (("X", 200), ("Y", 40000)), (("X", 20), ("Y", 5000)), (("X", 5), ("Y", 1000))),
    Sector("retail", "零售业", "F", (("X", 300), ("Y", 20000)), (("X", 50), ("Y", 500)), (("X", 10), ("Y", 100))),
    Sector("transport", "交通运输业", "G", (("X", 1000), ("Y", 30000)), (("X", 300), ("Y", 3000)), (("X", 20), ("Y", 200))),
    Sector("warehousing", "仓储业", "G", (("X", 200), ("Y", 30000)), (("X", 100), ("Y", 1000)), (("X", 20), ("Y", 100))),
    Sector("postal", "邮政业", "G", (("X", 1000), ("Y", 30000)), (("X", 300), ("Y", 2000)), (("X", 20), ("Y", 100))),
    Sector("accommodation", "住宿业", "H", (("X", 300), ("Y", 10000)), (("X", 100), ("Y", 2000)), (("X", 10), ("Y", 100))),
    Sector("catering", "餐饮业", "H", (("X", 300), ("Y", 10000)), (("X", 100), ("Y", 2000)), (("X", 10), ("Y", 100))),
    Sector("telecom", "信息传输业", "I", (("X", 2000), ("Y", 100000)), (("X", 100), ("Y", 1000)), (("X", 10), ("Y", 100))),
    Sector("software", "软件和信息技术服务业", "I", (("X", 300), ("Y", 10000)), (("X", 100), ("Y", 1000)), (("X", 10), ("Y", 50))),
    Sector("real_estate", "房地产开发经营", "K", (("Y", 200000), ("Z", 10000)), (("Y", 1000), ("Z", 5000)), (("Y", 100), ("Z", 2000))),
    Sector("property", "物业管理", "K", (("X", 1000), ("Y", 5000)), (("X", 300), ("Y", 1000)), (("X", 100), ("Y", 500))),
    Sector("leasing", "租赁和商务服务业", "L", (("X", 300), ("Z", 120000)), (("X", 100), ("Z", 8000)), (("X", 10), ("Z", 100))),
    Sector("other", "其他未列明行业", "", (("X", 300),), (("X", 100),), (("X", 10),)),
]
SECTORS_BY_KEY = {s.key: s for s in SECTORS}
MEASURE_LABELS = {"X": "从业人员", "Y": "营业收入", "Z": "资产总额"}


def sectors_for_industry(industry):
    """The sectors of a 门类; 门类 the standard does not list fall to 'other'."""
    found = [s for s in SECTORS if s.industry == industry]
    return found or [SECTORS_BY_KEY["other"]]


class MissingMeasure(ValueError):
    """The sector's thresholds need a figure the caller did not give."""

    def __init__(self, measure):
        self.measure = measure
        super().__init__(f"按该行业的划型标准需要填写{MEASURE_LABELS[measure]}。")


def required_measures(sector):
    return sorted({m for rule in (sector.large, sector.medium, sector.small) for m, _ in rule})


def _reaches(rule, figures):
    return all(figures[measure] >= threshold for measure, threshold in rule)


def classify(sector_key, headcount=None, revenue=None, assets=None):
    """'large' | 'medium' | 'small' | 'micro' for a sector and its figures."""
    sector = SECTORS_BY_KEY[sector_key]
    figures = {"X": headcount, "Y": revenue, "Z": assets}
    for measure in required_measures(sector):
        if figures[measure] is None:
            raise MissingMeasure(measure)
    for scale, rule in (("large", sector.large), ("medium", sector.medium), ("small", sector.small)):
        if _reaches(rule, figures):
            return scale
    return "micro"
