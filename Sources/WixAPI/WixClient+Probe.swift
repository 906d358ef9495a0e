public import FunnelCore

extension WixClient {
    /// One call with any method, path, query and JSON body, its answer as JSON; a non-2xx answer
    /// throws the usual `WixError`. For `funnel doctor`, which asks Wix the questions the typed
    /// endpoints deliberately never ask (a page of 100, an `$in` of 101 values, Get Card on an
    /// archived card) to learn which reading of the docs a site follows. Retried like any read.
    public func probe(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: JSONValue? = nil
    ) async throws -> JSONValue {
        let request = WixRequest(method, path, query: query, body: try body.map { try WixJSON.encode($0) })
        return try await send(request, as: JSONValue.self)
    }
}
