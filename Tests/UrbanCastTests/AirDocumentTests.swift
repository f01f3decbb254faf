import Foundation
import Testing
@testable import UrbanCast

/// The air-quality documents carry the reports' values under the contract's keys and read back
/// with Foundation's decoder.
@Suite struct AirDocumentTests {
    /// Day 1 has 24 hourly readings 0…23 (mean 11.5, valid), day 2 has 12 readings 0…11 (mean
    /// 5.5, half the day: below the 75 % capture rule).
    static let csv = (["station,pollutant,date,value"]
        + (0..<24).map { "A,PM2.5,2024-05-01T\(String(format: "%02d", $0)):00,\($0)" }
        + (0..<12).map { "A,PM2.5,2024-05-02T\(String(format: "%02d", $0)):00,\($0)" }).joined(separator: "\n")

    @Test func localizationDocument() throws {
        let localization = try Localization(try airSeries(Self.csv))
        let document = Localization.Document(localization.stations, period: .day)
        let text = try JSONValueEncoder().document(document, indent: nil)
        #expect(text.hasPrefix(#"{"schemaVersion":"#))
        #expect(text.contains(#""key":{"station":"A"},"pollutant":"PM2.5","unit":"µg/m³","stations":["A"],"periods":[{"date":"2024-05-01","mean":11.5,"count":24,"possible":24,"valid":true},{"date":"2024-05-02","mean":5.5,"count":12,"possible":24,"valid":false}]"#), "\(text)")
        let read = try JSONDecoder().decode(Localization.Document.self, from: Data(text.utf8))
        #expect(read.records.first?.periods == localization.stations.first?.daily)
    }

    /// A period without readings has a NaN mean: written as `null`, read back as NaN.
    @Test func missingMeanIsNull() throws {
        let empty = PeriodStatistic(date: try SeriesDate(parsing: "2024-05"), mean: .nan, count: 0, possible: 31, isValid: false)
        let text = try JSONValueEncoder().encode(empty).serialized(indent: nil)
        #expect(text == #"{"date":"2024-05","mean":null,"count":0,"possible":31,"valid":false}"#)
        let read = try JSONDecoder().decode(PeriodStatistic.self, from: Data(text.utf8))
        #expect(read.mean.isNaN && read.count == 0 && read.possible == 31 && !read.isValid)
    }
}
