/// Runs `work(i)` for every `i` in `0..<count` on at most `width` child tasks at once, handing
/// each result to `receive` on the calling task as it arrives (completion order, not index order).
///
/// Every long run spreads its items this way, so they all stop the same way: when the calling task
/// is cancelled, or `receive` returns `false`, no further item is started; the items already
/// running finish (a model fit does not check for cancellation) and their results are dropped.
///
/// - Parameters:
///   - count: The number of items.
///   - width: The most items running at once; values below 1 count as 1.
///   - work: The item's work, run on a child task; it inherits the caller's cancellation.
///   - receive: Called on the calling task with each item's index and result; return `false` to
///     start no further item (e.g. after a failure that ends the run).
/// - Returns: `true` when every item ran and was received; `false` when cancellation or
///   `receive` stopped the work first.
/// - Complexity: `count` calls of `work`, `width` at a time.
package func forEachConcurrently<Output: Sendable>(
    _ count: Int, width: Int, _ work: @escaping @Sendable (Int) async -> Output,
    receive: (Int, Output) -> Bool
) async -> Bool {
    guard count > 0 else { return true }
    if Task.isCancelled { return false }
    return await withTaskGroup(of: (Int, Output).self) { group in
        var next = 0, received = 0
        func startNext() {
            let index = next
            group.addTask { (index, await work(index)) }
            next += 1
        }
        while next < Swift.min(Swift.max(1, width), count) { startNext() }
        while let (index, output) = await group.next() {
            guard receive(index, output) else { break }
            received += 1
            if next < count {
                if Task.isCancelled { break }
                startNext()
            }
        }
        group.cancelAll()
        return received == count
    }
}
