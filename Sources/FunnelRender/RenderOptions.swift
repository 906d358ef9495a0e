/// How a plan is rendered for a reader: colour and whether personal data is shown.
public struct RenderOptions: Sendable, Hashable {
    /// ANSI colour in the human view (ignored by the markdown and JSON formats).
    public var color: Bool
    /// Emails and phone numbers unmasked (`--show-personal-data`).
    public var showPersonalData: Bool

    public init(color: Bool, showPersonalData: Bool) {
        self.color = color
        self.showPersonalData = showPersonalData
    }

    /// No colour, personal data kept: the options a plan file saved for `apply PLANFILE` is written with.
    public static let planFile = RenderOptions(color: false, showPersonalData: true)

    /// Colour only on a terminal, never when `NO_COLOR` is set to a non-empty value (no-color.org) or
    /// `TERM=dumb`; `FORCE_COLOR` / `CLICOLOR_FORCE` turn it on off a terminal (CI logs that render ANSI).
    public static func detect(environment: [String: String], isTTY: Bool, showPersonalData: Bool) -> RenderOptions {
        func isSet(_ name: String) -> Bool { !(environment[name] ?? "").isEmpty }
        let forced = isSet("FORCE_COLOR") && environment["FORCE_COLOR"] != "0"
            || isSet("CLICOLOR_FORCE") && environment["CLICOLOR_FORCE"] != "0"
        let color: Bool
        if isSet("NO_COLOR") || environment["TERM"] == "dumb" {
            color = false
        } else {
            color = isTTY || forced
        }
        return RenderOptions(color: color, showPersonalData: showPersonalData)
    }
}
