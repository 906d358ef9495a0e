// FunnelConfig module.
