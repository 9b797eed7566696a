from django import forms

from portal import forms as portal_forms

from .models import COMMENT_MAX, KINDS

# object_id is stored in a PositiveIntegerField: 4 bytes in PostgreSQL.
MAX_OBJECT_ID = 2_147_483_647
BAD_OBJECT = "评价对象编号有误。"


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(choices=KINDS, error_messages={"required": "缺少评价对象。", "invalid_choice": "未知的评价对象类型。"})
    object_id = portal_forms.IntegerField(
        min_value=1, max_value=MAX_OBJECT_ID,
        error_messages={"required": "缺少评价对象。", "invalid": BAD_OBJECT, "min_value": BAD_OBJECT, "max_value": BAD_OBJECT,
                        "ascii": BAD_OBJECT},
    )
    helpful = forms.TypedChoiceField(
        choices=[("1", "有帮助"), ("0", "没有帮助")], coerce=lambda v: v == "1",
        error_messages={"required": "请选择“有帮助”或“没有帮助”。", "invalid_choice": "请选择“有帮助”或“没有帮助”。"},
    )
    comment = forms.CharField(required=False, max_length=COMMENT_MAX, strip=True,
                              error_messages={"max_length": f"意见建议不能超过{COMMENT_MAX}字。"})
