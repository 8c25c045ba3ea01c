namespace Engage.BuildingBlocks.Database;

/// <summary>Configuration section <c>Engage:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// Checkpoint the WAL on a background connection (<see cref="Checkpointer"/>) instead of inside
    /// the commit that crosses SQLite's 1000-page mark, which holds the write lock through the copy and two fsyncs.
    /// </summary>
    public bool BackgroundCheckpoints { get; set; } = true;

    /// <summary>How often the checkpointer copies what was committed since its last pass into the database file.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// WAL length, in pages, past which a pass ends with a short checkpoint under the write gate, so
    /// the next write starts the WAL from its beginning again and it never grows without bound.
    /// </summary>
    public int WalRestartPages { get; set; } = 4000;
}
