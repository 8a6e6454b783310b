"""The Buddhist-era date picker: three selects a screen reader can name one by one."""

import datetime
import re

from thai.widgets import BuddhistEraDateWidget


def test_each_select_of_the_date_is_named_in_thai():
    html = BuddhistEraDateWidget().render("memo_date", datetime.date(2023, 3, 31))
    names = re.findall(r'<select name="memo_date_(\w+)"[^>]*aria-label="([^"]+)"', html)
    assert names == [("day", "วันที่"), ("month", "เดือน"), ("year", "ปี พ.ศ.")]
    assert '<option value="2023" selected>๒๕๖๖</option>' in html
