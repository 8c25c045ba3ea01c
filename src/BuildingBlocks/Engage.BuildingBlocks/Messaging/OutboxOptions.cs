namespace Engage.BuildingBlocks.Messaging;

/// <summary>Configuration section <c>Engage:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the pump and the Quartz safety-net tick. Tests turn it off and call the processor.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages delivered per transaction.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Failed attempts after which a message is parked.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles with every further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interval of the Quartz safety-net tick (retries that came due, anything missed).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);
}
