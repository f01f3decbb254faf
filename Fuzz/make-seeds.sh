#!/bin/sh
# Regenerates the seed corpora in Fuzz/corpus from the repository's datasets and models: small
# slices of the CSV files (a header, the first rows and the last rows, so a seed has more than
# one series where the file has), the scenario and mitigation YAMLs, and grammar examples.
# The seeds are committed; run this only to refresh them.
set -eu
cd "$(dirname "$0")"
root=..
corpus=corpus
rm -rf "$corpus"
mkdir -p "$corpus/csv" "$corpus/long" "$corpus/wide" "$corpus/dates" "$corpus/scenario" \
  "$corpus/mitigation" "$corpus/model" "$corpus/xlsx"

# The workbooks of the messy-files folder (made by its make_xlsx.py), each a few kilobytes.
cp "$root"/Tests/Fixtures/Messy/*.xlsx "$corpus/xlsx/"

# A slice: the header, the first 12 rows and the last 12, at most 4 KB.
slice() { { head -n 13 "$1"; tail -n 12 "$1"; } | head -c 4096; }

for file in "$root"/Datasets/*.csv "$root"/Models/air-quality/*.csv; do
  name=$(basename "$file" .csv)
  slice "$file" > "$corpus/csv/$name.csv"
  case "$name" in
    *_long)
      # The first byte of a long-format input selects the reading options (see fuzz-long):
      # '@' infers everything; 'p' sorts dates and ignores unknown columns.
      { printf '@'; slice "$file"; } > "$corpus/long/$name.csv"
      { printf 'p'; slice "$file"; } > "$corpus/long/$name-sorted.csv"
      ;;
    *_wide) slice "$file" > "$corpus/wide/$name.csv" ;;
  esac
  # Dates: the date column of the slice, one per line.
  if head -n 1 "$file" | grep -q '\(^\|,\)date\(,\|$\)'; then
    column=$(head -n 1 "$file" | tr ',' '\n' | grep -n '^date$' | cut -d: -f1)
    slice "$file" | tail -n +2 | cut -d, -f"$column" > "$corpus/dates/$name.txt"
  fi
done

# Hand-written CSV corner cases: quotes, line breaks in quotes, CRLF, lone CR, BOM, blank lines.
printf 'a,b\r\n1,"x, ""y"""\r\n2,"multi\nline"\r\n' > "$corpus/csv/quoted.csv"
printf '\357\273\277date,value\r\r\n2024-01,1\r2024-02,\n\n2024-03,NA\n' > "$corpus/csv/bom-cr.csv"
printf 'a,"b\n1,2\n' > "$corpus/csv/unterminated.csv"
printf '@date,value\n2024-Q1,1\n2024-Q2,2\n2024-Q4,nan\n' > "$corpus/long/quarterly.csv"
printf '@ds,y,unique_id\n2024-01-01 00:00,1,a\n2024-01-01 00:15,2,a\n2024-01-01 00:00,3,b\n' > "$corpus/long/statsforecast.csv"
printf 'C series , DATE,VALUE,unit\ns,2024-01,1,kg\ns,2024-02,2,kg\n' > "$corpus/long/monthly-options.csv"

# Every form of the date grammar, and series of each frequency.
printf '2024\n2024-Q3\n2024-q1\n2024-07\n2024-07-31\n2024-07-31T13:00\n2024-07-31t13:00:59\n2024-07-31 00:00\n0000-02-29\n9999-12-31T23:59:59\n' > "$corpus/dates/forms.txt"
printf '2024-01-31\n2024-02-29\n2024-03-31\n2024-04-30\n' > "$corpus/dates/month-ends.txt"
printf '2024-01-01\n2024-01-08\n2024-01-22\n' > "$corpus/dates/weekly.txt"
printf '2024-01-01T00:00\n2024-01-01T00:15\n2024-01-01T00:45\n' > "$corpus/dates/quarter-hours.txt"
printf '2020\n2025\n2030\n' > "$corpus/dates/five-years.txt"

cp "$root"/Models/scenarios/*.yaml "$corpus/scenario/"
cp "$root"/Models/air-quality/*.yaml "$corpus/mitigation/"
# A plan with a typed baseline, which the reader completes without any data file.
sed -e '/^baseline:/,/^horizon:/c\
baseline: {year: 2016, concentration: 73.0, trendPerYear: -3.0, trendSD: 1.0}\
horizon: 2030' "$root"/Models/air-quality/beijing-pm25-mitigation.yaml > "$corpus/mitigation/typed-baseline.yaml"
printf 'pollutant: PM2.5\nbaseline: {from: forecast, file: x.csv, city: true, year: 2016, model: auto-ets}\nhorizon: 2030\nsectors: []\nmeasures: []\nhealth: {population: 1e6, baselineMortality: 0.005}\n' > "$corpus/mitigation/forecast-baseline.yaml"

n=0
for model in auto-arima auto-ets "arima(1,1,1)" "arima(1,1,1)(0,1,1)[12]+drift" "arima(2,0,0)+mean" \
  "ARIMA(0, 1, 1)(0, 1, 1)[4]" "ets(MAM)" "ets(MAdM)" "ets(ANN)" theta naive snaive drift rwf mean stl-ets stlf \
  "combo(auto-ets,theta)" "combo(auto-ets,auto-arima,theta)" "combo(arima(0,1,1)(0,1,1)[12],combo(naive,snaive))"; do
  n=$((n + 1))
  printf '%s' "$model" > "$corpus/model/$n.txt"
done
