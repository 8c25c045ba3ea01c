using Engage.BuildingBlocks.Http;
using Engage.Modules.Contacts.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engage.Modules.Contacts.RegisterContact;

internal static class RegisterContactEndpoint
{
    public static void MapRegisterContact(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v3/contacts", HandleAsync)
            .WithName("RegisterContact")
            .WithSummary("Register a contact")
            .WithDescription("Creates a contact with a server-assigned contactId. Orders waiting for a contact with one of its identifiers are connected to it.")
            .Accepts<RegisterContactRequest>("application/json")
            .Produces<Contact>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> HandleAsync(HttpContext http, RegisterContactHandler handler)
    {
        var body = await JsonBody.ReadAsync(http.Request, ContactsJsonContext.Api.RegisterContactRequest, JsonBody.DefaultLimit);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        return await handler.HandleAsync(http, body.Value!);
    }
}
