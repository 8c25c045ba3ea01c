using Quartz;

namespace Engage.BuildingBlocks;

public static class RecurringJobs
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> under <paramref name="key"/>: it runs first
    /// <paramref name="firstRunAfter"/> after start-up, then every <paramref name="interval"/>.
    /// </summary>
    public static void AddRecurringJob<TJob>(this IServiceCollectionQuartzConfigurator quartz, JobKey key, TimeSpan firstRunAfter, TimeSpan interval)
        where TJob : IJob
    {
        quartz.AddJob<TJob>(key);
        quartz.AddTrigger(trigger => trigger
            .ForJob(key)
            .StartAt(DateBuilder.FutureDate((int)firstRunAfter.TotalMilliseconds, IntervalUnit.Millisecond))
            .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()));
    }
}
