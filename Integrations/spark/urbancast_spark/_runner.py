"""Running the `urbancast` binary on one batch of whole series (no Spark here).

A batch is an Arrow table in UrbanCast's long format (key columns, a date, a value and
optionally a unit). It is sorted by key and date, written as CSV to the binary's standard
input, and the binary's CSV on standard output is read back into an Arrow table with the
declared columns. Everything here is plain Python and pyarrow, so it is tested without Spark.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

#: UrbanCast's key column names (docs/DESIGN.md, "Series CSV (long format)"), in the order used
#: when a DataFrame's own key names are not among them.
URBANCAST_KEY_COLUMNS = ("series", "city", "indicator", "station", "pollutant", "scenario")

#: Options a caller may not pass in `extra_args`: the package sets them itself, or they would
#: change the output's columns or write files on the executors.
_REFUSED_OPTIONS = (
    "--format", "--report", "--style", "--include-history", "--shard", "--hierarchy",
    "--reconcile", "--xreg", "--future", "--where", "--per-series", "--level", "--missing",
    "--progress", "--model", "--horizon", "--windows",
)

#: How many `<stdin>:LINE` diagnostics get the row they point at added to the error.
_CONTEXT_LINES = 10


class UrbanCastError(RuntimeError):
    """`urbancast` exited with a non-zero status on a batch of series.

    Attributes:
        command: the subcommand (`forecast` or `backtest`).
        status: the exit status (1 bad data or no series forecast, 2 usage, 3 some series failed).
        stderr: urbancast's standard error, as written (`<stdin>:LINE:COLUMN: message` lines
            for data problems, LINE counted in the batch's CSV).
    """

    def __init__(self, command: str, status: int, stderr: str, context: str = ""):
        self.command = command
        self.status = status
        self.stderr = stderr
        message = f"urbancast {command} exited with status {status}:\n{stderr.rstrip()}"
        if context:
            message += "\n" + context
        super().__init__(message)

    def __reduce__(self):  # picklable across the Python worker boundary
        return (_rebuild_error, (self.command, self.status, self.stderr, str(self)))


def _rebuild_error(command, status, stderr, message):
    error = UrbanCastError.__new__(UrbanCastError)
    error.command, error.status, error.stderr = command, status, stderr
    RuntimeError.__init__(error, message)
    return error


def level_label(level: float) -> str:
    """A level's text in column names as urbancast writes it: `80` for 80.0, `97.5` for 97.5."""
    return str(int(level)) if level == round(level) else repr(float(level))


def normalised_levels(levels: Sequence[float]) -> List[float]:
    """Levels ascending without repeats, as urbancast orders its interval columns.

    Raises:
        ValueError: no level, or a level outside (0, 100).
    """
    values = sorted({float(x) for x in levels})
    if not values:
        raise ValueError("level: name at least one interval level, e.g. (80, 95)")
    for x in values:
        if not 0 < x < 100:
            raise ValueError(f"level {x}: interval levels are percentages strictly between 0 and 100")
    return values


def simulates_intervals(model: str) -> bool:
    """Whether a model specification draws simulated intervals from a random stream.

    In urbancast ETS with a multiplicative trend (`ets(XMZ)`, `ets(XMdZ)`) and the `auto`
    ensemble (quantiles of pooled sample paths) simulate their intervals, also inside
    `combo(...)`, `conformal(...)` or as a fallback (Sources/urbancast/MemoryLimit.swift,
    `simulatesPaths`); `auto-ets`, `auto-arima`, `auto-theta` and `auto-ces` do not. Spaces are
    ignored and letters are case-insensitive, as in urbancast's grammar.
    """
    compact = re.sub(r"\s+", "", model).lower()
    return (re.search(r"ets\([am]m", compact) is not None
            or re.search(r"(^|[(,\]])auto($|[),\[])", compact) is not None)


@dataclass(frozen=True)
class Layout:
    """The columns urbancast writes for a run and the declared (Spark) types of each.

    `kinds` gives per output column one of "key", "string", "double", "long".
    """

    command: str
    urbancast_columns: Tuple[str, ...]
    kinds: Tuple[str, ...]
    optional_unit: bool  # forecast writes `unit` only when some series of the batch has one

    def arrow_type(self, kind: str, typed: bool) -> pa.DataType:
        if not typed or kind in ("key", "string"):
            return pa.string()
        return pa.float64() if kind == "double" else pa.int64()


