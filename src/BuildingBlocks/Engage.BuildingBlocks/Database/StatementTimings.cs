using System.Collections.Concurrent;
using System.Diagnostics;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// Where the writer's SQL time goes, statement by statement: while
/// <see cref="PreparedStatements.Timings"/> is set (the benchmarks' StageBench <c>--statements</c>),
/// every statement run through <see cref="PreparedStatements"/> adds its time, from binding to the
/// end of its rows, under its SQL text, and the write transactions add their commits. The service
/// never sets it, so it costs a read of a null field per statement.
/// </summary>
public sealed class StatementTimings
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Adds the time since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) to <paramref name="name"/>.</summary>
    public void Add(string name, long started)
    {
        var entry = entries.GetOrAdd(name, static _ => new Entry());
        Interlocked.Add(ref entry.Ticks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref entry.Count);
    }

    /// <summary>Each statement's total time and how often it ran, most time first.</summary>
    public IReadOnlyList<(string Name, TimeSpan Total, long Count)> Snapshot() =>
        entries
            .Select(pair => (pair.Key, Stopwatch.GetElapsedTime(0, Volatile.Read(ref pair.Value.Ticks)), Volatile.Read(ref pair.Value.Count)))
            .OrderByDescending(row => row.Item2)
            .ToList();

    private sealed class Entry
    {
        public long Ticks;
        public long Count;
    }
}
