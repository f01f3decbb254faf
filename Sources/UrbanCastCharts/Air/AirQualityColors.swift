import Foundation
import UrbanCast

/// The official category colours of each air quality index, so a chart of an index looks the way
/// the public knows it.
///
/// | index | colours, lowest category first | source |
/// |---|---|---|
/// | `us-epa-2024` | green `#00E400`, yellow `#FFFF00`, orange `#FF7E00`, red `#FF0000`, purple `#8F3F97`, maroon `#7E0023` | US EPA, *Technical Assistance Document for the Reporting of Daily Air Quality*, EPA-454/B-24-002 (May 2024), the AQI colour table (RGB 0,228,0; 255,255,0; 255,126,0; 255,0,0; 143,63,151; 126,0,35) |
/// | `china-hj633-2012` | green `#00E400`, yellow `#FFFF00`, orange `#FF7E00`, red `#FF0000`, purple `#99004C`, maroon `#7E0023` | HJ 633-2012, Table 2 (RGB 0,228,0; 255,255,0; 255,126,0; 255,0,0; 153,0,76; 126,0,35) |
/// | `india-naqi-2014` | dark green `#00B050`, light green `#92D051`, yellow `#FFFF00`, orange `#FF6500`, red `#FF0000`, dark red `#C00000` | CPCB, *National Air Quality Index*, CUPS/82/2014-15, Table 5 colour scheme, as transcribed in OpenAQ `aqi-hub` `docs/data/india/breakpoints.csv` |
/// | `korea-cai` | blue `#0000FF`, green `#00FF00`, yellow `#FFFF00`, red `#FF0000` | AirKorea, *Comprehensive Air-quality Index* (airkorea.or.kr/eng/khaiInfo), as transcribed in OpenAQ `aqi-hub` `docs/data/south-korea/breakpoints.csv` |
/// | `indonesia-ispu-2020` | green `#008000`, blue `#0000FF`, yellow `#FFFF00`, red `#FF0000`, black `#000000` | Permen LHK P.14/2020, Tabel Kategori Angka Rentang ISPU, which names the colours (hijau, biru, kuning, merah, hitam) without values; the hex values are the CSS named colours |
///
/// The Indian and Korean sources themselves could not be read offline; their hex values are those
/// of the OpenAQ transcription. An index read from other files gets the US colours in order, the
/// last repeated for any further category.
public enum AirQualityColors {
    static let official: [String: [String]] = [
        "us-epa-2024": ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#8F3F97", "#7E0023"],
        "china-hj633-2012": ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023"],
        "india-naqi-2014": ["#00B050", "#92D051", "#FFFF00", "#FF6500", "#FF0000", "#C00000"],
        "korea-cai": ["#0000FF", "#00FF00", "#FFFF00", "#FF0000"],
        "indonesia-ispu-2020": ["#008000", "#0000FF", "#FFFF00", "#FF0000", "#000000"],
    ]

    /// The colour of each category of `index`, lowest category first.
    ///
    /// ```swift
    /// AirQualityColors.colors(for: us)   // ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#8F3F97", "#7E0023"]
    /// ```
    ///
    /// - Parameter index: The index.
    /// - Returns: One `#RRGGBB` colour per category of `index`.
    public static func colors(for index: AirQualityIndex) -> [String] {
        let palette = official[index.id].flatMap { $0.count == index.categories.count ? $0 : nil } ?? official["us-epa-2024"] ?? []
        return index.categories.indices.map { palette[min($0, palette.count - 1)] }
    }

    /// Black or white, whichever reads better on `background` (`#RRGGBB`): black when the
    /// background's relative luminance (sRGB, WCAG 2) is above 0.18, where the two contrasts are equal.
    ///
    /// - Parameter background: The fill colour.
    /// - Returns: `#000000` or `#FFFFFF`.
    public static func textColor(on background: String) -> String {
        let hex = background.hasPrefix("#") ? background.dropFirst() : Substring(background)
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return "#000000" }
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear(value >> 16 & 0xFF) + 0.7152 * linear(value >> 8 & 0xFF) + 0.0722 * linear(value & 0xFF)
        return luminance > 0.18 ? "#000000" : "#FFFFFF"
    }
}
