import Hummingbird
import NIOCore

/// The Hummingbird request context; it keeps the channel so a "dropped connection" fault can close it.
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 1 << 20 }
}

/// A header name (HTTPTypes' `HTTPField.Name`, which Hummingbird does not re-export by name).
typealias HeaderName = HTTPFields.Element.Name
