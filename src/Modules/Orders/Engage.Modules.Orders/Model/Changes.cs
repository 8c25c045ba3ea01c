using System.Text.Json;
using Engage.BuildingBlocks.Http;
using FluentValidation;

namespace Engage.Modules.Orders.Model;

/// <summary>Body of <c>POST /api/v3/orders/{orderId}/change-status</c>.</summary>
internal sealed class ChangeStatusRequest
{
    public string? Status { get; set; }

    public string? ExternalStatus { get; set; }

    public EmbeddedOrderAction? OrderAction { get; set; }
}

/// <summary>Body of <c>POST /api/v3/orders/{orderId}/change-delivery</c>.</summary>
internal sealed class ChangeDeliveryRequest
{
    public Delivery? Delivery { get; set; }

    public EmbeddedOrderAction? OrderAction { get; set; }
}

/// <summary>Body of <c>POST /api/v3/orders/{orderId}/action</c>.</summary>
internal sealed class TriggerActionRequest
{
    public string? Action { get; set; }

    public string? VersionTag { get; set; }

    public string? Language { get; set; }

    public JsonElement? Data { get; set; }
}

internal sealed class ChangeStatusValidator : AbstractValidator<ChangeStatusRequest>
{
    public ChangeStatusValidator()
    {
        RuleFor(x => x.Status).Must(v => v is null || Enums.Canonical(Enums.OrderStatuses, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.OrderStatuses)}.");
        RuleFor(x => x.ExternalStatus).MaximumLength(100);
        RuleFor(x => x).Must(x => x.Status is not null || x.ExternalStatus is not null)
            .WithName("status").OverridePropertyName("status")
            .WithMessage("At least one of 'status' and 'externalStatus' is required.");
        RuleFor(x => x.OrderAction).ValidateWith(new EmbeddedOrderActionValidator());
    }
}

internal sealed class ChangeDeliveryValidator : AbstractValidator<ChangeDeliveryRequest>
{
    public ChangeDeliveryValidator()
    {
        RuleFor(x => x.Delivery).NotNull().WithMessage("'{PropertyName}' is required.").ValidateWith(new DeliveryValidator());
        RuleFor(x => x.OrderAction).ValidateWith(new EmbeddedOrderActionValidator());
    }
}

internal sealed class TriggerActionValidator : AbstractValidator<TriggerActionRequest>
{
    public TriggerActionValidator()
    {
        RuleFor(x => x.Action).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100).WithMessage("'{PropertyName}' must be 1–100 characters and not blank.");
        RuleFor(x => x.VersionTag).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100).WithMessage("'{PropertyName}' must be 1–100 characters and not blank.");
        RuleFor(x => x.Language).Must(Rules.IsLanguageTag).WithMessage("'{PropertyName}' must be a BCP 47 language tag, e.g. en-US.");
        RuleFor(x => x.Data).Must(d => d is null || System.Text.Encoding.UTF8.GetByteCount(d.Value.GetRawText()) <= EmbeddedOrderActionValidator.MaxDataBytes)
            .WithMessage("'{PropertyName}' must be at most 64 KiB of JSON.");
    }
}
