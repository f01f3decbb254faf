/// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2002; Wong, Nature Methods 8,
/// 441, 2011): eight colours told apart with any common colour-vision deficiency.
public enum Palette {
    /// Black, `#000000`: history.
    public static let black = "#000000"
    /// Orange, `#E69F00`.
    public static let orange = "#E69F00"
    /// Sky blue, `#56B4E9`.
    public static let skyBlue = "#56B4E9"
    /// Bluish green, `#009E73`.
    public static let bluishGreen = "#009E73"
    /// Yellow, `#F0E442` (too light for thin lines on white; last in ``series``).
    public static let yellow = "#F0E442"
    /// Blue, `#0072B2`.
    public static let blue = "#0072B2"
    /// Vermillion, `#D55E00`.
    public static let vermillion = "#D55E00"
    /// Reddish purple, `#CC79A7`.
    public static let reddishPurple = "#CC79A7"

    /// The colours for successive series (scenarios, models), black left for history and yellow
    /// last because thin yellow lines are hard to see on white.
    public static let series = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, yellow]

    /// The colour of the `index`-th series, cycling through ``series``.
    ///
    /// - Parameter index: The series' position, from 0.
    /// - Returns: Its colour as `#RRGGBB`.
    public static func color(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }
}
