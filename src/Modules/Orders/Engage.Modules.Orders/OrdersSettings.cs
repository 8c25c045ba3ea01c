using Engage.BuildingBlocks.Http;

namespace Engage.Modules.Orders;

/// <summary>Configuration section <c>Engage:Orders</c>.</summary>
internal sealed class OrdersSettings
{
    /// <summary>Largest accepted request body; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = JsonBody.DefaultLimit;

    /// <summary>How long completed jobs are kept.</summary>
    public TimeSpan JobRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
