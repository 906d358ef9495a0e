import Crypto

/// Comparisons whose running time does not depend on where two values first differ.
enum ConstantTime {
    /// Compares two strings in constant time: both are hashed first, so even their lengths leak nothing.
    static func equal(_ left: String, _ right: String) -> Bool {
        equalBytes(Array(SHA256.hash(data: Array(left.utf8))), Array(SHA256.hash(data: Array(right.utf8))))
    }

    /// Compares two byte arrays of equal length in constant time (false for different lengths).
    static func equalBytes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
