public import FunnelCore
public import Logging

/// How the sandbox behaves: faults, limits, strictness, auth and persistence.
///
/// Every field has a default that mirrors the documented (or most likely) Wix behaviour, so
/// `EmulatorOptions()` is a faithful, fault-free, in-memory sandbox.
public struct EmulatorOptions: Sendable {
    /// Fixed delay added before every API request is handled.
    public var latency: Duration
    /// Extra random delay, uniform in `0...jitter`, drawn from the seeded generator.
    public var jitter: Duration
    /// Probability (0...1) that an API request fails with an injected `503` before it runs.
    public var faultRate: Double
    /// Requests allowed per site per minute; past it the sandbox answers `429` with `Retry-After`. `nil` = unlimited.
    public var rateLimitPerMinute: Int?
    /// Probability (0...1) that the connection is closed without any response, before the request runs.
    public var dropRate: Double
    /// Probability (0...1) that a write is committed and the client still sees a `504`.
    public var commitThenFailRate: Double
    /// Probability (0...1) that a request is refused with `429` and `Retry-After: 1` before it runs
    /// (random throttling, independent of `rateLimitPerMinute`).
    public var throttleRate: Double = 0
    /// Seed of the generator behind every probabilistic fault and the jitter.
    public var seed: UInt64
    /// Where every site is kept (`x.json` → the SQLite database `x.sqlite`; see `SandboxDataFile`): loaded on
    /// start, each write saved before it is answered. `nil` = in memory.
    public var dataPath: String?
    /// Choices for behaviour the Wix docs leave open.
    public var strictness: EmulatorStrictness
    /// The alternative readings of the docs this sandbox plays (empty: the documented reading).
    public var variants: Set<SandboxVariant>
    /// The documented Workflows limits (30 workflows, 60 phases, 5,000 active cards).
    public var limits: EmulatorLimits
    /// Default and maximum page sizes.
    public var pageSizes: EmulatorPageSizes
    /// API keys accepted in `Authorization`; `nil` accepts any non-empty key.
    public var apiKeys: [Secret]?
    /// The app accepted by `POST /oauth2/token`; `nil` disables the endpoint (it answers 401).
    public var oauthApp: EmulatorOAuthApp?
    /// Lifetime of tokens issued by `POST /oauth2/token` (reported as `expires_in`, in seconds).
    public var tokenLifetime: Duration
    /// Number of cards per phase in List Phases and Get Phase responses (not documented by Wix).
    public var phaseCardsPreview: Int
    /// When true the server stops gracefully on SIGINT/SIGTERM (for `funnel sandbox serve`).
    public var stopOnSignals: Bool
    /// Where the server logs; `nil` discards everything (libraries never print).
    public var logger: Logger?

    /// Creates options; every parameter has the faithful, fault-free default.
    public init(
        latency: Duration = .zero,
        jitter: Duration = .zero,
        faultRate: Double = 0,
        rateLimitPerMinute: Int? = nil,
        dropRate: Double = 0,
        commitThenFailRate: Double = 0,
        seed: UInt64 = 0,
        dataPath: String? = nil,
        strictness: EmulatorStrictness = .init(),
        variants: Set<SandboxVariant> = [],
        limits: EmulatorLimits = .init(),
        pageSizes: EmulatorPageSizes = .init(),
        apiKeys: [Secret]? = nil,
        oauthApp: EmulatorOAuthApp? = .init(),
        tokenLifetime: Duration = .seconds(14_400),
        phaseCardsPreview: Int = 10,
        stopOnSignals: Bool = false,
        logger: Logger? = nil
    ) {
        self.latency = latency
        self.jitter = jitter
        self.faultRate = faultRate
        self.rateLimitPerMinute = rateLimitPerMinute
        self.dropRate = dropRate
        self.commitThenFailRate = commitThenFailRate
        self.seed = seed
        self.dataPath = dataPath
        self.strictness = strictness
        self.variants = variants
        self.limits = limits
        self.pageSizes = pageSizes
        self.apiKeys = apiKeys
        self.oauthApp = oauthApp
        self.tokenLifetime = tokenLifetime
        self.phaseCardsPreview = phaseCardsPreview
        self.stopOnSignals = stopOnSignals
        self.logger = logger
    }

    /// Whether any probabilistic fault or delay is configured.
    var injectsFaults: Bool {
        faultRate > 0 || dropRate > 0 || commitThenFailRate > 0 || throttleRate > 0 || latency > .zero || jitter > .zero
    }
}

/// The documented Workflows limits; lower them in tests to reach them quickly.
public struct EmulatorLimits: Sendable, Equatable {
    /// Workflows per site (Wix: 30; the 31st is a 403).
    public var workflowsPerSite: Int
    /// Active phases per workflow, the win phase not counted (Wix: 60; the 61st is a 403).
    public var phasesPerWorkflow: Int
    /// Active cards per workflow (Wix: 5,000; the 5,001st is a 403).
    public var activeCardsPerWorkflow: Int

