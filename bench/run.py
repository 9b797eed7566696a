"""Search benchmark: synthetic documents at several sizes, index build,
a fixed mix of text+facet queries, publish-to-searchable latency.

    DATABASE_URL=... ELASTICSEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=bench \
    DEBUG=1 .venv/bin/python bench/run.py [--sizes 10000 100000] [--queries 240]

Writes bench/RESULTS.md. Uses its own index prefix (default "bench"); the
database only gets a few throwaway pages for the publish-latency test. When
the Elasticsearch node runs on this machine and its threads may be pinned
(same user, or root), the build is also timed with Elasticsearch on one core
and the benchmark on the others; otherwise with shared cores only.
"""

import argparse
import contextlib
import datetime as dt
import os
import platform
import random
import resource
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from elasticsearch import helpers  # noqa: E402

from portal import taxonomies  # noqa: E402
from search import analysis, service  # noqa: E402
from search.analysis import analyze_query  # noqa: E402
from search.documents import SearchDocument  # noqa: E402
from search.engines import elasticsearch as es_engine  # noqa: E402
from powerlists.codes import POWER_TYPE_CHOICES  # noqa: E402
from search.query import SearchQuery  # noqa: E402

SUBJECTS = ["小微企业", "个体工商户", "高新技术企业", "专精特新企业", "科技型中小企业", "农业经营主体", "外贸企业", "餐饮企业",
            "高校毕业生", "退役军人", "农民工", "困难群众", "养老机构", "幼儿园", "民办学校", "物流企业", "文化旅游企业"]
ACTIONS = ["房租补贴", "创业担保贷款贴息", "研发费用加计扣除", "稳岗返还", "技能提升补贴", "首台套奖励", "融资担保费补助",
           "社会保险费减免", "用地用能保障", "人才引进奖励", "出口信用保险补助", "消费券发放", "数字化改造补助", "食品经营许可办理"]
FORMS = ["关于{s}{a}的通知", "南川区{s}{a}实施办法", "关于进一步支持{s}发展的若干措施", "{s}{a}申报指南", "关于做好{s}{a}工作的意见",
         "南川区{a}管理细则（试行）", "对{s}实施{a}的行政确认", "关于开展{a}专项检查的公告"]
SENTENCES = [
    "为深入贯彻落实党中央、国务院决策部署，进一步优化营商环境，激发市场主体活力，结合我区实际，制定本办法。",
    "符合条件的{s}可向区{d}申请{a}，申请材料包括营业执照、财务报表和相关证明。",
    "{a}实行“免申即享”，由区{d}根据部门共享数据直接兑现，企业无需提交申请。",
    "对上年度营业收入增长超过百分之十的{s}，按照实际发生额的百分之三十给予{a}，单户最高不超过五十万元。",
    "本办法自发布之日起施行，有效期三年，由区{d}负责解释。",
    "各镇街、各部门要加强协同配合，确保政策直达快享，切实减轻企业负担。",
    "申报时间为每年的三月至五月，逾期不予受理；咨询电话见本通知附件。",
    "依据《中华人民共和国行政许可法》和相关规定，对{s}开展“双随机、一公开”监管。",
]
DEPTS = ["发展改革委", "经济信息委", "科技局", "财政局", "人力社保局", "市场监管局", "税务局", "商务委", "农业农村委", "住房城乡建委"]


def synthetic(n, seed=7):
    rng = random.Random(seed)
    from portal.models import Department, Region, Topic

    depts = list(Department.objects.values_list("slug", flat=True)) or ["fgw"]
    topics = list(Topic.objects.values_list("slug", flat=True)) or ["t"]
    regions = list(Region.objects.values_list("slug", flat=True)) or ["r"]
    kinds = ["policy"] * 4 + ["measure"] * 3 + ["power_item"] * 2 + ["interpretation", "responsibility"]
    ptypes = [k for k, _ in POWER_TYPE_CHOICES]
    base = dt.date(2015, 1, 1)
    for i in range(n):
        s, a, d = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(DEPTS)
        kind = rng.choice(kinds)
        published = base + dt.timedelta(days=rng.randrange(3600))
        body = "".join(rng.choice(SENTENCES).format(s=s, a=a, d=d) for _ in range(rng.randint(4, 9)))
        doc = SearchDocument(
            id=f"bench:{i}", type=kind, title=rng.choice(FORMS).format(s=s, a=a), url=f"/bench/{i}/", body=body,
            departments=[rng.choice(depts)], topics=[rng.choice(topics)], published=published,
        )
        if kind == "policy":
            doc.document_number = f"南川{rng.choice(['府', '府办', '财', '人社'])}发〔{published.year}〕{rng.randint(1, 200)}号"
            doc.genre = rng.choice(taxonomies.GENRES)[0]
            doc.level = rng.choice(taxonomies.POLICY_LEVELS)[0]
            doc.disclosure = rng.choice(taxonomies.DISCLOSURE_CATEGORIES)[0]
            doc.effective = published
            if rng.random() < 0.2:
                doc.expiry = published + dt.timedelta(days=rng.randint(300, 2000))
            if rng.random() < 0.05:
                doc.repealed = published + dt.timedelta(days=rng.randint(100, 1500))
        elif kind == "measure":
            doc.scales = rng.sample([k for k, _ in taxonomies.ENTERPRISE_SCALES], 2)
            doc.industries = rng.sample([k for k, _ in taxonomies.INDUSTRIES], 3)
            doc.regions = rng.sample(regions, min(2, len(regions)))
            doc.window_opens = published + dt.timedelta(days=rng.randint(0, 60))
            doc.window_closes = doc.window_opens + dt.timedelta(days=rng.randint(10, 400))
        elif kind == "power_item":
            doc.power_type = rng.choice(ptypes)
            doc.code = f"XK{rng.randint(0, 99999):05d}{rng.randint(0, 999):03d}"
        yield doc


