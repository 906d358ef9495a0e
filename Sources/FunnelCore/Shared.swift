/// An immutable value on the heap, shared by every copy; a write makes a new box (copy-on-write).
/// For values that many plan objects repeat unchanged: a lead's contact and provenance are held by
/// the lead, its steps and its binding, and inline each held its own copy — at a million records,
/// hundreds of MB of the planner's peak (issue #15, BENCHMARKS.md). Such values are written while
/// they are built, then only read.
struct Shared<Value: Sendable & Hashable>: Sendable, Hashable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        get { box.value }
        set { box = Box(newValue) }
    }

    static func == (lhs: Shared, rhs: Shared) -> Bool { lhs.box === rhs.box || lhs.box.value == rhs.box.value }

    func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}
