using System.Collections.Concurrent;
using Engage.BuildingBlocks;

namespace Engage.Tests.BuildingBlocks;

/// <summary>The ids of jobs, messages, actions and log entries: UUIDv7, unique, with their creation time first.</summary>
public sealed class IdsTests
{
    [Fact]
    public void An_id_is_a_UUIDv7_that_starts_with_its_creation_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Ids.NewVersion7();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var hex = id.ToString("N");
        Assert.Equal(7, id.Version);
        Assert.Contains(hex[16], "89ab"); // the RFC 9562 variant
        Assert.InRange(Convert.ToInt64(hex[..12], 16), before, after);
    }

    [Fact]
    public void Ids_of_a_later_millisecond_sort_after_earlier_ones()
    {
        var first = Ids.NewVersion7().ToString("N");
        Thread.Sleep(5);
        var later = Ids.NewVersion7().ToString("N");

        Assert.True(string.CompareOrdinal(first, later) < 0, $"{first} should sort before {later}");
    }

    [Fact]
    public void Ids_never_repeat_and_every_random_bit_varies_across_threads()
    {
        var ids = new ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 25_000; i++)
            {
                ids.Add(Ids.NewVersion7());
            }
        });

        Assert.Equal(200_000, ids.Distinct().Count());
        // The 74 random bits (all but the time, version and variant) each take both values.
        Span<byte> bytes = stackalloc byte[16];
        var ones = new int[128];
        foreach (var id in ids)
        {
            id.TryWriteBytes(bytes, bigEndian: true, out _);
            for (var bit = 0; bit < 128; bit++)
            {
                ones[bit] += (bytes[bit / 8] >> (7 - (bit % 8))) & 1;
            }
        }

        var random = Enumerable.Range(48, 80).Where(bit => bit is not (>= 48 and < 52) and not (64 or 65));
        Assert.All(random, bit => Assert.InRange(ones[bit], 90_000, 110_000));
    }

    [Fact]
    public void Random_bytes_are_handed_out_once_and_at_most_a_buffer_at_a_time()
    {
        var first = new byte[600];
        var second = new byte[600];
        Ids.FillRandom(first);
        Ids.FillRandom(second); // past the end of the buffer: it is refilled

        Assert.False(first.AsSpan().SequenceEqual(second));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ids.FillRandom(new byte[1025]));
    }
}
