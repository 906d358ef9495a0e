public import FunnelCore

/// A reading of the Wix docs the sandbox can play instead of the documented one
/// (`EmulatorOptions.variants`, `funnel sandbox serve --variant ID`).
public typealias SandboxVariant = WixReading
