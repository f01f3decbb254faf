import Testing
import TestSupport
@testable import UrbanCastCharts

/// Scales, nice ticks, time ticks and number formatting against values worked out by hand.
@Suite struct ScalesAndTicksTests {
    @Test func linearScaleMapsEndsAndMiddle() {
        let y = LinearScale(domain: 0...100, range: (lower: 300, upper: 20))
        #expect(y(0) == 300)
        #expect(y(100) == 20)
        // 300 + 50/100 × (20 − 300) = 160
        #expect(y(50) == 160)
        #expect(LinearScale(domain: 5...5, range: (lower: 0, upper: 10))(5) == 5)
    }

    @Test func heckbertNiceNumbers() {
        #expect(NiceTicks.niceNumber(1.4, rounds: true) == 1)
        #expect(NiceTicks.niceNumber(2.9, rounds: true) == 2)
        #expect(NiceTicks.niceNumber(6.9, rounds: true) == 5)
        #expect(NiceTicks.niceNumber(7, rounds: true) == 10)
        #expect(NiceTicks.niceNumber(0.0194, rounds: true) == 0.02)
        #expect(NiceTicks.niceNumber(97, rounds: false) == 100)
        #expect(NiceTicks.niceNumber(1020, rounds: false) == 2000)
    }

    @Test(arguments: [
        // 97 / 5 = 19.4 → step 20; ⌊0/20⌋ = 0, ⌈97/20⌉ = 5.
        (0.0, 97.0, 6, [0.0, 20, 40, 60, 80, 100]),
        // 11.1 / 5 = 2.22 → 2; ⌊−3.2/2⌋ = −2, ⌈7.9/2⌉ = 4.
        (-3.2, 7.9, 6, [-4.0, -2, 0, 2, 4, 6, 8]),
        // 1,020 / 4 = 255 → 200; 600 … 1,800 (Heckbert's rounded range would give 500, 1,000, 1,500, 2,000).
        (600.0, 1620.0, 5, [600.0, 800, 1000, 1200, 1400, 1600, 1800]),
        // 0.075 / 5 = 0.015 → 0.02.
        (0.012, 0.087, 6, [0.0, 0.02, 0.04, 0.06, 0.08, 0.1]),
    ])
    func niceTicksForKnownRanges(lower: Double, upper: Double, count: Int, expected: [Double]) {
        let ticks = NiceTicks(lower: lower, upper: upper, count: count)
        #expect(ticks.values.count == expected.count, "\(ticks.values)")
        for (tick, value) in zip(ticks.values, expected) { expectClose(tick, value, .absolute(1e-12)) }
    }

    @Test func degenerateRangesStillGiveAnAxis() {
        let one = NiceTicks(lower: 5, upper: 5)
        #expect(one.domain.lowerBound < 5 && one.domain.upperBound > 5)
        let broken = NiceTicks(lower: .nan, upper: 3)
        #expect(broken.domain == 0...1)
    }

    @Test func tickLabelsUseTheStepsDecimalsAndGroupThousands() {
        #expect(ChartText.tickLabel(0.02, step: 0.02) == "0.02")
        #expect(ChartText.tickLabel(40, step: 20) == "40")
        #expect(ChartText.tickLabel(12_500, step: 2_500) == "12,500")
        #expect(ChartText.tickLabel(-1_250_000, step: 250_000) == "-1,250,000")
        #expect(ChartText.tickLabel(1.5, step: 0.5) == "1.5")
        #expect(ChartText.coordinate(-0.001) == "0.00")
        #expect(ChartText.coordinate(2.345678) == "2.35")
        #expect(ChartText.compact(950) == "950")
        #expect(ChartText.compact(6_000_000) == "6,000,000")
        #expect(ChartText.compact(0.25) == "0.25")
    }

    @Test func escapingCoversMarkupAndControlCharacters() {
        #expect(ChartText.escaped("PM2.5 <WHO & \"EU\"> 'x'") == "PM2.5 &lt;WHO &amp; &quot;EU&quot;&gt; &#39;x&#39;")
        #expect(ChartText.escaped("a\u{1}b") == "a\u{FFFD}b")
        #expect(chartIdentifier("water — bau vs Conservation!") == "water-bau-vs-conservation")
        #expect(chartIdentifier("2030 target") == "c-2030-target")
    }

    /// The civil calendar against dates whose epoch seconds are known (`date -u -d … +%s`).
    @Test func civilCalendarRoundTrips() {
        #expect(Civil.seconds(year: 1970, month: 1) == 0)
        #expect(Civil.seconds(year: 2020, month: 1) == 1_577_836_800)
        #expect(Civil.seconds(year: 2024, month: 3, day: 1) == 1_709_251_200)
        let before = Civil(seconds: -1)
        #expect((before.year, before.month, before.day, before.secondOfDay) == (1969, 12, 31, 86_399))
        let leap = Civil(seconds: 1_709_164_800)   // 2024-02-29T00:00
        #expect((leap.year, leap.month, leap.day) == (2024, 2, 29))
    }

    @Test func monthTicksForThreeMonthlyYears() {
        let start = Double(Civil.seconds(year: 2020, month: 1)), end = Double(Civil.seconds(year: 2022, month: 12))
        // Roomy: quarterly is the finest step with at most 12 ticks (monthly would give 36).
        let roomy = TimeAxis(from: start, to: end, width: 2000, maximumCount: 12)
        #expect(roomy.unit == .month && roomy.stepCount == 3)
        #expect(roomy.ticks.map(\.label) == ["Jan 2020", "Apr", "Jul", "Oct", "Jan 2021", "Apr", "Jul", "Oct",
                                             "Jan 2022", "Apr", "Jul", "Oct"])
        #expect(roomy.ticks[1].position == Double(Civil.seconds(year: 2020, month: 4)))
        // 320 px: quarterly labels need 3 × (8 × 7.15 + 11) + 9 × (3 × 7.15 + 11) = 496.5 px; half-yearly 302.6 px.
        let narrow = TimeAxis(from: start, to: end, width: 320, maximumCount: 12)
        #expect(narrow.ticks.map(\.label) == ["Jan 2020", "Jul", "Jan 2021", "Jul", "Jan 2022", "Jul"])
    }

    @Test func yearAndHourTicks() {
        let years = TimeAxis(from: Double(Civil.seconds(year: 1979, month: 1)), to: Double(Civil.seconds(year: 2032, month: 1)),
                             width: 600)
        #expect(years.ticks.map(\.label) == ["1980", "1985", "1990", "1995", "2000", "2005", "2010", "2015", "2020", "2025", "2030"])
        let day = Double(Civil.seconds(year: 2024, month: 3, day: 5))
        let hours = TimeAxis(from: day, to: day + 86_400, width: 1000)
        #expect(hours.unit == .hour && hours.stepCount == 3)
        #expect(hours.ticks.map(\.label) == ["5 Mar", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "6 Mar"])
    }

    /// Summary tables round to four significant digits; whole numbers are grouped.
    @Test func readableNumbers() {
        #expect(ChartText.readable(1052.941945248515) == "1053" && ChartText.readable(123456.7) == "123,457")
        #expect(ChartText.readable(10.078752224617698) == "10.08")
        #expect(ChartText.readable(2.201337975725495) == "2.201")
        #expect(ChartText.readable(0.36) == "0.36" && ChartText.readable(0.5) == "0.5")
        #expect(ChartText.readable(950) == "950" && ChartText.readable(0) == "0" && ChartText.readable(-12.345) == "-12.35")
        #expect(ChartText.readable(0.0000123) == "1.230e-05" && ChartText.readable(.nan).isEmpty)
    }
}
