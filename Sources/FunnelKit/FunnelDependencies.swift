public import Foundation
public import FunnelSources
public import Logging
public import WixAPI
public import FunnelState

/// The live dependencies a use case runs with, composed by the CLI (the sandbox included).
public struct FunnelDependencies: Sendable {
    public var client: WixClient
    public var source: any RecordSource
    public var logger: Logger
    public var now: @Sendable () -> Date
    /// The process's PostgreSQL pools: each cycle's state store uses its database's pool instead of
    /// opening one (nil: every store opens, and closes, a pool of its own).
    public var statePools: PostgresPools?

    public init(client: WixClient, source: any RecordSource, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
                statePools: PostgresPools? = nil) {
        self.client = client; self.source = source; self.logger = logger; self.now = now; self.statePools = statePools
    }
}
