"""urbancast_spark in Spark's local mode (local[2]) against single-process `urbancast`.

The reference for every equality below is the `urbancast` binary itself run once on the whole
file (`urbancast forecast FILE ... --format csv`): the Spark result, written back as CSV lines
with urbancast's quoting and sorted, must equal that output's sorted lines byte for byte.

Run with `make spark-test` (which builds the binary and installs pyspark), or
`URBANCAST_BINARY=.build/debug/urbancast PYTHONPATH=Integrations/spark python3 -m pytest Integrations/spark/tests`.
"""

import csv
import io
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.dirname(HERE))

import urbancast_spark as us  # noqa: E402
from urbancast_spark import _runner  # noqa: E402

BINARY = os.path.abspath(os.environ.get("URBANCAST_BINARY", os.path.join(ROOT, ".build", "debug", "urbancast")))
NYC = os.path.join(ROOT, "Datasets", "nyc_water_long.csv")
BEIJING = os.path.join(ROOT, "Datasets", "beijing_12sites_daily_long.csv")


def single_process(command, path, *arguments):
    """urbancast's own CSV for the whole file: (header line, data lines)."""
    done = subprocess.run([BINARY, command, path, *arguments, "--format", "csv", "--progress", "never"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    lines = done.stdout.decode("utf-8").splitlines()
    return lines[0], lines[1:]


def csv_field(text):
    """urbancast's RFC 4180 quoting (Sources/UrbanCast/Forecast/ForecastRun+Output.swift, csvField)."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def as_lines(frame):
    """A text-mode result as (header line, sorted data lines)."""
    header = ",".join(csv_field(c) for c in frame.columns)
    rows = [",".join(csv_field(v) for v in row) for row in frame.collect()]
    return header, sorted(rows)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYTHONPATH"] = os.path.dirname(HERE) + os.pathsep + os.environ.get("PYTHONPATH", "")
    session = (SparkSession.builder.master("local[2]").appName("urbancast_spark tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .getOrCreate())
    session.sparkContext.setLogLevel("FATAL")
    yield session
    session.stop()


def read_text(spark, path):
    return spark.read.csv(path, header=True, inferSchema=False, encoding="UTF-8")


def test_forecast_equals_single_process_for_any_partitioning(spark):
    arguments = ["--model", "theta", "--horizon", "14", "--missing", "interpolate"]
    header, expected = single_process("forecast", BEIJING, *arguments)
    frame = read_text(spark, BEIJING)
    binary = us.ship_binary(spark, BINARY)  # reaches the workers as a Spark file
    results = []
    for partitions in (1, 8):
        result = us.forecast(frame, ["city", "station", "pollutant"], "date", "value", model="theta", horizon=14,
                             unit_col="unit", missing="interpolate", binary=binary, partitions=partitions, typed=False)
        results.append(as_lines(result))
    assert len(expected) == 72 * 14
    for got_header, got in results:
        assert got_header == header
        assert got == sorted(expected)


def test_forecast_nyc_auto_ets_and_typed_columns(spark):
    header, expected = single_process("forecast", NYC, "--model", "auto-ets", "--horizon", "10", "--level", "50,95")
    frame = read_text(spark, NYC)
    text = us.forecast(frame, ["city", "indicator"], model="auto-ets", horizon=10, level=(95, 50), unit_col="unit",
                       binary=BINARY, typed=False)
    assert as_lines(text) == (header, sorted(expected))
    typed = us.forecast(frame, ["city", "indicator"], model="auto-ets", horizon=10, level=(95, 50), unit_col="unit",
                        binary=BINARY)
    assert [f.dataType.simpleString() for f in typed.schema.fields] == \
        ["string"] * 4 + ["double"] * 5 + ["string"]
    reference = {tuple(r[:3]): r for r in csv.reader(io.StringIO("\n".join(expected)))}
    rows = typed.collect()
    assert len(rows) == len(reference) == 30
    for row in rows:
        line = reference[(row["city"], row["indicator"], row["date"])]
        # every number read back as the very double urbancast printed
        assert [row[c] for c in ("mean", "lo50", "hi50", "lo95", "hi95")] == [float(x) for x in line[4:9]]
        assert row["unit"] == line[9]


def test_backtest_per_series_rows_equal_single_process(spark):
    arguments = ["--model", "naive,theta", "--horizon", "7", "--windows", "3", "--step", "7", "--missing", "interpolate",
                 "--per-series"]
    header, lines = single_process("backtest", BEIJING, *arguments)
    key_count = 3
    per_series = [line for line in lines if not line.startswith("," * key_count)]
    assert len(per_series) == 2 * 72
    frame = read_text(spark, BEIJING)
    result = us.backtest(frame, ["city", "station", "pollutant"], model="naive,theta", horizon=7, windows=3,
                         unit_col="unit", missing="interpolate", extra_args=["--step", "7"], binary=BINARY,
                         partitions=5, typed=False)
    assert as_lines(result) == (header, sorted(per_series))


def test_own_key_names_and_spark_types(spark, tmp_path):
    """Key columns outside urbancast's vocabulary, dates as a Spark date column and values as
    doubles give the single-process forecast of the same data written in urbancast's names."""
    from pyspark.sql import functions as F

    rows = list(csv.DictReader(open(BEIJING, encoding="utf-8")))
    rows = [r for r in rows if r["pollutant"] in ("NO2", "O3") and r["date"] >= "2016-01-01"]
    reference = tmp_path / "reference.csv"
    with open(reference, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["station", "pollutant", "date", "value"])
        for r in rows:
            writer.writerow([r["station"], r["pollutant"], r["date"], r["value"]])
    _, expected = single_process("forecast", str(reference), "--model", "naive", "--horizon", "5",
                                 "--missing", "interpolate")
    frame = (read_text(spark, BEIJING).where(F.col("pollutant").isin("NO2", "O3"))
             .where(F.col("date") >= "2016-01-01")
             .select(F.col("station").alias("site"), F.col("pollutant").alias("metric"),
                     F.to_date("date").alias("day"), F.col("value").cast("double").alias("reading")))
    result = us.forecast(frame, ["site", "metric"], "day", "reading", model="naive", horizon=5,
                         missing="interpolate", binary=BINARY, partitions=3, typed=False)
    assert result.columns[:3] == ["site", "metric", "date"]
    assert as_lines(result)[1] == sorted(expected)
    assert len(expected) == 24 * 5


def test_bad_data_raises_with_urbancasts_message(spark, tmp_path):
    from pyspark.sql import functions as F

    frame = read_text(spark, NYC).withColumn(
        "value", F.when((F.col("indicator") == "population") & (F.col("date") == "1990"), F.lit("12a"))
        .otherwise(F.col("value")))
    # urbancast's own words for this cell, from a single-process run on the same rows
    bad = tmp_path / "bad.csv"
    text = open(NYC, encoding="utf-8").read().replace("New York,population,1990,7335650", "New York,population,1990,12a")
    assert "12a" in text
    bad.write_text(text, encoding="utf-8")
    done = subprocess.run([BINARY, "forecast", str(bad), "--model", "theta", "--horizon", "3"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.returncode == 1
    message = done.stderr.decode("utf-8").splitlines()[0].split(": ", 1)[1]
    assert "12a" in message
    result = us.forecast(frame, ["city", "indicator"], model="theta", horizon=3, unit_col="unit", binary=BINARY)
    with pytest.raises(Exception) as raised:
        result.collect()
    text = str(raised.value)
    assert "UrbanCastError" in text and "exited with status 1" in text
    assert message in text
    assert "is the row city=New York indicator=population date=1990" in text


def test_failed_series_raise_unless_allowed(spark):
    frame = read_text(spark, BEIJING)
    result = us.forecast(frame, ["city", "station", "pollutant"], model="theta", horizon=3, unit_col="unit",
                         binary=BINARY, partitions=2)
    with pytest.raises(Exception) as raised:
        result.collect()
    assert "exited with status 3" in str(raised.value)
    assert "Theta cannot handle missing values" in str(raised.value)
    _, expected = single_process("forecast", BEIJING, "--model", "theta", "--horizon", "3", "--allow-failures")
    allowed = us.forecast(frame, ["city", "station", "pollutant"], model="theta", horizon=3, unit_col="unit",
                          binary=BINARY, partitions=2, extra_args=["--allow-failures"], typed=False)
    assert as_lines(allowed)[1] == sorted(expected)
    assert len(expected) == 6 * 3


def test_refusals(spark):
    frame = read_text(spark, NYC)
    for model in ("ets(MMN)", "combo(theta, ets(a m d n))", "conformal(ets(MMdM))", "auto", "AUTO",
                  "combo(auto,theta)", "conformal[5](auto)"):
        with pytest.raises(ValueError, match="simulates its intervals"):
            us.forecast(frame, ["city", "indicator"], model=model, horizon=3, binary=BINARY)
    with pytest.raises(ValueError, match="simulates its intervals"):
        us.forecast(frame, ["city", "indicator"], model="theta", horizon=3, binary=BINARY,
                    extra_args=["--fallback", "ets(MMN)"])
    for model in ("ets(MAN)", "auto-ets", "combo(auto-theta,auto-ces)", "conformal(auto-arima)"):
        assert not _runner.simulates_intervals(model)
    us.forecast(frame, ["city", "indicator"], model="ets(MAN)", horizon=3, binary=BINARY)  # analytic intervals
    with pytest.raises(ValueError, match="--where"):
        us.forecast(frame, ["city", "indicator"], model="theta", horizon=3, binary=BINARY,
                    extra_args=["--where", "city=Oslo"])
    with pytest.raises(ValueError, match="no column"):
        us.forecast(frame, ["town"], model="theta", horizon=3, binary=BINARY)
    with pytest.raises(ValueError, match="between 0 and 100"):
        us.forecast(frame, ["city", "indicator"], model="theta", horizon=3, level=(80, 100), binary=BINARY)


@pytest.mark.parametrize("levels", [(80, 95), (50, 97.5, 99.5), (66.6,), (99, 1)])
def test_declared_columns_are_urbancasts(levels):
    """The declared layouts against the headers the binary writes (no Spark)."""
    level_text = ",".join(_runner.level_label(x) for x in levels)
    extra = ["--level", level_text]
    forecast_header, _ = single_process("forecast", NYC, "--model", "naive", "--horizon", "1", *extra,
                                        "--missing", "contiguous")
    layout = _runner.forecast_layout(2, _runner.normalised_levels(levels), True, "contiguous")
    assert forecast_header.split(",")[2:] == list(layout.urbancast_columns[2:])
    backtest_header, _ = single_process("backtest", NYC, "--model", "naive", "--horizon", "1", "--windows", "1", *extra)
    layout = _runner.backtest_layout(2, _runner.normalised_levels(levels))
    assert backtest_header.split(",")[2:] == list(layout.urbancast_columns[2:])


def test_quoted_keys(spark, tmp_path):
    """Keys with a comma and a quote go through urbancast's RFC 4180 quoting both ways."""
    from pyspark.sql import functions as F

    text = open(NYC, encoding="utf-8").read().replace("New York,", '"New York, ""NY""",')
    path = tmp_path / "quoted.csv"
    path.write_text(text, encoding="utf-8")
    header, expected = single_process("forecast", str(path), "--model", "drift", "--horizon", "4")
    assert expected[0].startswith('"New York, ""NY""",')
    frame = read_text(spark, NYC).withColumn("city", F.lit('New York, "NY"'))
    result = us.forecast(frame, ["city", "indicator"], model="drift", horizon=4, unit_col="unit", binary=BINARY,
                         typed=False)
    assert as_lines(result) == (header, sorted(expected))


def test_dates_from_spark_types():
    """Spark date and timestamp columns become urbancast's ISO dates (no Spark: Arrow only)."""
    import datetime

    import pyarrow as pa

    days = pa.chunked_array([pa.array([datetime.date(2024, 7, 31)], pa.date32())])
    assert _runner._as_text(days, False).to_pylist() == ["2024-07-31"]
    naive = pa.chunked_array([pa.array([datetime.datetime(2024, 7, 31, 13, 0)], pa.timestamp("us"))])
    assert _runner._as_text(naive, False).to_pylist() == ["2024-07-31T13:00:00"]
    # 11:00 UTC is 13:00 in Oslo in summer: the session zone's wall clock
    zoned = pa.chunked_array([pa.array([datetime.datetime(2024, 7, 31, 11, 0)], pa.timestamp("us", tz="UTC"))])
    assert _runner._as_text(zoned.cast(pa.timestamp("us", tz="Europe/Oslo")), False).to_pylist() == \
        ["2024-07-31T13:00:00"]
    values = pa.chunked_array([pa.array([1.5, float("nan"), None, 7102100.0])])
    assert _runner._as_text(values, True).to_pylist() == ["1.5", None, None, "7102100"]
