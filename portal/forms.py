"""Number fields for every form of the portal, public and admin.

Python's int() and Decimal() accept any Unicode digit, so Django's number
fields take 20٢٥ or ２０２５ as 2025. A number typed into the portal must be
written with the digits 0–9: these fields refuse anything else, in Chinese.
portal/wagtail_hooks.py makes the admin's model forms use them too.
"""

from django import forms

ASCII_MESSAGE = "请用半角阿拉伯数字（0-9）填写，不能用全角数字或其他文字的数字。"


class AsciiDigitsMixin:
    default_error_messages = {"ascii": ASCII_MESSAGE}

    def to_python(self, value):
        if isinstance(value, str) and not value.isascii():
            raise forms.ValidationError(self.error_messages["ascii"], code="ascii")
        return super().to_python(value)


class IntegerField(AsciiDigitsMixin, forms.IntegerField):
    pass


class DecimalField(AsciiDigitsMixin, forms.DecimalField):
    pass
