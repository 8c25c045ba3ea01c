using System.Runtime.CompilerServices;

namespace Engage.Tests.Infrastructure;

internal static class StrictSnapshots
{
    /// <summary>
    /// On CI (CI=true) a missing snapshot fails its test instead of being written and passing:
    /// snapshots are reviewed like code and must be committed.
    /// </summary>
    [ModuleInitializer]
    internal static void Enable()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Environment.SetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE", "true");
        }
    }
}
