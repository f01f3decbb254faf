import Foundation

extension ScenarioRun {
    /// `forecast.csv`: `scenario,indicator,year,mean,median,lo80,hi80,lo95,hi95,unit`, one row per
    /// scenario, indicator and projected year, scenarios in specification order (`bau` first).
    public var forecastCSV: String {
        var lines = ["scenario,indicator,year,mean,median,lo80,hi80,lo95,hi95,unit"]
        for (s, scenario) in specification.scenarios.enumerated() {
            for (i, indicator) in specification.indicators.enumerated() {
                for (h, year) in years.enumerated() {
                    let b = bands[s][i][h]
                    lines.append(Self.row([scenario.name, indicator.name, String(year)]
                        + [b.mean, b.median, b.lower80, b.upper80, b.lower95, b.upper95].map(Self.number)
                        + [indicator.unit ?? ""]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `decomposition.csv`: the central path's change from the base year split by LMDI-I into
    /// population, affluence and intensity effects:
    /// `scenario,indicator,year,base_value,value,change,population_effect,affluence_effect,intensity_effect,unit`.
    ///
    /// With population `P`, affluence `A` (when the indicator names one) and `I = V / (P A)`,
    /// `V = P · A · I` and the three effects sum to `change = V − V(base)` (see ``LMDI``). Without
    /// an affluence driver the affluence effect is empty and `I = V / P`. Indicators without a
    /// population driver, or without base-year values, have no rows.
    public var decompositionCSV: String {
        var lines = ["scenario,indicator,year,base_value,value,change,population_effect,affluence_effect,intensity_effect,unit"]
        let units = Dictionary(specification.indicators.map { ($0.name, $0.unit ?? "") }, uniquingKeysWith: { first, _ in first })
        for d in decompositions {
            for (h, year) in d.years.enumerated() {
                let v = d.values[h]
                let numbers: [String] = [d.baseValue, v, v - d.baseValue, d.factors[0].effects[h]].map(Self.number)
                let affluence = d.factors.count == 3 ? Self.number(d.factors[1].effects[h]) : ""
                let intensity = Self.number(d.factors[d.factors.count - 1].effects[h])
                let fields: [String] = [d.scenario, d.indicator, String(year)] + numbers + [affluence, intensity, units[d.indicator] ?? ""]
                lines.append(Self.row(fields))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `savings.csv`: each alternative against business as usual:
    /// `scenario,indicator,year,savings,cumulative_savings,lo95,hi95,unit,money,cumulative_money,currency`.
    ///
    /// `savings = mean(bau) − mean(scenario)` from the same numbers as `forecast.csv` (so on the
    /// central path it is exactly BAU − alternative); `cumulative_savings` sums them from the first
    /// projected year (indicator units × years); `lo95,hi95` are the 2.5% and 97.5% quantiles of
    /// the paired per-draw savings; `money = savings × per_unit` when the indicator has a unit cost.
    public var savingsCSV: String {
        var lines = ["scenario,indicator,year,savings,cumulative_savings,lo95,hi95,unit,money,cumulative_money,currency"]
        for (s, scenario) in specification.scenarios.enumerated() where s > 0 {
            for (i, indicator) in specification.indicators.enumerated() {
                let cost = specification.costs.first { $0.indicator == indicator.name }
                var cumulative = 0.0
                for (h, year) in years.enumerated() {
                    let saving = bands[0][i][h].mean - bands[s][i][h].mean
                    cumulative += saving
                    let band = savingsBands[s][i][h]
                    var fields = [scenario.name, indicator.name, String(year)]
                        + [saving, cumulative, band.lower, band.upper].map(Self.number) + [indicator.unit ?? ""]
                    if let cost {
                        fields += [Self.number(saving * cost.perUnit), Self.number(cumulative * cost.perUnit), cost.currency]
                    } else {
                        fields += ["", "", ""]
                    }
                    lines.append(Self.row(fields))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shared number format of the CSV outputs (``ForecastRun``'s: shortest round trip, empty for NaN).
    static func number(_ x: Double) -> String { ForecastRun.number(x) }

    static func row(_ fields: [String]) -> String { fields.map(ForecastRun.csvField).joined(separator: ",") }
}