def queries(count, seed=11):
    rng = random.Random(seed)
    texts = SUBJECTS + ACTIONS + ["xiaowei qiye", "shuangsuiji", "个税", "开饭店", "补贴 申报", "南川府发〔2020〕12号",
                                  "南川府发2021年8号", "营业执照", "幼儿圆", "免申即享", ""]
    facets = [
        {}, {"type": ("policy",)}, {"type": ("measure",), "status": ("open", "closing")}, {"validity": ("valid",)},
        {"scale": ("micro", "small")}, {"type": ("power_item",), "power_type": ("licensing",)},
        {"year": ("2020", "2021")}, {"level": ("district",), "validity": ("valid",)}, {"industry": ("C",), "scale": ("micro",)},
    ]
    out = []
    for i in range(count):
        out.append(SearchQuery(text=rng.choice(texts), filters=rng.choice(facets), sort="date" if i % 7 == 0 else "relevance",
                               page=1 + (i % 3 == 0), page_size=10))
    return out


ROUNDS = 3  # timings per query and kind; the median is kept


# Alternating builds (ours, raw) per core layout, the fastest of each kept:
# more at small sizes, where a build takes seconds and a hiccup counts most.
def build_passes(size):
    return max(2, min(5, 100_000 // size))


LAYOUTS = {
    "shared": "shared: Elasticsearch and the loader on the same cores",
    "separate": "separate: Elasticsearch on one core, the loader on the other",
}


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def _timed_load(es, name, load):
    es_engine.create_index(name, loading=True, es=es)
    t = time.perf_counter()
    load()
    return time.perf_counter() - t


def _raw_load(es, name, bodies):
    actions = ({"_index": name, "_id": b["id"], "_source": b} for b in bodies)
    for _ in helpers.parallel_bulk(es, actions, chunk_size=es_engine.BULK_CHUNK, thread_count=es_engine.BULK_THREADS):
        pass


def local_es_pid(es):
    """The Elasticsearch node's process id when it runs on this machine and
    its threads may be pinned, else None."""
    nodes = es.nodes.info(metric="process")["nodes"]
    pid = next(iter(nodes.values()))["process"]["id"]
    try:
        if "elasticsearch" not in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
            return None
        os.sched_setaffinity(pid, os.sched_getaffinity(pid))
    except OSError:
        return None
    return pid


def _pin(pid, cpus):
    for tid in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(ProcessLookupError):  # a thread that ended meanwhile
            os.sched_setaffinity(int(tid), cpus)


@contextlib.contextmanager
def core_layout(layout, es_pid):
    """"separate" pins every Elasticsearch thread to the first CPU and this
    process (the threads it starts inherit it) to the others, as when
    Elasticsearch runs on its own hosts; "shared" leaves both as they are."""
    if layout == "shared":
        yield
        return
    ours, theirs = os.sched_getaffinity(0), os.sched_getaffinity(es_pid)
    first = min(ours)
    _pin(es_pid, {first})
    os.sched_setaffinity(0, ours - {first})
    try:
        yield
    finally:
        _pin(es_pid, theirs)
        os.sched_setaffinity(0, ours)


def build(es, docs, layouts):
    """Our build (`bulk_load`: analysis + bulk) vs raw bulk of the same,
    pre-built bodies with the same chunking and threads, in alternating
    passes per core layout; the fastest pass of each counts. Returns
    {layout: (ours seconds, raw seconds)}; the last index built stays."""
    bodies = [es_engine.doc_body("bench", d) for d in docs]
    source_docs = [("bench", d) for d in docs]
    es_pid = local_es_pid(es)
    timings = {}
    name = None
    for layout in layouts:
        ours = raw = float("inf")
        with core_layout(layout, es_pid):
            for _ in range(build_passes(len(docs))):
                if name:
                    es.indices.delete(index=name)
                name = es_engine.new_index_name()
                analysis.pinyin_of.cache_clear()  # each pass as a fresh process would run it
                analysis.initials_of.cache_clear()
                ours = min(ours, _timed_load(es, name, lambda: es_engine.bulk_load(name, source_docs, es=es)))
                raw_name = name + "-raw"
                raw = min(raw, _timed_load(es, raw_name, lambda: _raw_load(es, raw_name, bodies)))
                es.indices.delete(index=raw_name)
        timings[layout] = (ours, raw)
    es.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    es.indices.refresh(index=name)
    old = es_engine.alias_targets(es)
    alias = es_engine.alias_name()
    es.indices.update_aliases(actions=[{"remove": {"index": i, "alias": alias}} for i in old] + [{"add": {"index": name, "alias": alias}}])
    for i in old:
        es.indices.delete(index=i)
    return timings


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def serve():
    from django.core.wsgi import get_wsgi_application

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def time_queries(es, qs, server, today, rounds=ROUNDS):
    """Per query, the median of `rounds` timings of each of (a), (b), (c),
    taken in turn, so a passing hiccup of the shared machine moves none of them."""
    alias = es_engine.alias_name()
    bodies = [es_engine.request_body(q, analyze_query(q.text), today) for q in qs]
    for q, body in zip(qs, bodies):  # warm-up
        es.search(index=alias, body=body)
    a, b, c = [], [], []
    for q, body in zip(qs, bodies):
        url = f"http://127.0.0.1:{server.server_port}/api/search/?" + urllib.parse.urlencode(q.as_params())
        ta, tb, tc = [], [], []
        for _ in range(rounds):
            t = time.perf_counter()
            service.search(q, engine="elasticsearch", today=today)
            ta.append(time.perf_counter() - t)
            t = time.perf_counter()
            es.search(index=alias, body=body)
            tb.append(time.perf_counter() - t)
            t = time.perf_counter()
            with urllib.request.urlopen(url) as r:
                r.read()
            tc.append(time.perf_counter() - t)
        a.append(statistics.median(ta))
        b.append(statistics.median(tb))
        c.append(statistics.median(tc))
    return a, b, c


def publish_latency(samples=20):
    """Publish a page (real transaction) -> found by the search service."""
    from django.db import transaction
    from django.utils import timezone

    from home.models import HomePage
    from search import signals
    from search.documents import Source

    src = Source(model=HomePage, queryset=lambda: HomePage.objects.live().public(),
                 to_documents=lambda p: [SearchDocument(id=f"benchpage:{p.pk}", type="policy", title=p.title, url=p.url_path,
                                                        body=p.intro, published=timezone.localdate())])
    signals.register(src)
    home = HomePage.objects.filter(depth=2).first()
    out = []
    try:
        for i in range(samples):
            word = f"基准测试专用标题{i}号"
            with transaction.atomic():
                page = home.add_child(instance=HomePage(title=word, slug=f"bench-latency-{i}-{time.time_ns()}", intro=word, live=False))
            t = time.perf_counter()
            with transaction.atomic():
                page.save_revision().publish()
            while True:
                if any(h.id == f"benchpage:{page.pk}" for h in service.search(SearchQuery(text=word), engine="elasticsearch").hits):
                    break
                if time.perf_counter() - t > 30:
                    break
                time.sleep(0.01)
            out.append(time.perf_counter() - t)
            HomePage.objects.get(pk=page.pk).delete()
    finally:
        signals.unregister(src)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    if not settings.ELASTICSEARCH_HOSTS:
        sys.exit("ELASTICSEARCH_URL is required")
    es = es_engine.client(timeout=120)
    layouts = ["shared"]  # last: the queries run on the index it builds, with Elasticsearch unpinned
    if len(os.sched_getaffinity(0)) >= 2 and local_es_pid(es):
        layouts.insert(0, "separate")
    else:
        print("Elasticsearch is not on this machine (or its threads may not be pinned): shared cores only", flush=True)
    today = dt.date(2024, 6, 1)
    server = serve()
    qs = queries(args.queries)
    rows = []
    for size in args.sizes:
        print(f"[{size}] generating + building…", flush=True)
        docs = list(synthetic(size))
        timings = build(es, docs, layouts)
        del docs
        print(f"[{size}] querying…", flush=True)
        a, b, c = time_queries(es, qs, server, today)
        rows.append({"size": size, "build": {k: (size / ours, size / raw) for k, (ours, raw) in timings.items()}, "a": a, "b": b, "c": c})
    print("publish latency…", flush=True)
    latency = publish_latency()
    server.shutdown()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    heap = es.nodes.stats(metric="jvm")["nodes"]
    heap_mb = max(n["jvm"]["mem"]["heap_used_in_bytes"] for n in heap.values()) / 2**20
    heap_max_mb = max(n["jvm"]["mem"]["heap_max_in_bytes"] for n in heap.values()) / 2**20
    write(args.out, rows, latency, peak_mb, heap_mb, heap_max_mb, len(qs))


def write(path, rows, latency, peak_mb, heap_mb, heap_max_mb, nq):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    lines = [
        "# Search benchmark results", "",
        f"Run: {dt.datetime.now():%Y-%m-%d %H:%M} ({settings.TIME_ZONE}), command `python bench/run.py --sizes {' '.join(str(r['size']) for r in rows)} --queries {nq}`.", "",
        f"Machine: {cpu}, {os.cpu_count()} cores (Elasticsearch and the benchmark share them), {mem} MB RAM, Python {platform.python_version()}, "
        f"Elasticsearch single node (512 MB heap), database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}.", "",
        f"Queries: {nq} fixed text+facet queries (every one with all 13 facet aggregations), (a) `search.service.search` on the Elasticsearch engine "
        "(analysis, request building, response parsing, highlighting, 您是不是要找 check), (b) the identical request body sent with the raw client, "
        f"(c) `/api/search/` over HTTP (wsgiref server in the benchmark process). Each query is timed {ROUNDS} times per kind, in turn; "
        "the per-query median enters the percentiles.", "",
        "| documents | (a) p50 ms | (a) p95 ms | (b) p50 ms | (b) p95 ms | (a)/(b) p50 | (a)/(b) p95 | (c) p50 ms | (c) p95 ms |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        a50, a95, b50, b95 = pct(r["a"], 50), pct(r["a"], 95), pct(r["b"], 50), pct(r["b"], 95)
        lines.append(f"| {r['size']:,} | {a50:.1f} | {a95:.1f} | {b50:.1f} | {b95:.1f} | "
                     f"{a50 / b50:.2f} | {a95 / b95:.2f} | {pct(r['c'], 50):.1f} | {pct(r['c'], 95):.1f} |")
    passes = ", ".join(f"{build_passes(r['size'])} at {r['size']:,}" for r in rows)
    lines += [
        "", "Index build: ours is `search.engines.elasticsearch.bulk_load` (Chinese analysis in Python, as this Elasticsearch build has no "
        "Chinese analyzers, then bulk requests); raw bulk sends the same documents, built beforehand, with the same chunking and threads. "
        f"Alternating passes of ours and raw per core layout ({passes} documents), the fastest of each. With shared cores every cycle spent on "
        "analysis is taken from Elasticsearch; the separate layout (thread affinity) is the production case of Elasticsearch on its own hosts.", "",
        "| documents | cores | build docs/s (ours) | raw bulk docs/s | build/raw |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for r in rows:
        for layout, (ours, raw) in r["build"].items():
            lines.append(f"| {r['size']:,} | {LAYOUTS[layout]} | {ours:.0f} | {raw:.0f} | {ours / raw:.2f} |")
    if len(rows) > 1:
        lines += ["", f"Scaling: (a) p50 at {rows[-1]['size']:,} / p50 at {rows[0]['size']:,} = {pct(rows[-1]['a'], 50) / pct(rows[0]['a'], 50):.2f} (target ≤ 2); "
                  f"raw Elasticsearch (b): {pct(rows[-1]['b'], 50) / pct(rows[0]['b'], 50):.2f}."]
    lines += [
        "", f"Publish-to-searchable ({len(latency)} publishes of a page, real transactions, after-commit flush): "
        f"p50 {pct(latency, 50):.0f} ms, p95 {pct(latency, 95):.0f} ms, max {max(latency) * 1000:.0f} ms (target p95 ≤ 2000 ms).", "",
        f"Peak memory: benchmark process {peak_mb:.0f} MB RSS (holds the largest document set in memory while building); "
        f"Elasticsearch heap in use at the end {heap_mb:.0f} MB of {heap_max_mb:.0f} MB.", "",
        "Targets: (a)/(b) p50 ≤ 1.3, p95 ≤ 1.5; build ≥ 70 % of raw bulk; p50 at 100k ≤ 2× p50 at 10k; publish-to-searchable p95 ≤ 2 s.", "",
    ]
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
