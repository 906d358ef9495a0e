// FunnelKit module.
