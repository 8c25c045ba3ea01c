using Microsoft.Extensions.Logging.Abstractions;

namespace Engage.Host.Edge;

/// <summary>
/// Quartz keeps its logger factory in a process-wide static, set once. When a host is disposed
/// and another starts in the same process (test hosts do), Quartz would keep asking the disposed
/// factory and fail at start-up. This forwarder is installed at every start and points at the newest
/// host's factory; a disposed factory yields a null logger instead of an exception.
/// </summary>
internal sealed class QuartzLogging : ILoggerFactory
{
    private static readonly QuartzLogging Instance = new();
    private volatile ILoggerFactory current = NullLoggerFactory.Instance;

    public static void Use(ILoggerFactory loggerFactory)
    {
        Instance.current = loggerFactory;
        // Quartz's own registration may have put the host's factory there; put the forwarder back.
        Quartz.Logging.LogContext.SetCurrentLogProvider(Instance);
    }

    public ILogger CreateLogger(string categoryName)
    {
        try
        {
            return current.CreateLogger(categoryName);
        }
        catch (ObjectDisposedException)
        {
            return NullLogger.Instance;
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
