import Forecasting

/// A city's resource-use scenario study, read from a YAML or JSON specification file or built in
/// Swift.
///
/// The schema is documented in `Models/scenarios/README.md`. All years are calendar years; the
/// engine works on yearly series. Projections run over the years `baseYear + 1 … horizon`.
///
/// ```swift
/// let spec = ScenarioSpecification(
///     city: "New York", baseYear: 2022, horizon: 2050,
///     drivers: [.init(name: "population", series: "population", projection: .growth(percent: 0.2, standardDeviation: 0.3))],
///     indicators: [.init(name: "water", series: "water", model: .intensity(.timeSeries(.autoETS)), population: "population")],
///     scenarios: [.init(name: "conservation", measures: [.indicator("water", .change(percentPerYear: -1, from: 2025, to: 2035))])],
///     targets: [.init(name: "water 2050", indicator: "water", year: 2050, bound: .atMost(950))])
/// try spec.validate()   // the checks a parsed specification gets, by key path
/// ```
public struct ScenarioSpecification: Sendable {
    /// The specification file as the user gave it (used in messages).
    public var file: String
    /// The city's name, for reports.
    public var city: String
    /// The last year of history used to fit the models; projections start the year after.
    public var baseYear: Int
    /// The last projected year.
    public var horizon: Int
    /// The history files, with paths resolved against the specification's folder.
    public var history: [HistorySource]
    /// Years held out at the end of history for the hindcast (0: no hindcast).
    public var hindcastYears: Int
    /// The drivers, in the order written.
    public var drivers: [Driver]
    /// The indicators, in the order written.
    public var indicators: [Indicator]
    /// The scenarios, business as usual (`bau`) first.
    public var scenarios: [Scenario]
    /// The targets, in the order written.
    public var targets: [Target]
    /// Unit costs that turn savings of an indicator into money.
    public var costs: [UnitCost]
    /// What to do with missing values in the history of every driver and indicator before
    /// fitting (`missing:` in a file): ``MissingValuePolicy/refuse`` (the default) leaves them to
    /// the models; `interpolate` fills them (R's `na.interp`; yearly series, so linearly);
    /// `contiguous` keeps each series' longest stretch without them.
    public var missingValues: MissingValuePolicy = .refuse
    /// Totals over sectors whose change the run splits into activity, structure and intensity
    /// effects (`sectors:` in a file); none by default.
    public var sectorTotals: [SectorTotal] = []
    /// The real discount rate of the economics (`economics: {discount_rate: 0.03}` in a file),
    /// which discounts programme costs and money saved to the end of the base year
    /// (``Economics``); 3 % a year by default.
    public var discountRate: Double = Economics.Discounting.defaultRate
    /// Facilities whose capacity the indicators use up, and their expansion options
    /// (`infrastructure:` in a file; ``ScenarioRun/infrastructure``); none by default.
    public var infrastructure: [Facility] = []
    /// Emissions, concentration and health driven by the energy indicators (`emissions:`,
    /// `air_quality:` and `health:` in a file); `nil` for none.
    public var airLink: AirLink? = nil

    /// The projected years, `baseYear + 1 … horizon` (empty when the horizon is not after the base year).
    public var projectionYears: [Int] { horizon > baseYear ? Array((baseYear + 1)...horizon) : [] }

    /// A specification built in Swift.
    ///
    /// Business as usual (`bau`, no measures) is added first when `scenarios` has none, and moved
    /// first when it is elsewhere, as the file reader does. Check the result with ``validate()``
    /// (``ScenarioRun`` does).
    ///
    /// - Parameters:
    ///   - city: The city's name.
    ///   - baseYear: The last year of history used for fitting.
    ///   - horizon: The last projected year, after `baseYear` (at most 200 years).
    ///   - history: History files, for ``ScenarioData/init(reading:)``; none when the history is a
    ///     ``SeriesPanel`` in memory.
    ///   - hindcastYears: Years held out at the end of history for the hindcast (0: none).
    ///   - drivers: The drivers.
    ///   - indicators: The indicators (at least one).
    ///   - scenarios: The scenarios.
    ///   - targets: The targets.
    ///   - costs: Unit costs of indicators.
    ///   - file: The name that messages give the specification.
    public init(city: String, baseYear: Int, horizon: Int, history: [HistorySource] = [], hindcastYears: Int = 5,
                drivers: [Driver] = [], indicators: [Indicator], scenarios: [Scenario] = [], targets: [Target] = [],
                costs: [UnitCost] = [], file: String = "specification") {
        var scenarios = scenarios
        if let index = scenarios.firstIndex(where: { $0.name == "bau" }) {
            scenarios.insert(scenarios.remove(at: index), at: 0)
        } else {
            scenarios.insert(Scenario(name: "bau", description: "business as usual"), at: 0)
        }
        self.file = file
        self.city = city
        self.baseYear = baseYear
        self.horizon = horizon
        self.history = history
        self.hindcastYears = hindcastYears
        self.drivers = drivers
        self.indicators = indicators
        self.scenarios = scenarios
        self.targets = targets
        self.costs = costs
    }

