import ArgumentParser
import Foundation
import FunnelConfig
import FunnelKit
import FunnelServe
import FunnelState
import Logging
import WixAPI

/// `funnel serve --funnels DIR --workers N`: many funnels, N workers, one work queue.
extension ServeCommand {
    func runFleet(directory: String) async throws {
        let fleetConfigs = try FleetConfigs.load(directory)
        let logger = LiveDependencies.logger(verbose: log.verbose)
        try await Failures.report {
            // One pool per database for the whole process: the queue and every cycle's state store.
            let pools = PostgresPools()
            let queue: FleetQueue
            do {
                queue = try await FleetQueue.open(fleetConfigs, pools: pools, logger: logger)
            } catch {
                await pools.close()
                throw error
            }
            var opened: [LiveDependencies.Opened] = []
            do {
                let metrics = FleetMetrics()
                var members: [FleetMember] = []
                let lockTimeout = DurationText.parse(lockTimeout)!
                let parallelism = parallelism
                for entry in fleetConfigs.entries {
                    let live = try await LiveDependencies.open(entry.configuration, logger: logger, quiet: log.quiet,
                                                               statePools: pools)
                    opened.append(live)
                    let configuration = entry.configuration
                    let dependencies = live.dependencies
                    members.append(FleetMember(
                        id: FleetFunnelID(namespace: configuration.stateNamespace, name: entry.name),
                        metrics: metrics.funnel(entry.name)
                    ) { stop, worker in
                        dependencies.client.writer = worker
                        return FunnelReconciler(configuration: configuration, dependencies: dependencies,
                                                lockTimeout: lockTimeout, parallelism: parallelism, stop: stop)
                    })
                }
                let holder = LockHolder.current
                let options = FleetOptions(
                    workers: workers, lease: DurationText.parse(lease)!, poll: .milliseconds(500),
                    schedule: CycleSchedule(interval: DurationText.parse(interval)!), stopGrace: DurationText.parse(stopTimeout)!,
                    cycleTimeout: DurationText.parse(cycleTimeout)!, workerPrefix: "\(holder.host):\(holder.pid)")
                let fleet = Fleet(members: members, queue: queue.queue, options: options, logger: logger, report: { member, cycle in
                    Terminal.out("\(member.id.name): \(cycle.line)")
                })
                let webhooks = WebhookSettings.fromEnvironment(Terminal.environment, publicURL: publicURL)
                let server = try await FleetServer.start(
                    host: host, port: port, stopOnSignals: true, fleet: fleet, metrics: metrics, webhooks: webhooks, logger: logger)
                Terminal.out("listening on \(server.baseURL); \(members.count) funnels, \(options.workers) workers "
                             + "(\(options.workerPrefix)), queue: \(queue.description); Ctrl-C to stop")
                try await server.waitUntilStopped()
                Terminal.out("stopped")
            } catch {
                for live in opened { await live.close() }
                await pools.close()
                throw error
            }
            for live in opened { await live.close() }
            await pools.close()
        }
    }
}
