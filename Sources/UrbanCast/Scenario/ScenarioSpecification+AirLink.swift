import Foundation

extension ScenarioSpecification {
    /// One row of an emission-factor file (`Models/emissions/emission-factors.csv`).
    struct EmissionFactorRow {
        var fuel: String, category: String, pollutant: String, value: Double, unit: String, source: String
        var interval: (lower: Double, upper: Double)?
    }

    /// Reads `emissions:`, `air_quality:` and `health:` into an ``AirLink``; `nil` (with every
    /// problem reported by key path) when any is missing or wrong. Factor files are resolved
    /// against `folder` and read here, their problems located as FILE:LINE:COLUMN.
    static func readAirLink(emissions: SpecNode?, airQuality: SpecNode?, health: SpecNode?, indicators: [String],
                            folder: String, reader: inout SpecReader) -> AirLink? {
        guard emissions != nil || airQuality != nil || health != nil else { return nil }
        for (key, node) in [("emissions", emissions), ("air_quality", airQuality), ("health", health)] where node == nil {
            reader.fail(key, "is required with \(["emissions", "air_quality", "health"].filter { $0 != key }.joined(separator: " and "))")
        }
        guard let emissions, let airQuality, let health else { return nil }
        let (activities, factorFile, drawsFactors) = readActivities(emissions, indicators: indicators, folder: folder, reader: &reader)
        let quality = readAirQuality(airQuality, reader: &reader)
        guard let quality,
              let spec = MitigationPlan.readHealth(health, pollutant: quality.pollutant, unit: quality.unit, reader: &reader)
        else { return nil }
        for problem in spec.problems() { reader.fail(problem.path, problem.message) }
        guard let activities, let impact = try? spec.impact() else { return nil }
        do {
            var link = try AirLink(activities: activities, airQuality: quality, health: impact)
            link.factorFile = factorFile
            link.drawsFactors = drawsFactors
            return link
        } catch {
            if case .spec(let diagnostics) = error {
                for diagnostic in diagnostics { reader.fail(diagnostic.path ?? "", diagnostic.message) }
            }
            return nil
        }
    }

    /// `emissions: {factors: FILE, activities: {NAME: {indicator, conversion, unit, sector, fuel, category, factors}}}`.
    private static func readActivities(_ node: SpecNode, indicators: [String], folder: String,
                                       reader: inout SpecReader) -> ([AirLink.Activity]?, String?, Bool) {
        guard let fields = reader.mapping(node, "emissions", allowed: ["factors", "activities", "factor_uncertainty"]) else { return (nil, nil, false) }
        let drawsFactors = fields["factor_uncertainty"].flatMap { reader.bool($0, "emissions.factor_uncertainty") } ?? false
        var rows: [EmissionFactorRow] = []
        var fileName: String?, resolved: String?
        if let fileNode = fields["factors"], let file = reader.string(fileNode, "emissions.factors") {
            fileName = file
            let path = file.hasPrefix("/") || folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
            resolved = path
            rows = readFactorFile(path, shown: file, reader: &reader) ?? []
        }
        guard let activitiesNode = fields["activities"] else {
            reader.fail("emissions.activities", "is required: the indicators that emit, with their units and factors")
            return (nil, resolved, drawsFactors)
        }
        guard let pairs = reader.mapping(activitiesNode, "emissions.activities") else { return (nil, resolved, drawsFactors) }
        var activities: [AirLink.Activity] = []
        for (name, value) in pairs {
            let path = "emissions.activities.\(name)"
            guard let item = reader.mapping(value, path, allowed: ["indicator", "conversion", "unit", "sector", "fuel", "category", "factors"])
            else { continue }
            func text(_ key: String, required: Bool) -> String? {
                guard let node = item[key] else {
                    if required { reader.fail("\(path).\(key)", "is required") }
                    return nil
                }
                return reader.string(node, "\(path).\(key)")
            }
            let indicator = text("indicator", required: true)
            if let indicator, !indicators.contains(indicator) {
                reader.fail("\(path).indicator", "unknown indicator '\(indicator)'; the indicators are: \(indicators.joined(separator: ", "))")
            }
            let conversion = item["conversion"].map { reader.number($0, "\(path).conversion") } ?? 1
            let unit = text("unit", required: true), sector = text("sector", required: true)
            let fuel = text("fuel", required: false), category = text("category", required: false)
            guard let unit else { continue }
            var factors: [AirLink.Factor] = []
            if let fuel, let category {
                let matching = rows.filter { $0.fuel == fuel && $0.category == category }
                if matching.isEmpty {
                    reader.fail(path, fileName.map { "no factor for fuel '\(fuel)' in category '\(category)' in \($0)" }
                        ?? "fuel and category look factors up in a file; give emissions.factors")
                }
                for row in matching {
                    do {
                        factors.append(try AirLink.Factor(pollutant: row.pollutant, value: row.value, unit: row.unit, source: row.source,
                                                          activityUnit: unit, interval: row.interval))
                    } catch {
                        reader.fail("\(path).unit", "\(fileName ?? "")'s factor for \(row.pollutant): " + Self.firstMessage(error))
                    }
                }
            } else if fuel != nil || category != nil {
                reader.fail(path, "give both fuel and category to look factors up in the file, or neither")
            }
            if let node = item["factors"], let inline = reader.mapping(node, "\(path).factors") {
                for (pollutant, value) in inline {
                    let p = "\(path).factors.\(pollutant)"
                    guard let f = reader.mapping(value, p, allowed: ["value", "unit", "source", "lower", "upper"]) else { continue }
                    guard let valueNode = f["value"] else { reader.fail("\(p).value", "is required"); continue }
                    guard let unitNode = f["unit"] else { reader.fail("\(p).unit", "is required (e.g. g/GJ, kg/TJ, t/GWh)"); continue }
                    guard let number = reader.number(valueNode, "\(p).value"), let factorUnit = reader.string(unitNode, "\(p).unit") else { continue }
                    let source = f["source"].flatMap { reader.string($0, "\(p).source") } ?? "given in the specification"
                    let lower = f["lower"].flatMap { reader.number($0, "\(p).lower") }, upper = f["upper"].flatMap { reader.number($0, "\(p).upper") }
                    if (f["lower"] == nil) != (f["upper"] == nil) { reader.fail(p, "give lower and upper together (the 95% interval), or neither") }
                    let interval = lower.flatMap { l in upper.map { (lower: l, upper: $0) } }
                    do {
                        let factor = try AirLink.Factor(pollutant: pollutant, value: number, unit: factorUnit, source: source, activityUnit: unit,
                                                        interval: interval)
                        factors.removeAll { $0.pollutant == pollutant }
                        factors.append(factor)
                    } catch {
                        let key = number < 0 ? "value" : EmissionUnits.tonnesPerActivityUnit(factorUnit: factorUnit, activityUnit: unit) == nil ? "unit" : "lower"
                        reader.fail("\(p).\(key)", Self.firstMessage(error))
                    }
                }
            }
            guard let indicator, let conversion, let sector else { continue }
            activities.append(AirLink.Activity(name: name, indicator: indicator, conversion: conversion, unit: unit, sector: sector,
                                               fuel: fuel ?? "", factors: factors))
        }
        return (activities, resolved, drawsFactors)
    }