    /// A file with history (or a driver path), in the long series format or wide.
    public struct HistorySource: Sendable, Equatable {
        /// The path as written in the specification.
        public var path: String
        /// The path resolved against the specification's folder.
        public var resolvedPath: String
        /// Long (one series per key) or wide (one column per series, a year or date column).
        public var format: Format
        /// For wide files, the column with the year or date; `nil` for `date`/`ds`/`datetime`.
        public var dateColumn: String?
        /// Keep only rows whose key column (long) or text column (wide) equals the value.
        public var filters: [Filter]
        /// For a wide file without a date column (a cross-sectional record), the year of its rows.
        public var year: Int?
        /// The file's CSV dialect: delimiter, decimal and thousands separators, encoding (the
        /// `delimiter:`, `decimal:`, `thousands:` and `encoding:` keys), and the sheet of an `.xlsx`
        /// workbook (`sheet:`); detected, standard or the first sheet by default.
        public var dialect: InputFormat

        /// A history file.
        ///
        /// - Parameters:
        ///   - path: The path as written (used in messages).
        ///   - resolvedPath: The path to open; `path` when `nil`.
        ///   - format: Long or wide.
        ///   - dateColumn: For wide files, the year or date column; `nil` for `date`/`ds`/`datetime`.
        ///   - filters: `column = value` filters on the rows.
        ///   - year: For a wide file without a date column, the year of its rows.
        ///   - dialect: The CSV dialect; by default the delimiter is detected and numbers use `.`.
        public init(path: String, resolvedPath: String? = nil, format: Format = .long, dateColumn: String? = nil,
                    filters: [Filter] = [], year: Int? = nil, dialect: InputFormat = InputFormat()) {
            self.dialect = dialect
            self.path = path
            self.resolvedPath = resolvedPath ?? path
            self.format = format
            self.dateColumn = dateColumn
            self.filters = filters
            self.year = year
        }

        /// The two file layouts of docs/DESIGN.md.
        public enum Format: String, Sendable, Equatable {
            /// Long series CSV: `date,value` with key columns.
            case long
            /// Wide CSV: one row per year, named numeric columns.
            case wide
        }
    }

    /// A key-column filter, `column = value`.
    public struct Filter: Sendable, Equatable {
        /// The key column.
        public var column: String
        /// The wanted value.
        public var value: String

