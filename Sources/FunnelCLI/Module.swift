// FunnelCLI module.
