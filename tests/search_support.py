"""Fixtures and sample documents for the search tests (imported by them)."""

import datetime as dt

import pytest

from search import service
from search.documents import SearchDocument
from search.engines import elasticsearch as es_engine
from search.engines import embedded
from search.query import parse

TODAY = dt.date(2024, 6, 1)
ENGINES = ["embedded", "elasticsearch"]


def sample_documents():
    d = dt.date.fromisoformat
    return [
        SearchDocument(
            id="policy:1", type="policy", title="南川区支持小微企业发展的若干措施", url="/zhengce/xiaowei/",
            summary="对小微企业给予房租补贴、创业担保贷款贴息和稳岗返还等支持。",
            body="为进一步减轻小微企业负担，激发市场主体活力，区政府决定对符合条件的小微企业给予房租补贴。",
            document_number="南川府发〔2024〕12号", index_number="009256036/2024-00012", departments=["jxw"],
            genre="measures", level="district", disclosure="decision", published=d("2024-03-01"),
            effective=d("2024-03-01"), expiry=d("2026-12-31"),
        ),
        SearchDocument(
            id="policy:2", type="policy", title="国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知",
            url="/zhengce/youeryuan/", body="城镇小区配套幼儿园是城镇公共服务设施建设的重要内容，事关广大人民群众切身利益。",
            document_number="国办发〔2019〕3号", departments=["jw"], genre="notice", level="national",
            published=d("2019-01-22"),
        ),
        SearchDocument(
            id="policy:3", type="policy", title="关于高新技术企业研发费用加计扣除有关事项的通知", url="/zhengce/jiaji/",
            body="高新技术企业开展研发活动中实际发生的研发费用，在按规定据实扣除的基础上，再按实际发生额的75%加计扣除。",
            document_number="南川税发〔2021〕5号", departments=["swj"], genre="notice", level="district",
            published=d("2021-04-10"), effective=d("2021-04-10"), repealed=d("2024-01-01"),
        ),
        SearchDocument(
            id="policy:4", type="policy", title="南川区稳岗返还实施办法", url="/zhengce/wengang/",
            body="参加失业保险的企业，上年度未裁员或裁员率低于规定标准的，可申请稳岗返还。",
            document_number="南川人社发〔2022〕8号", departments=["rlsbj"], genre="measures", level="district",
            published=d("2022-05-01"), revised=d("2024-02-01"),
        ),
        SearchDocument(
            id="policy:5", type="policy", title="南川区个体工商户纾困帮扶办法（试行）", url="/zhengce/geti/",
            body="对个体工商户减免房租，提供免费的经营指导。", document_number="南川府办发〔2024〕30号",
            departments=["scjgj"], genre="measures", level="district", published=d("2024-05-20"),
            effective=d("2024-07-01"),
        ),
        SearchDocument(
            id="policy:6", type="policy", title="关于深化“双随机、一公开”监管的实施意见", url="/zhengce/shuangsuiji/",
            body="在市场监管领域全面推行部门联合双随机、一公开监管，随机抽取检查对象，随机选派执法检查人员。",
            document_number="国发〔2019〕5号", departments=["scjgj"], genre="opinion", level="national",
            published=d("2019-02-15"), expiry=d("2023-12-31"),
        ),
        SearchDocument(
            id="measure:1:1", type="measure", title="小微企业创业担保贷款贴息", url="/zhengce/xiaowei/#m1",
            body="符合条件的小微企业申请创业担保贷款，按贷款利息的50%给予贴息。", departments=["czj"],
            document_number="南川府发〔2024〕12号", own_numbers=False,  # its policy's, as the content app sets it
            scales=["small", "micro"], industries=["C", "F"], regions=["dong-cheng-jie-dao"],
            published=d("2024-03-01"), window_opens=d("2024-04-01"), window_closes=d("2024-12-31"),
        ),
        SearchDocument(
            id="measure:1:2", type="measure", title="小微企业房租补贴", url="/zhengce/xiaowei/#m2",
            body="对租用标准厂房的小微企业，按实际租金的30%给予补贴。", departments=["jxw"], scales=["micro"],
            industries=["C"], published=d("2024-03-01"), window_opens=d("2024-05-01"), window_closes=d("2024-06-10"),
        ),
        SearchDocument(
            id="measure:4:1", type="measure", title="技能提升补贴", url="/zhengce/wengang/#m1",
            body="职工取得职业资格证书的，给予技能提升补贴。", departments=["rlsbj"], scales=["large", "medium"],
            industries=["C"], published=d("2022-05-01"), window_opens=d("2024-07-01"), window_closes=d("2024-09-30"),
        ),
        SearchDocument(
            id="measure:3:1", type="measure", title="研发费用补助", url="/zhengce/jiaji/#m1",
            body="对研发投入增长的高新技术企业给予研发费用补助。", departments=["kjj"], scales=["medium"],
            industries=["I"], published=d("2021-04-10"), window_opens=d("2021-05-01"), window_closes=d("2021-06-30"),
        ),
        SearchDocument(
            id="power:1", type="power_item", title="食品经营许可", url="/quanli/scjgj/xk00101000/",
            body="从事食品销售和餐饮服务活动，应当依法取得食品经营许可。", code="XK00101000",
            departments=["scjgj"], power_type="licensing", published=d("2024-01-15"),
        ),
        SearchDocument(
            id="power:2", type="power_item", title="对未取得食品经营许可从事食品经营活动的行政处罚",
            url="/quanli/scjgj/cf00201000/", body="未取得食品经营许可从事食品经营活动的，没收违法所得。",
            code="CF00201000", departments=["scjgj"], power_type="penalty", published=d("2024-01-15"),
        ),
        SearchDocument(
            id="interpretation:1", type="interpretation", title="图解：个人所得税专项附加扣除怎么填",
            url="/zhengce/geshui/jiedu/", body="子女教育、继续教育、大病医疗、住房贷款利息、住房租金和赡养老人六项专项附加扣除。",
            departments=["swj"], published=d("2023-12-20"),
        ),
        SearchDocument(
            id="responsibility:1", type="responsibility", title="区市场监管局事中事后监管职责",
            url="/zerenqingdan/scjgj/", body="按照双随机、一公开要求开展日常监督检查，依法查处违法行为。",
            departments=["scjgj"], published=d("2024-02-01"),
        ),
    ]


