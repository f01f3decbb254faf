"""UrbanCast on Apache Spark: forecasts and backtests of a Spark DataFrame of many series, each
batch of whole series run by the `urbancast` binary through its standard input and output.

    from urbancast_spark import forecast, ship_binary
    binary = ship_binary(spark, "/opt/urbancast/bin/urbancast")   # or a path on every executor
    result = forecast(history, ["city", "indicator"], "date", "value",
                      model="theta", horizon=12, binary=binary)

How it runs: the rows are repartitioned by the hash of the key columns (so every row of a
series lands in the same partition), and `mapInArrow` hands each partition, as Arrow record
batches, to one `urbancast` process: the rows sorted by key and date are written to its
standard input as long-format CSV and its CSV output is read back as Arrow. One process per
partition (not per series) keeps the cost of starting a process and of reading its CSV spread
over thousands of series.

The result holds each series' rows exactly as `urbancast forecast FILE --format csv` writes
them for the same data and options, in some row order (sort it): a series' forecast depends on
its own rows only, for every model whose intervals are analytic or conformal. Models that
simulate their intervals from a random stream (ETS with a multiplicative trend, and the `auto`
ensemble of newer urbancast versions) draw from the
stream of the series' position in the process's input, which Spark does not preserve, so they
are refused unless `allow_simulated_intervals=True`.
"""

from __future__ import annotations

import os
from typing import Optional, Sequence

from ._runner import (
    URBANCAST_KEY_COLUMNS,
    Plan,
    UrbanCastError,
    backtest_layout,
    forecast_layout,
    normalised_levels,
    run_partition,
    simulates_intervals,
    _REFUSED_OPTIONS,
)

__all__ = ["forecast", "backtest", "ship_binary", "UrbanCastError", "URBANCAST_KEY_COLUMNS"]
__version__ = "0.1.0"


def ship_binary(spark, path: str) -> str:
    """Send the `urbancast` binary at `path` (on the driver) to every executor with
    `SparkContext.addFile`; returns the name to pass as `binary=`, which each executor resolves
    with `SparkFiles.get`. With `spark-submit --files /path/to/urbancast`, pass `"urbancast"`.

    Raises:
        FileNotFoundError: `path` is not a file.
    """
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no urbancast binary at {path}")
    spark.sparkContext.addFile(path)
    return os.path.basename(path)


def forecast(df, key_cols: Sequence[str], date_col: str = "date", value_col: str = "value", *,
             model: str, horizon: int, level: Sequence[float] = (80, 95), unit_col: Optional[str] = None,
             missing: Optional[str] = None, binary: str = "urbancast", extra_args: Sequence[str] = (),
             partitions: Optional[int] = None, typed: bool = True, allow_simulated_intervals: bool = False):
    """Forecast every series of a long-format Spark DataFrame with `urbancast forecast`.

    Args:
        df: one row per observation: the key columns, a date and a value (and optionally a unit).
        key_cols: the columns that together name a series (at least one, at most six). Names
            outside urbancast's vocabulary (series, city, indicator, station, pollutant,
            scenario) are renamed for the binary and back in the result.
        date_col: dates as urbancast reads them (`2024`, `2024-Q3`, `2024-07`, `2024-07-31`,
            `2024-07-31T13:00`), or a Spark date or timestamp column.
        value_col: the observations (numbers, or their text); null, NaN and empty are missing.
        model: urbancast's model specification, e.g. `theta`, `auto-ets`, `combo(theta,auto-arima)`.
        horizon: steps ahead.
        level: interval levels in percent (urbancast's `--level`); the result's columns follow
            them ascending.
        unit_col: a column with each series' unit, written back in the result's `unit`.
        missing: `refuse` (default), `interpolate` or `contiguous` (urbancast's `--missing`;
            the last two add the `filled` and `dropped` columns).
        binary: the executable on the executors: a path, a file shipped with `ship_binary` /
            `--files`, or a command on PATH.
        extra_args: further urbancast options, e.g. `["--fallback", "naive", "--seed", "7"]`.
            Options that change the output's columns or files (`--format`, `--where`, `--shard`,
            `--report`, `--style`, ...) are refused: filter with Spark instead.
        partitions: how many partitions (urbancast processes) the series are hashed into;
            default twice Spark's default parallelism.
        typed: numbers as doubles and counts as longs (null where urbancast writes nothing);
            with `False` every column is the exact text urbancast wrote.
        allow_simulated_intervals: accept models that simulate their intervals (ETS with a
            multiplicative trend, `auto`), whose intervals then depend on how the series were
            partitioned (their means do not).

    Returns:
        A lazy Spark DataFrame with the columns of `urbancast forecast --format csv`: the key
        columns (DataFrame names), date, model, mean, loL and hiL per level, then unit (with
        `unit_col`) and filled, dropped (with `missing`). Rows come in no particular order.

    Raises:
        ValueError: a refused option or model, no key column, or a bad level. When the result is
        computed, a batch on which urbancast exits with a non-zero status (bad data; 3 when some
        series failed, unless `--allow-failures` is in `extra_args`) fails the Spark job with
        `UrbanCastError`, whose message carries urbancast's standard error.

    Complexity: one shuffle of the rows, then one urbancast process per non-empty partition.
    """
    levels = normalised_levels(level)
    if missing not in (None, "refuse", "interpolate", "contiguous"):
        raise ValueError(f"missing={missing!r}: use refuse, interpolate or contiguous")
    _check_models([model] + _option_values(extra_args, "--fallback"), allow_simulated_intervals)
    arguments = ["--model", model, "--horizon", str(int(horizon)), "--level", ",".join(_level_text(levels))]
    if missing is not None:
        arguments += ["--missing", missing]
    layout = forecast_layout(len(key_cols), levels, unit_col is not None, missing)
    return _run(df, "forecast", arguments, extra_args, key_cols, date_col, value_col, unit_col, layout,
                binary, partitions, typed)


