/// funnel's version: `funnel --version`, and the `funnel_version` every plan records.
public enum FunnelVersion {
    public static let current = "0.1.0"
}
