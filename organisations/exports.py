"""Spreadsheets that a spreadsheet program cannot run: every admin list and the plan export
write through these, so a cell that starts like a formula gets a leading apostrophe."""

import tablib
from import_export.formats import base_formats

FORMULA_START = ("=", "+", "-", "@")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralised(dataset: tablib.Dataset) -> tablib.Dataset:
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([neutralise(value) for value in row])
    return safe


class SafeExport:
    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralised(dataset), **kwargs)


class SafeCSV(SafeExport, base_formats.CSV):
    pass


class SafeXLSX(SafeExport, base_formats.XLSX):
    pass
