import Foundation
import XMLCoder

/// The small structural parts of a workbook, decoded with XMLCoder: the package and workbook
/// relationships, `workbook.xml` (sheet names, date system) and `styles.xml` (which cell styles
/// show dates). Attribute and element names are matched without their namespace prefix, since
/// writers choose their own (`r:id`, `x:sheet`).
enum WorkbookParts {
    /// A child element of a ``List``, by its element name.
    protocol ListItem {
        static var elementName: String { get }
    }

    /// `_rels/.rels` and `xl/_rels/workbook.xml.rels`.
    struct Relationships: Decodable {
        let relationship: [Relationship]?
        enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
    }

    /// One relationship: its id, its type (a URI ending in `/worksheet`, `/styles` ...) and the
    /// part it points to.
    struct Relationship: Decodable {
        let id: String
        let type: String
        let target: String
        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case type = "Type"
            case target = "Target"
        }
    }

    /// An element holding a list of one kind of child element (`sheets` of `sheet`, `cellXfs` of
    /// `xf`); absent children make an empty list.
    struct List<Item: Decodable & ListItem>: Decodable {
        let items: [Item]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: LocalName.self)
            items = try container.decodeIfPresent([Item].self, forKey: LocalName(stringValue: Item.elementName)) ?? []
        }
    }

    /// `xl/workbook.xml`: the sheets in tab order and the date system.
    struct WorkbookPart: Decodable {
        let workbookPr: Properties?
        let sheets: List<Sheet>?

        struct Properties: Decodable {
            let date1904: String?
        }

        /// A sheet's name and the id of its relationship (`r:id`).
        struct Sheet: Decodable, ListItem {
            static let elementName = "sheet"
            let name: String
            let id: String
        }
    }

    /// `xl/styles.xml`: the custom number formats and, per cell style, its number format.
    struct StyleSheet: Decodable {
        let numFmts: List<NumberFormat>?
        let cellXfs: List<CellFormat>?

        struct NumberFormat: Decodable, ListItem {
            static let elementName = "numFmt"
            let numFmtId: String
            let formatCode: String
        }

        struct CellFormat: Decodable, ListItem {
            static let elementName = "xf"
            let numFmtId: String?
        }

        /// Whether each cell style (the `s` attribute of a cell indexes this) shows dates.
        var dateStyles: [Bool] {
            var custom: [Int: Bool] = [:]
            for format in numFmts?.items ?? [] {
                guard let id = Int(format.numFmtId) else { continue }
                custom[id] = ExcelDate.isDateFormat(format.formatCode)
            }
            return (cellXfs?.items ?? []).map { style in
                guard let id = style.numFmtId.flatMap({ Int($0) }) else { return false }
                return custom[id] ?? ExcelDate.builtInDateFormats.contains(id)
            }
        }
    }

    /// Decodes a part, or says why it is damaged.
    static func decode<Part: Decodable>(_ type: Part.Type, from data: Data, part: String) -> Result<Part, MessageText> {
        let decoder = XMLDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let name = path.last?.stringValue ?? ""
            return LocalName(stringValue: String(name.split(separator: ":").last ?? Substring(name)))
        }
        do {
            return .success(try decoder.decode(type, from: data))
        } catch {
            return .failure(MessageText("its part \(part) is damaged or not what an .xlsx workbook holds"))
        }
    }

    /// An XML name without its namespace prefix.
    struct LocalName: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
