#!/usr/bin/env python3
"""Writes the Excel workbooks in this folder; run it here: python3 make_xlsx.py (needs openpyxl).

Like make.py, every value is made up here (no data comes from UrbanCast). Each workbook is one
way a planner keeps a series in Excel, and each has a CSV twin holding the same table, so the
tests can check that the workbook and the CSV give byte-identical forecasts:

- two_sheets.xlsx: a notes sheet first, the data on the second sheet 'Data' (needs --sheet);
  the numbers are those of hanoi_electricity.csv, stored as numbers.
- thousands_text.xlsx: the same table with electricity typed as text with thousands
  separators ('2,100'), as a pasted export leaves it (needs --thousands ,).
- excel_dates.xlsx: monthly dates as Excel serial dates (1900 date system, built-in format 14),
  the city as shared strings, one number stored as text, one empty cell; the table starts at B2
  with an empty column A and row 1. Its twin is excel_dates.csv.
- excel_dates_1904.xlsx: the same table in the 1904 date system with a custom 'mmm yyyy' format,
  its strings inline.

openpyxl writes strings inline (<is><t>) and every cell with its reference (C14); Excel itself
writes them to a shared-strings part, so shared_strings() rewrites a saved workbook that way.
"""

import datetime
import re
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

years = range(2000, 2020)
electricity = [2100 + 95 * i + (17 * i * i) % 40 for i in range(20)]
population = [6_500_000 + 120_000 * i for i in range(20)]
months = [datetime.date(2020 + m // 12, m % 12 + 1, 1) for m in range(36)]
monthly = [100 + 10 * ((m % 12) in (5, 6, 7)) + m * 0.5 for m in range(36)]
TEXT_ROW, EMPTY_ROW = 7, 20  # the month stored as text and the month left empty


def save(workbook, name):
    # Fixed document properties, so the file changes only when the data does.
    stamp = datetime.datetime(2024, 1, 1)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "make_xlsx.py"
    workbook.save(name)


def shared_strings(name):
    """Moves the inline strings of every sheet of a saved workbook to xl/sharedStrings.xml."""
    with zipfile.ZipFile(name) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    strings, index = [], {}

    def shared(match):
        text = match.group(2)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'{match.group(1)} t="s"><v>{index[text]}</v></c>'

    inline = re.compile(r'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="inlineStr"><is><t>([^<]*)</t></is></c>')
    for part in [p for p in parts if p.startswith("xl/worksheets/sheet")]:
        parts[part] = inline.sub(shared, parts[part].decode()).encode()
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>').encode()
    relationship = ('<Relationship Id="rIdShared" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/sharedStrings"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].decode().replace(
        "</Relationships>", relationship).encode()
    override = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace("</Types>", override).encode()
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(zipfile.ZipInfo(part, date_time=(2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


# 1. Notes first, data second.
book = openpyxl.Workbook()
notes = book.active
notes.title = "Notes"
notes["A1"] = "About this workbook"
notes["A2"] = "Electricity use of Hanoi in GWh and its population; the data are on the sheet Data."
data = book.create_sheet("Data")
data.append(["year", "electricity_GWh", "population"])
for row in zip(years, electricity, population):
    data.append(list(row))
save(book, "two_sheets.xlsx")
shared_strings("two_sheets.xlsx")

# 2. Numbers typed as text with thousands separators.
book = openpyxl.Workbook()
sheet = book.active
sheet.append(["year", "electricity_GWh", "population"])
for y, e, p in zip(years, electricity, population):
    sheet.append([y, f"{e:,}", p])
save(book, "thousands_text.xlsx")


# 3 and 4. Serial dates in both date systems, with their CSV twin.
def monthly_book(epoch, date_format, origin_row, origin_column):
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    sheet = book.active
    for offset, title in enumerate(["city", "date", "value"]):
        sheet.cell(origin_row, origin_column + offset, title)
    for m, (month, value) in enumerate(zip(months, monthly)):
        row = origin_row + 1 + m
        sheet.cell(row, origin_column, "Hanoi")
        date = sheet.cell(row, origin_column + 1, month)
        date.number_format = date_format
        if m == EMPTY_ROW:
            continue
        sheet.cell(row, origin_column + 2, str(value) if m == TEXT_ROW else value)
    return book


save(monthly_book(None, "mm-dd-yy", 2, 2), "excel_dates.xlsx")
shared_strings("excel_dates.xlsx")
save(monthly_book(CALENDAR_MAC_1904, "mmm yyyy", 1, 1), "excel_dates_1904.xlsx")
with open("excel_dates.csv", "w", newline="") as f:
    f.write("city,date,value\n")
    for m, (month, value) in enumerate(zip(months, monthly)):
        f.write(f"Hanoi,{month.isoformat()},{'' if m == EMPTY_ROW else value}\n")