def forecast_layout(key_count: int, levels: Sequence[float], unit: bool, missing: Optional[str]) -> Layout:
    """`urbancast forecast --format csv`'s columns (Sources/UrbanCast/Forecast/ForecastRun+Layout.swift)."""
    names = [URBANCAST_KEY_COLUMNS[i] for i in range(key_count)] + ["date", "model", "mean"]
    kinds = ["key"] * key_count + ["string", "string", "double"]
    for level in levels:
        names += [f"lo{level_label(level)}", f"hi{level_label(level)}"]
        kinds += ["double", "double"]
    if unit:
        names.append("unit")
        kinds.append("string")
    if missing in ("interpolate", "contiguous"):
        names += ["filled", "dropped"]
        kinds += ["long", "long"]
    return Layout("forecast", tuple(names), tuple(kinds), optional_unit=unit)


def backtest_layout(key_count: int, levels: Sequence[float]) -> Layout:
    """`urbancast backtest --per-series --format csv`'s columns
    (Sources/UrbanCast/Backtest/BacktestRun+Output.swift)."""
    names = [URBANCAST_KEY_COLUMNS[i] for i in range(key_count)] + ["model", "series", "windows", "failed"]
    kinds = ["key"] * key_count + ["string", "long", "long", "long"]
    for metric in ("me", "rmse", "mae", "mpe", "mape", "smape", "mase", "rmsse"):
        names.append(metric)
        kinds.append("double")
    names += [f"coverage{level_label(x)}" for x in levels] + [f"winkler{level_label(x)}" for x in levels]
    kinds += ["double"] * (2 * len(levels))
    quantiles = sorted(q for x in levels for q in ((100 - x) / 200, (100 + x) / 200))
    names += [f"pinball{level_label(q * 100)}" for q in quantiles]
    kinds += ["double"] * len(quantiles)
    if levels:
        names.append("crps")
        kinds.append("double")
    names.append("unit")
    kinds.append("string")
    return Layout("backtest", tuple(names), tuple(kinds), optional_unit=False)


@dataclass(frozen=True)
class Plan:
    """Everything a Python worker needs to run one batch: picklable, no Spark objects."""

    command: str
    arguments: Tuple[str, ...]
    key_columns: Tuple[str, ...]  # the DataFrame's names
    date_column: str
    value_column: str
    unit_column: Optional[str]
    layout: Layout
    typed: bool
    binary: str
    output_names: Tuple[str, ...] = field(default=())  # the returned DataFrame's column names

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([
            pa.field(name, self.layout.arrow_type(kind, self.typed))
            for name, kind in zip(self.output_names, self.layout.kinds)
        ])


def resolve_binary(binary: str) -> str:
    """The path of an executable `urbancast` on this machine.

    `binary` is a path (absolute, or relative to the working directory), the name of a file
    shipped with `SparkContext.addFile` / `spark-submit --files` (found with `SparkFiles.get`),
    or a command on `PATH`. A shipped file that lost its execute bit is copied to a private
    temporary file that has it.

    Raises:
        FileNotFoundError: none of these names an existing file.
    """
    candidates = []
    if os.sep in binary or os.path.exists(binary):
        candidates.append(binary)
    try:
        from pyspark import SparkFiles

        candidates.append(SparkFiles.get(os.path.basename(binary)))
    except Exception:  # no SparkContext or SparkFiles root on this process
        pass
    for path in candidates:
        if os.path.isfile(path):
            return _executable(path)
    found = shutil.which(binary)
    if found:
        return found
    raise FileNotFoundError(
        f"urbancast binary {binary!r} not found: give its path on the executors, ship it with "
        "SparkContext.addFile / spark-submit --files, or put it on PATH")


_executable_copies = {}


def _executable(path: str) -> str:
    if os.access(path, os.X_OK):
        return path
    if path not in _executable_copies:
        handle, copy = tempfile.mkstemp(prefix="urbancast-")
        with os.fdopen(handle, "wb") as out, open(path, "rb") as source:
            shutil.copyfileobj(source, out)
        os.chmod(copy, stat.S_IRWXU)
        _executable_copies[path] = copy
    return _executable_copies[path]


def _as_text(column: pa.ChunkedArray, is_value: bool) -> pa.ChunkedArray:
    """A column as the CSV text urbancast reads: numbers in shortest round-trip form, NaN and
    null as empty (missing), dates as ISO 8601 (`2024-07-31`, `2024-07-31T13:00:00` in a
    timestamp's own time zone)."""
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column.cast(pa.string())
    if is_value and pa.types.is_floating(column.type):
        column = pc.if_else(pc.is_nan(column), pa.scalar(None, column.type), column)
    if pa.types.is_timestamp(column.type):
        # the wall-clock time in the column's zone (Spark sends its session time zone)
        seconds = pc.cast(column, pa.timestamp("s", tz=column.type.tz), safe=False)
        return pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%S")
    return column.cast(pa.string())


