import FunnelTestSupport

typealias ServeHarness = FunnelHarness
