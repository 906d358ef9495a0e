public import AsyncHTTPClient
import FunnelCore
public import HTTPTransport
public import Logging
import Synchronization

/// The one client funnel uses to talk to Wix: Workflows v1 and Contacts v4.
///
/// Every call goes through the same path: the shared rate limiter, authentication (API key, or
/// an OAuth token cached and renewed), one HTTP attempt with a deadline, error decoding, and
/// retries with exponential backoff for the requests that are safe to repeat. It is `Sendable`;
/// share one instance between all concurrent callers so the limiter sees all their requests.
///
/// ```swift
/// let wix = WixClient(configuration: .init(auth: .apiKey(key, siteId: site)))
/// let id = try await wix.createWorkflow(name: "Lead Funnel", description: "")
/// for try await card in wix.cards(workflowId: id) { … }
/// ```
public final class WixClient: Sendable {
    public let configuration: WixClientConfiguration
    let httpClient: HTTPClient
    let logger: Logger
    let clock: ClockReader
    let limiter: RateLimiter
    let tokens: AccessTokenProvider?
    let counters = Mutex(WixClientStatistics())
    /// Told before every retry, so a person sees a slow call as retries rather than a hang.
    let retryObserver: RetryObserver?
    /// Whether any call has got a 2xx yet: a failure before that is a first contact, worth a
    /// checklist (site id, endpoint, network, key) rather than just the error.
    let answered = Mutex(false)
    private let writerID: Mutex<String?>

    /// - Parameters:
    ///   - httpClient: the transport; the process-wide shared client by default.
    ///   - logger: receives one debug line per HTTP attempt (method, path, status, attempt, duration).
    ///   - clock: drives the rate limiter, backoff and token expiry.
    ///   - retryObserver: told about each retry before its wait (the CLI prints a warning line).
    public init(
        configuration: WixClientConfiguration,
        httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "funnel.wix"),
        clock: any Clock<Duration> = ContinuousClock(),
        retryObserver: RetryObserver? = nil
    ) {
        self.configuration = configuration
        self.retryObserver = retryObserver
        self.writerID = Mutex(configuration.writerID)
        self.httpClient = httpClient
        self.logger = logger
        let reader = ClockReader(clock)
        self.clock = reader
        self.limiter = RateLimiter(
            requestsPerMinute: configuration.pacedRequestsPerMinute, burst: configuration.burst, clock: reader)
        if case .oauth = configuration.auth {
            // The provider's fetch needs the client, which does not exist yet: it goes through a box
            // set right below, before any request can run.
            let box = WeakClientBox()
            self.tokens = AccessTokenProvider(clock: reader) {
                guard let client = box.client else { throw CancellationError() }
                return try await client.requestAccessToken()
            }
            box.client = self
        } else {
            self.tokens = nil
        }
    }

    /// What this client has sent so far.
    public var statistics: WixClientStatistics {
        counters.withLock { $0 }
    }

    /// Who is writing through this client now (sent as `x-funnel-writer`): a fleet worker sets
    /// it when it claims the funnel. Starts as `configuration.writerID`.
    public var writer: String? {
        get { writerID.withLock { $0 } }
        set { writerID.withLock { $0 = newValue } }
    }

    func count(_ update: (inout WixClientStatistics) -> Void) {
        counters.withLock { update(&$0) }
    }
}

/// Lets the token provider call back into its client without a retain cycle.
final class WeakClientBox: Sendable {
    private let reference = Mutex<WeakReference?>(nil)
    private struct WeakReference { weak var client: WixClient? }

    var client: WixClient? {
        get { reference.withLock { $0?.client } }
        set { reference.withLock { $0 = WeakReference(client: newValue) } }
    }
}
