"""工信部联企业〔2011〕300号 thresholds, checked at their edges."""

import pytest

from matcher.enterprise_scale import MissingMeasure, classify, sectors_for_industry

pytestmark = pytest.mark.sqlite  # pure logic: runs in the quick pass


@pytest.mark.parametrize(
    "sector, headcount, revenue, assets, expected",
    [
        ("manufacturing", 1000, 40000, None, "large"),
        ("manufacturing", 999, 90000, None, "medium"),  # below 1000 people: not large
        ("manufacturing", 300, 2000, None, "medium"),
        ("manufacturing", 300, 1999, None, "small"),
        ("manufacturing", 20, 300, None, "small"),
        ("manufacturing", 19, 5000, None, "micro"),
        ("retail", 10, 100, None, "small"),
        ("retail", 9, 100, None, "micro"),
        ("software", 10, 50, None, "small"),
        ("agriculture", None, 49, None, "micro"),
        ("agriculture", None, 20000, None, "large"),
        ("construction", None, 6000, 5000, "medium"),
        ("construction", None, 6000, 4999, "small"),
        ("leasing", 100, None, 8000, "medium"),
        ("other", 99, None, None, "small"),
    ],
)
def test_classify(sector, headcount, revenue, assets, expected):
    assert classify(sector, headcount, revenue, assets) == expected


def test_missing_figure_is_named_in_chinese():
    with pytest.raises(MissingMeasure) as info:
        classify("construction", revenue=100)
    assert "资产总额" in str(info.value)


def test_industries_map_to_sectors():
    assert [s.key for s in sectors_for_industry("F")] == ["wholesale", "retail"]
    assert [s.key for s in sectors_for_industry("C")] == ["manufacturing"]
    assert [s.key for s in sectors_for_industry("Q")] == ["other"]