def backtest(df, key_cols: Sequence[str], date_col: str = "date", value_col: str = "value", *,
             model: str, horizon: int, windows: int, level: Sequence[float] = (80, 95),
             unit_col: Optional[str] = None, missing: Optional[str] = None, binary: str = "urbancast",
             extra_args: Sequence[str] = (), partitions: Optional[int] = None, typed: bool = True,
             allow_simulated_intervals: bool = False):
    """Backtest every series of a long-format Spark DataFrame with `urbancast backtest
    --per-series`: one row per series and model.

    Args: as ``forecast``, with `model` a comma-separated list (`naive,theta`) and `windows` the
    number of forecast origins; `--step`, `--window-length`, `--no-refit` go in `extra_args`.

    Returns:
        A lazy Spark DataFrame with the per-series rows of `urbancast backtest --per-series
        --format csv`: the key columns, model, series (1, or 0 for a series too short to
        backtest), windows, failed, me, rmse, mae, mpe, mape, smape, mase, rmsse, coverageL and
        winklerL per level, pinballQ per bound quantile, crps, unit. urbancast's model rows (a
        model's mean over series) are not returned: each batch's would cover its own series
        only; a model's score over all series is the mean of its per-series rows.

    Raises: as ``forecast``.
    """
    levels = normalised_levels(level)
    if missing not in (None, "refuse", "interpolate", "contiguous"):
        raise ValueError(f"missing={missing!r}: use refuse, interpolate or contiguous")
    _check_models(model.split(",") + _option_values(extra_args, "--fallback"), allow_simulated_intervals)
    arguments = ["--model", model, "--horizon", str(int(horizon)), "--windows", str(int(windows)),
                 "--level", ",".join(_level_text(levels)), "--per-series"]
    if missing is not None:
        arguments += ["--missing", missing]
    layout = backtest_layout(len(key_cols), levels)
    return _run(df, "backtest", arguments, extra_args, key_cols, date_col, value_col, unit_col, layout,
                binary, partitions, typed)


def _level_text(levels):
    return [str(int(x)) if x == int(x) else repr(x) for x in levels]


def _option_values(arguments: Sequence[str], option: str):
    values = []
    for i, argument in enumerate(arguments):
        if argument == option and i + 1 < len(arguments):
            values.append(arguments[i + 1])
        elif argument.startswith(option + "="):
            values.append(argument[len(option) + 1:])
    return values


def _check_models(models, allow_simulated_intervals: bool):
    if allow_simulated_intervals:
        return
    for spec in models:
        if simulates_intervals(spec):
            raise ValueError(
                f"model {spec!r} simulates its intervals (ETS with a multiplicative trend, or auto), drawing from the "
                "random stream of the series' position in the input, which Spark's partitioning does not keep; "
                "pass allow_simulated_intervals=True to accept intervals that depend on the partitioning")


def _run(df, command, arguments, extra_args, key_cols, date_col, value_col, unit_col, layout, binary,
         partitions, typed):
    key_cols = list(key_cols)
    if not key_cols:
        raise ValueError("key_cols: name at least one column that identifies a series")
    if len(key_cols) > len(URBANCAST_KEY_COLUMNS):
        raise ValueError(f"key_cols: at most {len(URBANCAST_KEY_COLUMNS)} key columns (urbancast's key vocabulary)")
    if len(set(key_cols)) != len(key_cols):
        raise ValueError(f"key_cols: {key_cols} names a column twice")
    for argument in extra_args:
        name = str(argument).split("=", 1)[0]
        if name in _REFUSED_OPTIONS:
            raise ValueError(f"extra_args: {name} is set by urbancast_spark or would change the output's columns; "
                             "use the function's parameters (or filter the DataFrame with Spark)")
    needed = key_cols + [date_col, value_col] + ([unit_col] if unit_col else [])
    missing_columns = [c for c in needed if c not in df.columns]
    if missing_columns:
        raise ValueError(f"the DataFrame has no column {missing_columns[0]!r} (columns: {df.columns})")
    output_names = tuple(key_cols) + layout.urbancast_columns[len(key_cols):]
    plan = Plan(command=command, arguments=tuple(arguments) + tuple(str(a) for a in extra_args),
                key_columns=tuple(key_cols), date_column=date_col, value_column=value_col, unit_column=unit_col,
                layout=layout, typed=typed, binary=binary, output_names=output_names)
    if partitions is None:
        partitions = max(1, 2 * df.sparkSession.sparkContext.defaultParallelism)
    schema = _spark_schema(plan)

    def run(batches):
        return run_partition(batches, plan)

    return df.select(*needed).repartition(int(partitions), *key_cols).mapInArrow(run, schema)


def _spark_schema(plan: Plan):
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"key": StringType(), "string": StringType(), "double": DoubleType(), "long": LongType()}
    return StructType([
        StructField(name, types[kind] if plan.typed else StringType(), nullable=True)
        for name, kind in zip(plan.output_names, plan.layout.kinds)
    ])
