namespace Engage.BuildingBlocks.Database;

/// <summary>Configuration section <c>Engage:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// Checkpoint the WAL on a background connection (<see cref="Checkpointer"/>) instead of inside
    /// the commit that crosses SQLite's 1000-page mark, which holds the write lock through the copy
    /// and two fsyncs. On by default: it takes about 100 µs of writer time off every order under
    /// load, about 10 % more orders accepted in a burst, and in the benchmark's sequence (a burst,
    /// its drain, then 300 orders/s) the POST → job-done p99 is as low as without it or lower
    /// (bench/HISTORY.md). <c>false</c> checkpoints in the writer, as SQLite does by default.
    /// </summary>
    public bool BackgroundCheckpoints { get; set; } = true;

    /// <summary>How often the checkpointer copies what was committed since its last pass into the database file.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// WAL length, in pages, past which a pass ends with a short checkpoint under the write gate, so
    /// the next write starts the WAL from its beginning again and it never grows without bound.
    /// </summary>
    public int WalRestartPages { get; set; } = 4000;

    /// <summary>
    /// The page size of a database file this service creates (an existing file keeps its own);
    /// SQLite's 4 KiB by default. 8 KiB suits a write-heavy service with orders of about 2 KB: one
    /// of them takes a whole 4 KiB page (two do not fit) but a third of an 8 KiB one, and every page
    /// written costs the writer and the checkpointer system calls. Measured (bench/HISTORY.md): bursts
    /// 7.2k / 7.1k / 7.7k against 6.5k / 6.8k / 6.6k orders/s with shorter drains, but reads of random
    /// orders at full speed with 1,000,000 stored fell from about 20,000 to 13,000 per second.
    /// </summary>
    public int PageSize { get; set; } = 4096;
}