        /// A filter `column = value`.
        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }
    }

    /// A value given for a year.
    public struct YearValue: Sendable, Equatable {
        /// The calendar year.
        public var year: Int
        /// The value in that year.
        public var value: Double

        /// A value for a year.
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// How a driver is projected.
    public enum Projection: Sendable, Equatable {
        /// `value(t) = value(base) · (1 + g)^(t − base)` with g drawn once per Monte Carlo draw from
        /// N(percent/100, (standardDeviation/100)²); both in percent a year.
        case growth(percent: Double, standardDeviation: Double)
        /// A time-series model fitted to the driver's history (`auto-ets`, `arima(1,1,0)+drift`, …).
        case model(ModelSpecification)
        /// An explicit path, linearly interpolated between the given years.
        case path([YearValue])
        /// A path read from a file's series (e.g. UN WUP projections), interpolated likewise; when
        /// `relative`, only its growth is used: `value(t) = value(base) · path(t) / path(base)`.
        case pathFile(HistorySource, series: String, relative: Bool)
    }

    /// A projected quantity that explains the indicators: population, GDP per capita, temperature…
    public struct Driver: Sendable {
        /// The driver's name, as indicators refer to it.
        public var name: String
        /// The history series (a key value in a long file or a column of a wide file), if any.
        public var series: String?
        /// The unit, for reports.
        public var unit: String?
        /// How it is projected under business as usual.
        public var projection: Projection

        /// A driver.
        ///
        /// - Parameters:
        ///   - name: The name indicators refer to it by.
        ///   - series: Its history series, if any (needed by growth and model projections).
        ///   - unit: The unit, for reports; the history series' unit when `nil`.
        ///   - projection: How it is projected under business as usual.
        public init(name: String, series: String? = nil, unit: String? = nil, projection: Projection) {
            self.name = name
            self.series = series
            self.unit = unit
            self.projection = projection
        }
    }

    /// How an indicator's per-capita intensity is projected.
    public enum IntensityModel: Sendable, Equatable {
        /// A time-series model of `intensity = value / population`.
        case timeSeries(ModelSpecification)
        /// `ln intensity = a + b ln affluence (+ c (ln affluence)²)` by least squares on history;
        /// `b` is the income elasticity; the quadratic term is an environmental Kuznets curve.
        case elasticity(affluence: String, quadratic: Bool)
        /// `ln intensity = c + b ln driver`, with `b` taken from a cross-section of cities
        /// (``CrossSectionPrior``) and combined with the city's own records when they can estimate
        /// it; `c` fits the city's records.
        case elasticityPrior(driver: String, prior: CrossSectionPrior)
    }

    /// A cross-sectional regression over many cities whose size elasticity serves as the prior:
    /// `ln response = a + b ln size + Σ group effects + ε` by OLS.
    public struct CrossSectionPrior: Sendable, Equatable {
        /// The wide file with one row per city.
        public var source: HistorySource
        /// The per-capita column (e.g. `msw_kg_per_capita_day`).
        public var response: String
        /// The city-size column (e.g. `population`).
        public var size: String
        /// A categorical column whose levels get their own intercepts (e.g. `income_group`), if any.
        public var groups: String?

        /// A prior from `response` on `size` (and `groups`) in `source`.
        public init(source: HistorySource, response: String, size: String, groups: String?) {
            self.source = source
            self.response = response
            self.size = size
            self.groups = groups
        }
    }

    /// How an indicator is modelled.
    public enum Model: Sendable, Equatable {
        /// `value = population × intensity`.
        case intensity(IntensityModel)
        /// `value = β₀ + Σ βⱼ driverⱼ + error`; OLS when `errors` is `nil`, else a regression with
        /// ARIMA errors (`auto-arima`, `arima(p,d,q)`).
        case regression(on: [String], errors: ModelSpecification?)
        /// A time-series model of the value itself.
        case timeSeries(ModelSpecification)
        /// Hourly load of the base year regressed on temperature, temperature² and hour-of-day,
        /// day-of-week and month terms; each projected year replays the base year's weather
        /// warmed by the `warming` driver (°C) and reports the annual energy or the peak hour.
        case hourlyLoad(temperature: String, warming: String?, output: LoadOutput)
    }

    /// What an hourly load model reports for each year.
    public enum LoadOutput: String, Sendable, Equatable {
        /// The sum of the hourly loads (load units × hours).
        case energy
        /// The largest hourly load.
        case peak
    }

    /// A resource-use quantity to forecast: water, electricity, waste, …
    public struct Indicator: Sendable {
        /// The indicator's name.
        public var name: String
        /// Its history series (a key value in a long file or a column of a wide file).
        public var series: String
        /// The unit, for reports.
        public var unit: String?
        /// The model.
        public var model: Model
        /// The population driver (required by intensity models; used by the decomposition).
        public var population: String?
        /// The affluence driver (e.g. GDP per capita), for the decomposition and elasticities.
        public var affluence: String?

        /// An indicator.
        ///
        /// - Parameters:
        ///   - name: The indicator's name.
        ///   - series: Its history series.
        ///   - unit: The unit, for reports; the history series' unit when `nil`.
        ///   - model: The model.
        ///   - population: The population driver (required by intensity models).
        ///   - affluence: The affluence driver, for the decomposition and elasticities.
        public init(name: String, series: String, unit: String? = nil, model: Model, population: String? = nil,
                    affluence: String? = nil) {
            self.name = name
            self.series = series
            self.unit = unit
            self.model = model
            self.population = population
            self.affluence = affluence
        }
    }

    /// What a measure changes.
    public enum MeasureAction: Sendable, Equatable {
        /// Multiply by `(1 + percent/100)^(min(t, to) − from)` for `t ≥ from`: a change of
        /// `percent` a year from `from` to `to`, then held.
        case change(percentPerYear: Double, from: Int, to: Int)
        /// Multiply by `1 + percent/100` from `from` on.
        case step(percent: Double, from: Int)
        /// At most `value` from `from` on.
        case cap(value: Double, from: Int)
        /// Replace by the path (interpolated) from its first year on, holding the last value.
        case path([YearValue])
    }

    /// A change a scenario makes to business as usual.
    public enum Measure: Sendable, Equatable {
        /// Acts on an indicator's intensity (intensity models) or on its value (other models).
        case indicator(String, MeasureAction)
        /// Replaces a driver's projection.
        case driver(String, Projection)
    }

    /// Business as usual or an alternative.
    public struct Scenario: Sendable {
        /// The scenario's name (`bau` for business as usual).
        public var name: String
        /// A sentence for reports.
        public var description: String?
        /// The measures, applied in the order written.
        public var measures: [Measure]
        /// What the scenario's programmes cost (`costs:` in a file), beyond business as usual.
        public var costs: [ProgrammeCost]

        /// A scenario.
        ///
        /// - Parameters:
        ///   - name: The name (`bau` for business as usual, which takes no measures).
        ///   - description: A sentence for reports.
        ///   - measures: The measures, applied in order.
        ///   - costs: What its programmes cost.
        public init(name: String, description: String? = nil, measures: [Measure] = [], costs: [ProgrammeCost] = []) {
            self.name = name
            self.description = description
            self.measures = measures
            self.costs = costs
        }
    }

    /// Which side of a value a target asks for.
    public enum Bound: Sendable, Equatable {
        /// The indicator is at most the value.
        case atMost(Double)
        /// The indicator is at least the value.
        case atLeast(Double)

        /// Whether `value` meets the bound.
        public func isMet(by value: Double) -> Bool {
            switch self {
            case .atMost(let limit): value <= limit
            case .atLeast(let limit): value >= limit
            }
        }
    }

    /// An indicator at most or at least a value in a year.
    public struct Target: Sendable, Equatable {
        /// The name results are looked up by; `INDICATOR YEAR` (`water 2050`) unless given.
        public var name: String
        /// The indicator.
        public var indicator: String
        /// The year.
        public var year: Int
        /// The bound.
        public var bound: Bound

        /// A target on `indicator` in `year`.
        ///
        /// - Parameters:
        ///   - name: The name; `INDICATOR YEAR` when `nil`. Targets' names must differ.
        ///   - indicator: The indicator.
        ///   - year: A projected year.
        ///   - bound: At most or at least a value, in the indicator's unit.
        public init(name: String? = nil, indicator: String, year: Int, bound: Bound) {
            self.name = name ?? "\(indicator) \(year)"
            self.indicator = indicator
            self.year = year
            self.bound = bound
        }
    }

    /// The money value of one unit of an indicator sustained for one year.
    public struct UnitCost: Sendable, Equatable {
        /// The indicator.
        public var indicator: String
        /// Money per indicator unit per year (e.g. per Mgal/d for a year: 365 × price per Mgal).
        public var perUnit: Double
        /// The currency code, for reports.
        public var currency: String

        /// A unit cost of `perUnit` money per unit of `indicator` per year.
        public init(indicator: String, perUnit: Double, currency: String) {
            self.indicator = indicator
            self.perUnit = perUnit
            self.currency = currency
        }
    }

    /// The driver named `name`.
    public func driver(named name: String) -> Driver? { drivers.first { $0.name == name } }
}

extension ScenarioSpecification {
    /// Every file the specification reads, resolved: the history files, then path files, once each.
    public var inputFiles: [String] {
        var files = history.map(\.resolvedPath)
        func add(_ projection: Projection) {
            if case let .pathFile(source, _, _) = projection { files.append(source.resolvedPath) }
        }
        drivers.forEach { add($0.projection) }
        for indicator in indicators {
            if case let .intensity(.elasticityPrior(_, prior)) = indicator.model { files.append(prior.source.resolvedPath) }
        }
        for scenario in scenarios {
            for case let .driver(_, projection) in scenario.measures { add(projection) }
        }
        if let file = airLink?.factorFile { files.append(file) }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }
}
