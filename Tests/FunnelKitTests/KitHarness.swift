import FunnelTestSupport

typealias KitHarness = FunnelHarness
