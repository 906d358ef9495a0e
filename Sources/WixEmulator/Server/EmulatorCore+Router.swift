import Hummingbird

/// The Hummingbird router: every operation under each of its prefixes, the `/_sandbox` control
/// endpoints, and a Wix-envelope 404 for anything else.
extension EmulatorCore {
    func makeRouter() -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        router.add(middleware: UnmatchedRouteMiddleware(core: self))
        for operation in EmulatorOperation.allCases {
            guard let endpoint = operation.endpoint, let method = HTTPRequest.Method(endpoint.method) else { continue }
            for prefix in operation.prefixes {
                let template = prefix + endpoint.path
                let route = "\(endpoint.method) \(template)"
                router.on(RouterPath(template), method: method) { request, context in
                    try await self.respond(operation, route: route, request: request, context: context)
                }
            }
        }
        router.get("/_sandbox/stats") { _, _ in
            Self.ok(jsonBody(await self.snapshot()))
        }
        router.post("/_sandbox/stats/reset") { _, _ in
            await self.resetStats()
            return Self.ok(jsonBody(WorkflowWire.Empty()))
        }
        router.post("/_sandbox/reset") { request, _ in
            let site = request.headers[Self.siteHeader].flatMap { $0.isEmpty ? nil : $0 }
            do throws(WixError) {
                try await self.reset(site: site)
            } catch {
                return Self.response(error)
            }
            return Self.ok(jsonBody(WorkflowWire.Empty()))
        }
        router.get("/_sandbox/board") { request, _ in
            let site = request.headers[Self.siteHeader].flatMap { $0.isEmpty ? nil : $0 }
            return Self.ok(jsonBody(await self.boards(site: site)))
        }
        return router
    }

    /// Clears one site (or all sites and the stats when `site` is nil), with its rate-limit window.
    func reset(site: String?) async throws(WixError) {
        try await store.reset(site: site)
        await limiter?.reset(site: site)
        if site == nil { await resetStats() }
    }

    func boards(site: String?) async -> [EmulatorBoard] {
        var result: [EmulatorBoard] = []
        let ids: [String]
        if let site { ids = [site] } else { ids = await store.siteIds() }
        for id in ids {
            result.append(EmulatorBoard(siteId: id, state: await store.snapshot(id)))
        }
        return result
    }

    static func ok(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }
}

/// Answers requests no route matched with a Wix-style 404 and counts them as `Unmatched`.
struct UnmatchedRouteMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let core: EmulatorCore

    func handle(_ request: Request, context: SandboxContext, next: (Request, SandboxContext) async throws -> Response)
        async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let route = "\(request.method.rawValue) \(request.uri.path)"
            let wixError = WixError.application(Int(error.status.code), "NOT_FOUND", "no route for \(route)")
            await core.stats.record(route: "\(request.method.rawValue) <unmatched>", operation: EmulatorOperation.unmatched.rawValue,
                                    outcome: .status(wixError.status))
            return EmulatorCore.response(wixError)
        }
    }
}
