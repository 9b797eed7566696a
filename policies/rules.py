"""Content rules of a policy and its support measures, as pure functions.

The admin form and the importer both call these, so an editor and an import
file are held to the same rules and get the same Chinese messages. Each
function returns {field name: [message, ...]}; empty means valid.
"""

from collections import defaultdict


def _errors():
    return defaultdict(list)


def policy_date_errors(*, written=None, published=None, effective=None, expiry=None):
    errors = _errors()
    if written and published and published < written:
        errors["published_date"].append("发布日期不能早于成文日期。")
    if effective and expiry and expiry < effective:
        errors["expiry_date"].append(f"失效日期（{expiry:%Y-%m-%d}）不能早于施行日期（{effective:%Y-%m-%d}）。")
    if written and expiry and expiry < written:
        errors["expiry_date"].append(f"失效日期（{expiry:%Y-%m-%d}）不能早于成文日期（{written:%Y-%m-%d}）。")
    return dict(errors)


def measure_errors(measure, *, effective=None, expiry=None):
    """`measure` is anything with the SupportMeasure attributes (a model
    instance or a form's cleaned_data wrapped in SimpleNamespace)."""
    errors = _errors()
    opens, closes = measure.window_opens, measure.window_closes
    if opens and closes and closes < opens:
        errors["window_closes"].append("申报截止日期不能早于申报开始日期。")
    if opens and effective and opens < effective:
        errors["window_opens"].append(
            f"申报开始日期（{opens:%Y-%m-%d}）早于政策施行日期（{effective:%Y-%m-%d}）：申报期须在政策有效期内。"
        )
    if closes and expiry and closes > expiry:
        errors["window_closes"].append(
            f"申报截止日期（{closes:%Y-%m-%d}）晚于政策失效日期（{expiry:%Y-%m-%d}）：申报期须在政策有效期内。"
        )
    for low, high, what in (
        ("min_years", "max_years", "成立年限"),
        ("min_headcount", "max_headcount", "从业人数"),
        ("min_revenue", "max_revenue", "营业收入"),
    ):
        a, b = getattr(measure, low), getattr(measure, high)
        if a is not None and b is not None and a > b:
            errors[high].append(f"{what}上限不能小于下限（下限 {a}，上限 {b}）。")
    if measure.amount_cap is not None and measure.amount_cap < 0:
        errors["amount_cap"].append("扶持金额上限不能为负数。")
    return dict(errors)


def supersession_errors(page_pk, old_policy_pks):
    errors = _errors()
    if page_pk and page_pk in old_policy_pks:
        errors["old_policy"].append("政策文件不能修订或废止它自身。")
    if len(old_policy_pks) != len(set(old_policy_pks)):
        errors["old_policy"].append("同一份被修订或废止的文件只能填写一次。")
    return dict(errors)
