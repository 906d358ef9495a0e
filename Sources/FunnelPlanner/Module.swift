// FunnelPlanner module.
