import Foundation
import FunnelCore

/// The few ANSI styles the human view uses; with colour off every style is the identity.
struct ANSIStyle {
    let enabled: Bool

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func refusal(_ text: String) -> String { wrap(text, "1;31") }

    /// `+` green, `~` yellow, `->` cyan, `-` red, padded to two columns so addresses line up.
    func symbol(_ action: StepAction) -> String {
        let symbol = action.symbol.padding(toLength: 2, withPad: " ", startingAt: 0)
        switch action.kind {
        case .create: return wrap(symbol, "32")
        case .update: return wrap(symbol, "33")
        case .move: return wrap(symbol, "36")
        case .archive, .delete: return wrap(symbol, "31")
        }
    }
}
