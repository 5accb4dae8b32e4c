import Foundation

/// Assembles a producer's batches on a thread of its own, ahead of the simulation, which takes them in order.
///
/// The batches are exactly those `BatchAssembler` gives on the simulation's thread (it depends on nothing the
/// simulation changes), so results do not depend on timing. Batches travel in chunks of many, so the two
/// threads meet rarely; at most `maxChunksAhead` chunks wait, which bounds memory.
final class ProducerPipeline: @unchecked Sendable {
    private struct Chunk {
        var records: [UserRecord] = []
        /// Per batch: one past its last record in `records`, its send time and bytes.
        var batches: [(end: Int, sendNanoseconds: Int64, bytes: Int64)] = []
        /// No batches follow this chunk.
        var isLast = false
    }

    static let maxBatchesPerChunk = 512
    static let maxRecordsPerChunk = 65_536
    static let maxChunksAhead = 4

    private let condition = NSCondition()
    // Shared between the threads, under `condition`.
    private var ready: [Chunk] = []
    private var isStopped = false
    // The simulation's side only.
    private var current = Chunk()
    private var batchIndex = 0
    private var recordStart = 0
    private var isExhausted = false

    init(assembler: BatchAssembler) {
        current.isLast = false
        let thread = Thread { [self] in self.produce(assembler) }
        thread.name = "shardsim-producer"
        thread.start()
    }

    /// Runs on the pipeline's thread until the producer has no more records or the run stops.
    private func produce(_ assembler: BatchAssembler) {
        var assembler = assembler
        var previousSend: Int64 = 0
        while true {
            var chunk = Chunk()
            chunk.records.reserveCapacity(Self.maxRecordsPerChunk + 1_000)
            while chunk.batches.count < Self.maxBatchesPerChunk && chunk.records.count < Self.maxRecordsPerChunk {
                guard
                    let batch = assembler.assemble(
                        into: &chunk.records, batchStart: chunk.records.count,
                        previousSendNanoseconds: previousSend)
                else {
                    chunk.isLast = true
                    break
                }
                previousSend = batch.sendNanoseconds
                chunk.batches.append((chunk.records.count, batch.sendNanoseconds, batch.bytes))
            }
            let isLast = chunk.isLast
            condition.lock()
            while ready.count >= Self.maxChunksAhead && !isStopped { condition.wait() }
            if isStopped {
                condition.unlock()
                return
            }
            ready.append(chunk)
            condition.signal()
            condition.unlock()
            if isLast { return }
        }
    }

    /// Appends the next batch's records to `records`; nil when the producer has no more.
    func nextBatch(into records: inout [UserRecord]) -> (sendNanoseconds: Int64, bytes: Int64)? {
        // Each pass either returns a batch or takes the next chunk; bounded by the chunks the producer makes.
        while batchIndex >= current.batches.count {
            if isExhausted || current.isLast {
                isExhausted = true
                return nil
            }
            condition.lock()
            while ready.isEmpty { condition.wait() }
            current = ready.removeFirst()
            condition.signal()
            condition.unlock()
            batchIndex = 0
            recordStart = 0
        }
        let batch = current.batches[batchIndex]
        records.append(contentsOf: current.records[recordStart..<batch.end])
        recordStart = batch.end
        batchIndex += 1
        return (batch.sendNanoseconds, batch.bytes)
    }

    /// Lets the pipeline's thread finish (call once the run no longer needs batches).
    func stop() {
        condition.lock()
        isStopped = true
        condition.broadcast()
        condition.unlock()
    }
}
