"""Outcome categories of a 政府信息公开申请, as in Table 3 of the national
annual report format (国办公开办函〔2021〕30号). One place for the labels:
the answer form, the tracking page and the 年报 all read them from here.
"""

# (key, label, [(reason key, reason label), ...]); an empty list = no sub-reason.
CATEGORIES = [
    ("disclosed", "予以公开", []),
    ("partly", "部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    ("withheld", "不予公开", [
        ("state_secret", "属于国家秘密"),
        ("law_forbids", "其他法律行政法规禁止公开"),
        ("three_safeties", "危及“三安全一稳定”"),
        ("third_party", "保护第三方合法权益"),
        ("internal", "属于三类内部事务信息"),
        ("process", "属于四类过程性信息"),
        ("enforcement_file", "属于行政执法案卷"),
        ("inquiry", "属于行政查询事项"),
    ]),
    ("unavailable", "无法提供", [
        ("not_held", "本机关不掌握相关政府信息"),
        ("must_create", "没有现成信息需要另行制作"),
        ("unclear", "补正后申请内容仍不明确"),
    ]),
    ("not_processed", "不予处理", [
        ("petition", "信访举报投诉类申请"),
        ("repeat", "重复申请"),
        ("publication", "要求提供公开出版物"),
        ("bulk", "无正当理由大量反复申请"),
        ("confirm", "要求行政机关确认或重新出具已获取信息"),
    ]),
    ("other", "其他处理", [
        ("no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "其他"),
    ]),
]

OUTCOME_CHOICES = [(key, label) for key, label, _ in CATEGORIES]
REASONS = {key: reasons for key, _, reasons in CATEGORIES}
REASON_CHOICES = [(f"{key}.{r}", f"{label.split('（')[0]}：{rlabel}")
                  for key, label, reasons in CATEGORIES for r, rlabel in reasons]

# Table 3's applicant columns.
APPLICANT_TYPES = [("person", "自然人"), ("organisation", "法人或其他组织")]
ORGANISATION_KINDS = [
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
]
