// FunnelTestSupport module.
