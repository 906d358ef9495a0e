import FunnelCore
import Testing

@Suite("PostgresStateURL: parsing and masking")
struct PostgresStateURLTests {
    @Test func parsesEveryPart() throws {
        let url = try PostgresStateURL(parsing: "postgresql://funnel:p%40ss:w0rd@db.internal:6543/funnel_state?sslmode=verify-full")
        #expect(url.user == "funnel" && url.password?.revealed == "p@ss:w0rd")
        #expect(url.host == "db.internal" && url.port == 6543 && url.database == "funnel_state" && url.tls == .verifyFull)
        #expect(url.description == "postgres://funnel:***@db.internal:6543/funnel_state?sslmode=verify-full")
        #expect(try PostgresStateURL(parsing: url.revealed) == url)
        let plain = try PostgresStateURL(parsing: "postgres://[::1]/db")
        #expect(plain.user == "postgres" && plain.password == nil && plain.host == "::1" && plain.port == 5432 && plain.tls == .disable)
        #expect(plain.description == "postgres://postgres@[::1]:5432/db")
    }

    @Test(arguments: [
        ("mysql://u:secret@h/db", "must start with postgres:// or postgresql://, not mysql://"),
        ("postgres://u:secret@/db", "names no host"),
        ("postgres://u:secret@host", "names no database"),
        ("postgres://u:secret@host:99999/db", "port 99999"),
        ("postgres://u:secret@host/db?sslmode=maybe", "unknown sslmode maybe"),
        ("postgres://u:secret@host/db?timeout=3", "unknown database URL parameter timeout"),
    ])
    func rejectsWithoutQuotingThePassword(text: String, expected: String) {
        #expect {
            try PostgresStateURL(parsing: text)
        } throws: { error in
            "\(error)".contains(expected) && !"\(error)".contains("secret")
        }
    }

    @Test func aStateValueIsAPathUnlessItIsADatabaseURL() throws {
        #expect(try StateLocation(parsing: "/x/state.db") == .sqlite(path: "/x/state.db"))
        let location = try StateLocation(parsing: "postgres://u:secret@h/db")
        #expect(location.description == "postgres://u:***@h:5432/db" && location.sqlitePath == nil)
    }
}
