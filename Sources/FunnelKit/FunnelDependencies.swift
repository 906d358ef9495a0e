public import Foundation
public import FunnelSources
public import Logging
public import WixAPI

/// The live dependencies a use case runs with, composed by the CLI (the sandbox included).
public struct FunnelDependencies: Sendable {
    public var client: WixClient
    public var source: any RecordSource
    public var logger: Logger
    public var now: @Sendable () -> Date

    public init(client: WixClient, source: any RecordSource, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client; self.source = source; self.logger = logger; self.now = now
    }
}
