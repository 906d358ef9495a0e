/// What the fault generator decided for one API request.
struct FaultDecision: Sendable {
    var delay: Duration = .zero
    var drop = false
    var serverError = false
    var commitThenFail = false
    var throttle = false
}

/// Draws faults from a SplitMix64 generator seeded by `EmulatorOptions.seed`. Every request draws the
/// same four numbers whatever the rates, so a given seed and request order always give the same faults.
actor FaultInjector {
    private var state: UInt64
    private let options: EmulatorOptions

    init(options: EmulatorOptions) {
        self.options = options
        self.state = options.seed
    }

    func next() -> FaultDecision {
        let jitterDraw = nextUnit(), dropDraw = nextUnit(), errorDraw = nextUnit(), commitDraw = nextUnit()
        var decision = FaultDecision()
        decision.delay = options.latency + options.jitter * jitterDraw
        decision.drop = dropDraw < options.dropRate
        decision.serverError = !decision.drop && errorDraw < options.faultRate
        decision.commitThenFail = commitDraw < options.commitThenFailRate
        // Drawn only when configured, so the sequences of existing seeds stay as they were.
        if options.throttleRate > 0 {
            decision.throttle = !decision.drop && !decision.serverError && nextUnit() < options.throttleRate
        }
        return decision
    }

    /// A uniform value in `0..<1`.
    private func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