def index_documents(engine, docs):
    """Put documents into one engine directly (bypassing content models)."""
    if engine == "embedded":
        for doc in docs:
            embedded.replace_source(f"test.doc:{doc.id}", [doc])
        from search import suggest

        suggest.invalidate()
    else:
        es_engine.apply([(f"test.doc:{doc.id}", doc) for doc in docs], [], refresh=True)
        # Corrections come from the embedded vocabulary in every engine.
        index_documents("embedded", docs)


@pytest.fixture
def refdata(db):
    """Departments, topics, regions and the home page only: the full demo
    (policies, power lists) is not needed to test search itself."""
    from home import site as home_site
    from portal import demo as portal_demo
    from portal import site as portal_site
    from search import suggest
    from search.facets import clear_cache
    from search.models import OutboxEntry, SearchEntry, SearchPosting

    portal_site.setup(lambda *_: None)
    portal_demo.load(lambda *_: None)
    home_site.setup(lambda *_: None)
    # The demo is loaded once per run: start these tests from an empty
    # embedded index and queue (inside the test's rolled-back transaction).
    SearchPosting.objects.all().delete()
    SearchEntry.objects.all().delete()
    OutboxEntry.objects.all().delete()
    suggest.invalidate()
    clear_cache()


@pytest.fixture
def es_index(es_client, settings):
    """A fresh, empty index behind this test run's alias."""
    settings.SEARCH_INDEX_PREFIX = settings.SEARCH_INDEX_PREFIX + "-t"
    es_client.indices.delete(index=f"{es_engine.alias_name()}-*", ignore_unavailable=True, allow_no_indices=True)
    es_engine.ensure_alias(es_client)
    service.reset_breaker()
    from search.facets import clear_cache

    clear_cache()
    yield es_client
    es_client.indices.delete(index=f"{es_engine.alias_name()}-*", ignore_unavailable=True, allow_no_indices=True)


class Engine:
    def __init__(self, name):
        self.name = name

    def index(self, docs):
        index_documents(self.name, docs)

    def search(self, today=TODAY, **params):
        return service.search(parse(params), engine=self.name, today=today)

    def ids(self, **params):
        return [h.id for h in self.search(**params).hits]


@pytest.fixture(params=ENGINES)
def engine(request, db, refdata):
    """Each behaviour test runs once per engine, on the same documents."""
    if request.param == "elasticsearch":
        request.getfixturevalue("es_index")
    from search.facets import clear_cache

    clear_cache()  # the test database was rebuilt under the cached labels
    eng = Engine(request.param)
    eng.index(sample_documents())
    return eng
