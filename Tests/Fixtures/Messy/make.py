#!/usr/bin/env python3
"""Writes the messy spreadsheet exports in this folder; run it here: python3 make.py.

Every file is hand-made from the small series below (no data comes from UrbanCast): each one
reproduces one way a planner's spreadsheet, pandas or R writes a series file. The values are
smooth made-up series so that any model can forecast them; the tests check that each file reads
and reaches a forecast, and which option the first error message suggests.
"""

def write(name, text, encoding="utf-8", bom=False, newline="\n"):
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(name, "wb") as f:
        f.write(data)

years = range(2000, 2020)
electricity = [2100 + 95 * i + (17 * i * i) % 40 for i in range(20)]
population = [6_500_000 + 120_000 * i for i in range(20)]
monthly = [100 + 10 * ((m % 12) in (5, 6, 7)) + m * 0.5 for m in range(36)]

# 1. The planner's own file: year column, quoted values with thousands separators.
write("hanoi_electricity.csv", "year,electricity_GWh,population\n" + "".join(
    f'{y},"{e:,}","{p:,}"\n' for y, e, p in zip(years, electricity, population)))

# 2. One column per series with units in the header, in parentheses and brackets.
write("wide_units.csv", "date,electricity (GWh),water [Mgal/d]\n" + "".join(
    f"{y},{e},{1200 - 3 * i}\n" for i, (y, e) in enumerate(zip(years, electricity))))

# 3. A European spreadsheet: semicolons, decimal commas, a byte-order mark and CRLF line ends.
write("semicolon_decimal_comma.csv", "city;date;value\n" + "".join(
    f"Oslo;{2020 + m // 12}-{m % 12 + 1:02d};{v:.1f}\n".replace(".", ",") for m, v in enumerate(monthly)),
    bom=True, newline="\r\n")

# 4. pandas' to_csv of an annual series: year-end stamps.
write("year_end.csv", "date,value\n" + "".join(f"{y}-12-31,{e}\n" for y, e in zip(years, electricity)))

# 5. pandas' to_csv of a monthly series: month-end stamps.
month_ends = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
def month_end(year, month):
    days = month_ends[month - 1]
    if month == 2 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        days = 28
    return f"{year}-{month:02d}-{days}"
write("month_end.csv", "date,value\n" + "".join(
    f"{month_end(2020 + m // 12, m % 12 + 1)},{v}\n" for m, v in enumerate(monthly)))

# 6. tsibble's quarters: "2000 Q1".
write("quarters.csv", "quarter,energy\n" + "".join(
    f"{2000 + q // 4} Q{q % 4 + 1},{500 + 20 * (q % 4) + q}\n" for q in range(24)))

# 7. tsibble's months: "2020 Jan".
names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
write("tsibble_months.csv", "month,water\n" + "".join(
    f"{2020 + m // 12} {names[m % 12]},{v}\n" for m, v in enumerate(monthly)))

# 8. R's write.csv(data.frame(year, electricity)): row names in a first column with no name.
write("r_write_csv.csv", '"","year","electricity"\n' + "".join(
    f'"{i + 1}",{y},{e}\n' for i, (y, e) in enumerate(zip(years, electricity))))

# 9. Windows-1252 text (a spreadsheet's "CSV (Windows)"): city names with accents.
write("windows1252.csv", "city,date,value\n" + "".join(
    f"{c},{y},{e + k}\n" for k, c in enumerate(["Malmö", "São Paulo"]) for y, e in zip(years, electricity)),
    encoding="cp1252")

# 10. Day-first dates of a monthly series: 01/02/2020 is 1 February.
write("day_first.csv", "date,value\n" + "".join(
    f"01/{m % 12 + 1:02d}/{2020 + m // 12},{v}\n" for m, v in enumerate(monthly)))

# 11. Tab-separated ISO weeks.
write("weeks.tsv", "week\tvisits\n" + "".join(
    f"2021-W{w + 1:02d}\t{300 + (w % 4) * 5 + w}\n" for w in range(30)))

# 12. Quarters written 2000Q1, one column per series.
write("quarters_compact.csv", "date,gas\n" + "".join(
    f"{2000 + q // 4}Q{q % 4 + 1},{80 + 4 * (q % 4) + q}\n" for q in range(24)))

# 13. Station data from a European spreadsheet: semicolons, decimal commas, one column per pollutant.
write("air_semicolon.csv", "date;station;PM2.5\n" + "".join(
    f"2024-01-{d + 1:02d};Dongsi;{10 + (d * 7) % 9},{d % 10}\n" for d in range(28)))
