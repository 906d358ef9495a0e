/// Why a record cannot be synced (becomes its `RejectedRecord`'s reason).
struct RejectionReason: Error {
    var text: String
}
