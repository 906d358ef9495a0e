// FunnelSources module.
