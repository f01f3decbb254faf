// The command-line tool depends on UrbanCast only; re-exporting Forecasting lets it name
// `Frequency`, `SeriesDate` and `TimeSeries`, which the data layer's results are made of.
@_exported import Forecasting
