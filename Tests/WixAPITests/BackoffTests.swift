import Foundation
import Testing
@testable import WixAPI

@Suite("Backoff and Retry-After")
struct BackoffTests {
    let backoff = Backoff(base: .milliseconds(100), maximum: .seconds(2))

    @Test("the ceiling doubles per retry up to the maximum; jitter scales inside it")
    func exponentialCeiling() {
        let ceilings = (1...7).map { backoff.delay(retry: $0, retryAfter: nil, unit: 1) }
        #expect(ceilings == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                             .milliseconds(1600), .seconds(2), .seconds(2)])
        #expect(backoff.delay(retry: 3, retryAfter: nil, unit: 0.5) == .milliseconds(200))
        #expect(backoff.delay(retry: 3, retryAfter: nil, unit: 0) == .zero)
        #expect(backoff.delay(retry: 500, retryAfter: nil, unit: 1) == .seconds(2))
    }

    @Test("Retry-After is a floor, with at most one base of jitter on top")
    func retryAfterIsAFloor() {
        #expect(backoff.delay(retry: 1, retryAfter: .seconds(3), unit: 0) == .seconds(3))
        #expect(backoff.delay(retry: 6, retryAfter: .seconds(3), unit: 1) == .milliseconds(3100))
    }

    @Test("Retry-After parses delta-seconds and HTTP-dates", arguments: [
        ("2", Duration.seconds(2)), ("0", .zero), (" 0.25 ", .milliseconds(250)),
    ])
    func parsesSeconds(header: String, expected: Duration) {
        #expect(Backoff.parseRetryAfter(header) == expected)
    }

    @Test("an HTTP-date Retry-After counts from now; garbage is ignored")
    func parsesDates() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now: now) == .seconds(5))
        #expect(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(Backoff.parseRetryAfter("soon") == nil)
        #expect(Backoff.parseRetryAfter("-3") == nil)
    }
}
