import Foundation
import Plot

/// The few Plot nodes the report page is built from, with the escaping Plot leaves to its caller.
enum HTMLNodes {
    typealias Body = Node<HTML.BodyContext>

    /// Text content. Plot escapes `<` and `>` but keeps `&…;` as written (so authors can type entities);
    /// a CRM value is never an entity, so its `&` is escaped first.
    static func text(_ value: String) -> Body { .text(value.replacingOccurrences(of: "&", with: "&amp;")) }

    /// An attribute. Plot writes attribute values as they are, so quotes and ampersands are escaped here.
    static func attribute(_ name: String, _ value: String) -> Body {
        .attribute(named: name, value: escapedAttribute(value), ignoreIfValueIsEmpty: false)
    }

    static func escapedAttribute(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// An element Plot has no function for (the SVG ones): `element("rect", attribute("x", "0"), …)`.
    static func element(_ name: String, _ nodes: Body...) -> Body { .element(named: name, nodes: nodes) }
    static func element(_ name: String, _ nodes: [Body]) -> Body { .element(named: name, nodes: nodes) }

    /// A number as SVG wants it: no exponent, at most one decimal.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
