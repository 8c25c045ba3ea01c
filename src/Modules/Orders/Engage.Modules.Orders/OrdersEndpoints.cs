using Carter;
using Engage.Modules.Orders.GetJobStatus;
using Engage.Modules.Orders.GetOrder;
using Engage.Modules.Orders.RegisterOrder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Orders;

/// <summary>The module's one Carter module: it maps every Orders slice.</summary>
public sealed class OrdersEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("").WithTags("Orders");
        orders.MapRegisterOrder();
        orders.MapGetJobStatus();
        orders.MapGetOrder();
    }
}
