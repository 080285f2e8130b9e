import Foundation

/// Values worked out once per key and shared by threads: a lookup under a lock, the
/// work outside it (two threads may both work out a missing value; the first stored
/// stands, and both are the same). Past `limit` entries a value is worked out every time.
public final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private let limit: Int

    public init(limit: Int = .max) {
        self.limit = limit
    }

    public func value(for key: Key, _ make: () -> Value) -> Value {
        lock.lock()
        if let known = values[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if let first = values[key] { return first }
        if values.count < limit { values[key] = made }
        return made
    }
}