def batch_csv(table: pa.Table, plan: Plan) -> Tuple[bytes, pa.Table]:
    """The batch as long-format CSV with urbancast's column names, rows sorted by key and date,
    and the sorted key and date columns (for locating diagnostics)."""
    canonical = plan.layout.urbancast_columns[: len(plan.key_columns)]
    columns, names = [], []
    for source, name in zip(plan.key_columns, canonical):
        columns.append(_as_text(table.column(source), False))
        names.append(name)
    columns.append(_as_text(table.column(plan.date_column), False))
    names.append("date")
    columns.append(_as_text(table.column(plan.value_column), True))
    names.append("value")
    if plan.unit_column is not None:
        columns.append(_as_text(table.column(plan.unit_column), False))
        names.append("unit")
    text = pa.table(columns, names=names)
    order = pc.sort_indices(text, sort_keys=[(name, "ascending") for name in names[: len(canonical) + 1]])
    text = text.take(order)
    sink = io.BytesIO()
    pacsv.write_csv(text, sink, write_options=pacsv.WriteOptions(include_header=True, quoting_style="needed"))
    return sink.getvalue(), text


def _context(stderr: str, text: pa.Table, names: Sequence[str]) -> str:
    """For the first `<stdin>:LINE` diagnostics, the series key and date of that CSV line, named
    as the DataFrame names them (`names`: the key columns, then the date column)."""
    lines = []
    seen = set()
    for match in re.finditer(r"<stdin>:(\d+)", stderr):
        line = int(match.group(1))
        if line in seen or len(seen) >= _CONTEXT_LINES:
            continue
        seen.add(line)
        row = line - 2  # line 1 is the header
        if 0 <= row < text.num_rows:
            fields = [f"{name}={text.column(i)[row].as_py()}" for i, name in enumerate(names)]
            lines.append(f"<stdin>:{line} is the row " + " ".join(fields))
    return "\n".join(lines)


def run_batch(table: pa.Table, plan: Plan) -> Optional[pa.Table]:
    """Run urbancast on one batch of whole series; the result in the declared schema, or `None`
    when the batch holds no rows.

    Raises:
        UrbanCastError: the binary exited with a non-zero status, or wrote columns other than
            the declared ones.
    """
    if table.num_rows == 0:
        return None
    data, text = batch_csv(table, plan)
    binary = resolve_binary(plan.binary)
    command = [binary, plan.command, "-", *plan.arguments, "--format", "csv", "--progress", "never"]
    finished = subprocess.run(command, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stderr = finished.stderr.decode("utf-8", errors="replace")
    if finished.returncode != 0:
        raise UrbanCastError(plan.command, finished.returncode, stderr, _context(stderr, text, plan.key_columns + (plan.date_column,)))
    if stderr.strip():
        # notes of a successful run (series that failed under --allow-failures, an empty batch):
        # the Python worker's standard error, which Spark keeps in the executor's log
        sys.stderr.write(stderr if stderr.endswith("\n") else stderr + "\n")
    if not finished.stdout.strip():
        return None
    return parse_output(finished.stdout, plan, stderr)


def parse_output(output: bytes, plan: Plan, stderr: str = "") -> pa.Table:
    """urbancast's CSV as a table of the declared schema (text exactly as written when
    `plan.typed` is false); for backtests only the per-series rows (the model rows, whose key
    columns are blank, are means over this batch alone)."""
    layout = plan.layout
    table = pacsv.read_csv(
        io.BytesIO(output),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in layout.urbancast_columns},
            strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    written = tuple(table.column_names)
    expected = layout.urbancast_columns
    if layout.optional_unit and "unit" not in written:
        position = expected.index("unit")
        table = table.add_column(position, "unit", pa.array([""] * table.num_rows, pa.string()))
        written = tuple(table.column_names)
    if written != expected:
        raise UrbanCastError(plan.command, 0, stderr,
                             f"urbancast wrote the columns {list(written)}, not the expected {list(expected)}")
    key_count = len(plan.key_columns)
    if layout.command == "backtest" and key_count > 0:
        blank = None
        for i in range(key_count):
            empty = pc.equal(table.column(i), "")
            blank = empty if blank is None else pc.and_(blank, empty)
        table = table.filter(pc.invert(blank))
    columns = []
    for i, kind in enumerate(layout.kinds):
        column = table.column(i).cast(pa.string())
        if plan.typed and kind in ("double", "long"):
            column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
            column = column.cast(pa.float64() if kind == "double" else pa.int64())
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=plan.arrow_schema())


def run_partition(batches: Iterable[pa.RecordBatch], plan: Plan) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function: the whole partition (every row of each of its series) in one
    urbancast process; yields the result's record batches."""
    collected = list(batches)
    if not collected:
        return
    result = run_batch(pa.Table.from_batches(collected), plan)
    if result is not None:
        yield from result.to_batches()
