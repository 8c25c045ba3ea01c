using Carter;
using Engage.Modules.Orders.Actions;
using Engage.Modules.Orders.ChangeDelivery;
using Engage.Modules.Orders.ChangeStatus;
using Engage.Modules.Orders.DeleteOrder;
using Engage.Modules.Orders.GetJobStatus;
using Engage.Modules.Orders.ListOrders;
using Engage.Modules.Orders.ReplaceOrder;
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
        orders.MapListOrders();
        orders.MapReplaceOrder();
        orders.MapDeleteOrder();
        orders.MapChangeStatus();
        orders.MapChangeDelivery();
        orders.MapTriggerAction();
        orders.MapListActions();
    }
}
