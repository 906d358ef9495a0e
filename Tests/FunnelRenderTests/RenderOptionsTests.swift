import FunnelRender
import Testing

@Suite("Colour detection")
struct RenderOptionsTests {
    @Test("colour on a terminal only, NO_COLOR and TERM=dumb win", arguments: [
        ([:], true, true),
        ([:], false, false),
        (["NO_COLOR": "1"], true, false),
        (["NO_COLOR": ""], true, true),
        (["TERM": "dumb"], true, false),
        (["TERM": "xterm-256color"], true, true),
        (["FORCE_COLOR": "1"], false, true),
        (["FORCE_COLOR": "0"], false, false),
        (["FORCE_COLOR": "1", "NO_COLOR": "1"], false, false),
    ] as [([String: String], Bool, Bool)])
    func detect(environment: [String: String], isTTY: Bool, color: Bool) {
        let options = RenderOptions.detect(environment: environment, isTTY: isTTY, showPersonalData: true)
        #expect(options.color == color)
        #expect(options.showPersonalData)
    }
}
