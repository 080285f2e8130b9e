import Foundation

/// A thread that can be waited for. Foundation's `Thread` cannot be joined, and a stage
/// that calls a caller's non-escaping closure (lent with `withoutActuallyEscaping`) must
/// have let go of it before the call that lent it returns: the thread's block holds only
/// a raw pointer to the body, which is released before `join` is signalled.
final class JoinableThread: @unchecked Sendable {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private let done = DispatchSemaphore(value: 0)

    init(stackSize: Int = 1 << 20, _ run: @escaping () -> Void) {
        let context = UInt(bitPattern: Unmanaged.passRetained(Body(run)).toOpaque())
        let done = done
        let thread = Thread {
            do {
                let body = Unmanaged<Body>.fromOpaque(UnsafeRawPointer(bitPattern: context)!).takeRetainedValue()
                body.run()
            }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Waits for the thread's body to end.
    func join() { done.wait() }
}
