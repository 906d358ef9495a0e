// FunnelState module.
