/// Dates travel in JSON as the text they print as (`"2024-07"`, `"2024-Q3"`), so a reader in any
/// language sees the same dates as the CSV outputs.
extension SeriesDate: Codable {
    /// Decodes a date from its text, e.g. `"2024-07"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` with the grammar's accepted forms when the text is
    ///   not a date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try SeriesDate(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the date as its ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A model travels in JSON as its text in the command line's grammar (`"arima(2,1,1)+drift"`).
extension ModelSpecification: Codable {
    /// Decodes a model from its text, e.g. `"ets(MAdM)"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` with the accepted forms when the text is not a model.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ModelSpecification(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the model as its ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The keys of a model summary are those of `urbancast forecast --format json`'s `"model"`
/// (`name`, `parameters`, `sigma2`, `logLikelihood`, `aic`, `aicc`, `bic`), except that the
/// parameters are an array of `{"name", "value"}` rather than an object: JSON does not order an
/// object's members, and the order of the parameters is part of the summary.
extension ModelSummary: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, parameters, sigma2, logLikelihood, aic, aicc, bic
    }

    /// One estimated parameter.
    private struct Parameter: Codable {
        let name: String
        let value: Double
    }

    /// Decodes a summary.
    ///
    /// - Throws: `DecodingError` for a missing name or a parameter that is not a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            parameters: try container.decode([Parameter].self, forKey: .parameters).map { ($0.name, $0.value) },
            sigma2: try container.decodeIfPresent(Double.self, forKey: .sigma2),
            logLikelihood: try container.decodeIfPresent(Double.self, forKey: .logLikelihood),
            aic: try container.decodeIfPresent(Double.self, forKey: .aic),
            aicc: try container.decodeIfPresent(Double.self, forKey: .aicc),
            bic: try container.decodeIfPresent(Double.self, forKey: .bic))
    }

    /// Encodes the summary, with `null` for a statistic the model does not have.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(parameters.map { Parameter(name: $0.name, value: $0.value) }, forKey: .parameters)
        try container.encode(sigma2, forKey: .sigma2)
        try container.encode(logLikelihood, forKey: .logLikelihood)
        try container.encode(aic, forKey: .aic)
        try container.encode(aicc, forKey: .aicc)
        try container.encode(bic, forKey: .bic)
    }
}
