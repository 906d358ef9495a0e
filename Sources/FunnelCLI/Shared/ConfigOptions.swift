public import ArgumentParser

/// `-c, --config PATH` (default `funnel.yaml`): shared by every command that reads the config.
public struct ConfigOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .customLong("config")], help: "Path of the config file.")
    public var config: String = "funnel.yaml"

    public init() {}
}