    private static func firstMessage(_ error: ScenarioError) -> String {
        if case .spec(let diagnostics) = error, let first = diagnostics.first { return first.message }
        return error.description
    }

    /// The largest emission-factor file read, in bytes.
    static let factorFileLimit = 16_000_000

    /// `fuel,category,pollutant,value,unit,source` (more columns are allowed and ignored).
    private static func readFactorFile(_ path: String, shown: String, reader: inout SpecReader) -> [EmissionFactorRow]? {
        // A specification is read before any data: the factor file must be an ordinary file of
        // a plausible size, so that a path such as /dev/zero cannot hold the reader.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let attributes, attributes[.type] as? FileAttributeType != .typeRegular
            || (attributes[.size] as? NSNumber)?.intValue ?? 0 > Self.factorFileLimit {
            reader.fail("emissions.factors", "\(shown) is not a regular file of at most \(Self.factorFileLimit / 1_000_000) MB")
            return nil
        }
        let document: CSVDocument
        do { document = try CSVReader.read(contentsOf: path) } catch {
            reader.fail("emissions.factors", "cannot read \(shown): \(error.description)")
            return nil
        }
        if let first = document.diagnostics.first {
            reader.fail("emissions.factors", first.description)
            return nil
        }
        guard let header = document.records.first?.fields.map({ $0.text.trimmingSpaces() }) else {
            reader.fail("emissions.factors", "\(shown) is empty")
            return nil
        }
        let wanted = ["fuel", "category", "pollutant", "value", "unit", "source"]
        let columns = wanted.map { header.firstIndex(of: $0) }
        let missing = zip(wanted, columns).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            reader.fail("emissions.factors", "\(shown):1: missing column(s) \(missing.joined(separator: ", ")); expected \(wanted.joined(separator: ","))")
            return nil
        }
        let index = columns.compactMap { $0 }
        var rows: [EmissionFactorRow] = []
        for record in document.records.dropFirst() {
            let fields = record.fields
            guard fields.count >= header.count else {
                reader.fail("emissions.factors", "\(shown):\(record.line): expected \(header.count) fields, got \(fields.count)")
                continue
            }
            let cell = fields[index[3]]
            guard let value = Double(cell.text.trimmingSpaces()), value.isFinite else {
                reader.fail("emissions.factors", "\(shown):\(cell.line):\(cell.column): '\(cell.text)' is not a number")
                continue
            }
            // Optional lower and upper columns: the source's 95 % interval, when both are given.
            var interval: (lower: Double, upper: Double)?
            if let l = header.firstIndex(of: "lower"), let u = header.firstIndex(of: "upper"),
               let lower = Double(fields[l].text.trimmingSpaces()), let upper = Double(fields[u].text.trimmingSpaces()) {
                interval = (lower, upper)
            }
            rows.append(EmissionFactorRow(fuel: fields[index[0]].text, category: fields[index[1]].text, pollutant: fields[index[2]].text,
                                          value: value, unit: fields[index[4]].text, source: fields[index[5]].text, interval: interval))
        }
        return rows
    }

    /// `air_quality: {pollutant, unit, base_concentration, base_concentration_sd, other_sources_share,
    /// sectors: {NAME: {sector, emission, share, share_sd | coefficient, coefficient_sd}}}`.
    private static func readAirQuality(_ node: SpecNode, reader: inout SpecReader) -> AirLink.AirQuality? {
        let keys = ["pollutant", "unit", "base_concentration", "base_concentration_sd", "other_sources_share", "sectors"]
        guard let fields = reader.mapping(node, "air_quality", allowed: keys) else { return nil }
        var pollutant: Pollutant?
        if let node = fields["pollutant"] {
            if let name = reader.string(node, "air_quality.pollutant") {
                pollutant = Pollutant(name: name)
                if pollutant == nil { reader.fail("air_quality.pollutant", AirQualityError.unknownPollutant(name).description) }
            }
        } else { reader.fail("air_quality.pollutant", "is required (PM2.5)") }
        var unit: ConcentrationUnit?
        if let node = fields["unit"] {
            if let name = reader.string(node, "air_quality.unit") {
                unit = ConcentrationUnit(parsing: name)
                if unit == nil { reader.fail("air_quality.unit", AirQualityError.unknownUnit(name).description) }
            }
        } else { reader.fail("air_quality.unit", "is required (µg/m³)") }
        var base: Double?
        if let node = fields["base_concentration"] { base = reader.number(node, "air_quality.base_concentration") } else {
            reader.fail("air_quality.base_concentration", "is required: the base year's annual mean")
        }
        let baseSD = fields["base_concentration_sd"].map { reader.number($0, "air_quality.base_concentration_sd") } ?? 0
        var sectors: [AirLink.SectorContribution] = []
        if let node = fields["sectors"], let pairs = reader.mapping(node, "air_quality.sectors") {
            for (name, value) in pairs {
                let path = "air_quality.sectors.\(name)"
                guard let item = reader.mapping(value, path, allowed: ["sector", "emission", "share", "share_sd", "coefficient", "coefficient_sd"])
                else { continue }
                let given = ["share", "coefficient"].filter { item[$0] != nil }
                guard given.count == 1, let valueNode = item[given[0]] else {
                    reader.fail(path, given.isEmpty ? "needs share (of the base concentration) or coefficient (per tonne)"
                        : "has share and coefficient; give one")
                    continue
                }
                guard let emissionNode = item["emission"] else {
                    reader.fail("\(path).emission", "is required: the emitted pollutant that drives the contribution (PM2.5)")
                    continue
                }
                let otherSD = given[0] == "share" ? "coefficient_sd" : "share_sd"
                if item[otherSD] != nil { reader.fail("\(path).\(otherSD)", "goes with \(given[0] == "share" ? "coefficient" : "share")") }
                guard let emission = reader.string(emissionNode, "\(path).emission"),
                      let number = reader.number(valueNode, "\(path).\(given[0])") else { continue }
                let sdKey = "\(given[0])_sd"
                guard let sd = item[sdKey].map({ reader.number($0, "\(path).\(sdKey)") }) ?? 0 else { continue }
                let sector = item["sector"].flatMap { reader.string($0, "\(path).sector") } ?? name
                sectors.append(.init(name: name, sector: sector, emission: emission,
                                     contribution: given[0] == "share" ? .share(number, sd: sd) : .coefficient(number, sd: sd)))
            }
        } else if fields["sectors"] == nil { reader.fail("air_quality.sectors", "is required: the emitting sectors' contributions") }
        guard let pollutant, let unit, let base, let baseSD else { return nil }
        let quality = AirLink.AirQuality(pollutant: pollutant, unit: unit, baseConcentration: base, baseConcentrationSD: baseSD, sectors: sectors)
        if let node = fields["other_sources_share"], let stated = reader.number(node, "air_quality.other_sources_share"),
           abs(stated - quality.otherSourcesShare) > 1e-9 {
            reader.fail("air_quality.other_sources_share", String(format: "is %.6g, but 1 − the sectors' shares is %.6g", stated, quality.otherSourcesShare))
        }
        return quality
    }
}
