namespace Engage.BuildingBlocks.Messaging;

/// <summary>Configuration section <c>Engage:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the pump and the Quartz safety-net tick. Tests turn it off and call the processor.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Deliver what a handler publishes in the same batch transaction, right after the message that
    /// caused it, instead of writing it to the outbox and reading it back in a later batch. It commits
    /// (or rolls back) with its cause either way, so nothing can be lost; a delivery that fails is
    /// written to the outbox then and retried from there like any other. Tests that step through the
    /// stages one batch at a time turn it off.
    /// </summary>
    public bool DeliverPublishedInBatch { get; set; } = true;

    /// <summary>Outbox messages delivered per transaction, at most (not counting those delivered in the batch).</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How long one batch may hold the write lock: a batch stops taking further messages after this,
    /// so accepted writes (which need the same lock) never wait for a whole batch.
    /// </summary>
    public TimeSpan BatchTimeBudget { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// When a client's write waits for the lock, a batch commits once it has run this long: the
    /// accept path is served within about this much, and the outbox still gets its share.
    /// </summary>
    public TimeSpan YieldAfter { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// After a batch that gave way to a waiting client write (while the backlog is below
    /// <see cref="BacklogLimit"/>), the pump waits this long before its next batch. The write lock
    /// is not the only thing the stages and the requests share: on a small machine they share the
    /// CPU too, and a burst is accepted fastest when the stages take little of it until the backlog
    /// reaches <see cref="BacklogLimit"/> (which bounds the drain after the burst). Zero: no pause.
    /// </summary>
    public TimeSpan YieldPause { get; set; } = TimeSpan.FromMilliseconds(6);

    /// <summary>
    /// Backpressure: while more messages than this are due, batches no longer yield to the accept
    /// path, so a burst can build at most about this much backlog and the stages never fall far behind.
    /// </summary>
    public int BacklogLimit { get; set; } = 60000;

    /// <summary>Failed attempts after which a message is parked.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles with every further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long inbox records (which handler applied which message) are kept.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Interval of the Quartz safety-net tick (retries that came due, anything missed).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);
}
