/// A mapped value that is not of its field's type: the record is rejected with this reason.
public struct CustomFieldValueError: Error, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var expected: String
    public var description: String { "\"\(value)\" is not \(expected)" }
}