    /// Creates limits; defaults are Wix's.
    public init(workflowsPerSite: Int = 30, phasesPerWorkflow: Int = 60, activeCardsPerWorkflow: Int = 5_000) {
        self.workflowsPerSite = workflowsPerSite
        self.phasesPerWorkflow = phasesPerWorkflow
        self.activeCardsPerWorkflow = activeCardsPerWorkflow
    }
}

/// Default and maximum page sizes. Wix documents only the Contacts maximum (1000).
public struct EmulatorPageSizes: Sendable, Equatable {
    /// List Cards: default 50 (documented), maximum 100 (our choice).
    public var cardsDefault: Int
    public var cardsMax: Int
    /// List Phases: default 50 (documented), maximum 100 (our choice).
    public var phasesDefault: Int
    public var phasesMax: Int
    /// List Workflows: "all" when `limit` is omitted (documented), capped at the maximum 100 (our choice).
    public var workflowsMax: Int
    /// List/Query Contacts: default 50, maximum 1000 (documented).
    public var contactsDefault: Int
    public var contactsMax: Int

    /// Creates page sizes; defaults as documented in docs/sandbox.md.
    public init(
        cardsDefault: Int = 50, cardsMax: Int = 100,
        phasesDefault: Int = 50, phasesMax: Int = 100,
        workflowsMax: Int = 100,
        contactsDefault: Int = 50, contactsMax: Int = 1_000
    ) {
        self.cardsDefault = cardsDefault
        self.cardsMax = cardsMax
        self.phasesDefault = phasesDefault
        self.phasesMax = phasesMax
        self.workflowsMax = workflowsMax
        self.contactsDefault = contactsDefault
        self.contactsMax = contactsMax
    }
}

/// Choices for behaviour wix-api.md §6 lists as open questions that funnel's own choices do not
/// depend on (those are `SandboxVariant`s). Defaults are the most likely Wix behaviour; each toggle
/// lets a client test prove it does not depend on the guess.
public struct EmulatorStrictness: Sendable, Equatable {
    /// A `limit` above the maximum page size is a 400 (`true`) or clamped to the maximum (`false`).
    public var rejectOversizedPages: Bool
    /// A `position`/`newPosition` past the end is a 400 (`true`) or clamped to `[0, count]` (`false`).
    public var rejectOutOfRangePositions: Bool
    /// Update Card replaces `cardInfo` (absent fields, `primaryAttachment` included, are cleared)
    /// instead of merging the given fields.
    public var updateCardReplaces: Bool
    /// Create Card requires `card.name` and `card.primaryAttachment.contactId`, and the contact must exist on the site.
    public var requireCardContact: Bool
    /// List Cards rejects `phaseId` combined with `fetchArchived=true` (Velo's rule) with a 400.
    public var rejectPhaseFilterOnArchived: Bool
    /// A `409 DUPLICATE_CONTACT_EXISTS` carries `data.duplicateContactId` (community-reported, not
    /// documented); `false` sends the bare code, so a client must find the contact itself.
    public var duplicateErrorNamesContact: Bool

    /// Creates toggles; defaults are listed in docs/sandbox.md.
    public init(
        rejectOversizedPages: Bool = true,
        rejectOutOfRangePositions: Bool = false,
        updateCardReplaces: Bool = false,
        requireCardContact: Bool = true,
        rejectPhaseFilterOnArchived: Bool = false,
        duplicateErrorNamesContact: Bool = true
    ) {
        self.rejectOversizedPages = rejectOversizedPages
        self.rejectOutOfRangePositions = rejectOutOfRangePositions
        self.updateCardReplaces = updateCardReplaces
        self.requireCardContact = requireCardContact
        self.rejectPhaseFilterOnArchived = rejectPhaseFilterOnArchived
        self.duplicateErrorNamesContact = duplicateErrorNamesContact
    }
}

/// The OAuth app `POST /oauth2/token` accepts (client-credentials grant).
public struct EmulatorOAuthApp: Sendable {
    /// `client_id` to accept.
    public var appId: String
    /// `client_secret` to accept.
    public var appSecret: Secret
    /// `instance_id` to accept; `nil` accepts any instance. The instance id is the token's site id.
    public var instanceId: String?

    /// Creates the accepted app; the defaults are the sandbox's well-known test credentials.
    public init(appId: String = "sandbox-app", appSecret: Secret = Secret("sandbox-secret"), instanceId: String? = nil) {
        self.appId = appId
        self.appSecret = appSecret
        self.instanceId = instanceId
    }
}
