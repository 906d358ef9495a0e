import Dispatch
import Foundation
import FunnelKit

/// Turns SIGINT/SIGTERM into a `StopSignal` request while it is alive, so `doctor` can still clean up.
final class SignalStop {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: StopSignal) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.request() }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
