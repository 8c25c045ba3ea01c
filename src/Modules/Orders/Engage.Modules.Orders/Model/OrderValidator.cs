using Engage.BuildingBlocks.Codes;
using Engage.BuildingBlocks.Http;
using FluentValidation;
using FluentValidation.Results;

namespace Engage.Modules.Orders.Model;

/// <summary>
/// Every rule of the contract's "Order (input)" table. All failures are reported at once. An order
/// that <see cref="ValidOrderCheck"/> finds breaking no rule is valid without running them one by one.
/// </summary>
internal sealed class OrderValidator : AbstractValidator<Order>
{
    /// <summary>
    /// Valid at once when no rule can fail (whatever rules the context selects, none of them fails);
    /// otherwise every selected rule runs and reports.
    /// </summary>
    public override ValidationResult Validate(ValidationContext<Order> context) =>
        context.InstanceToValidate is { } order && ValidOrderCheck.Passes(order) ? new ValidationResult() : base.Validate(context);

    /// <summary>Every rule, one by one, with no shortcut: what <see cref="ValidOrderCheck"/> is tested against.</summary>
    internal ValidationResult ValidateEveryRule(Order order) => base.Validate(new ValidationContext<Order>(order));

    public OrderValidator()
    {
        RuleFor(x => x.OrderId).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(Rules.IsOrderId).WithMessage(Rules.OrderIdMessage);
        RuleFor(x => x.Contact).NotNull().WithMessage("'{PropertyName}' is required.")
            .ValidateWith(new ContactKeyValidator());
        RuleFor(x => x.Status).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => Enums.Canonical(Enums.OrderStatuses, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.OrderStatuses)}.");
        RuleFor(x => x.ExternalStatus).MaximumLength(100);
        RuleFor(x => x.ExternalStoreId).MaximumLength(100).Must(Rules.IsNotBlank).WithMessage("'{PropertyName}' must not be blank.");
        RuleFor(x => x.Channel).MaximumLength(50);
        RuleFor(x => x.References).Must(r => r!.Count <= 50).When(x => x.References is not null)
            .WithMessage("'{PropertyName}' must have at most 50 entries.");
        RuleForEach(x => x.References).Must(Rules.IsOrderId).WithMessage(Rules.OrderIdMessage);
        RuleFor(x => x.CurrencyCode).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(c => c is not null && IsoCodes.Currencies.Contains(c))
            .WithMessage("'{PropertyName}' must be an ISO 4217 currency code in upper case, e.g. EUR.");
        RuleFor(x => x.CreatedAt).Must(Rules.IsDateTimeWithOffset).WithMessage(Rules.DateTimeMessage);
        RuleFor(x => x.LastChangedAt).Must(Rules.IsDateTimeWithOffset).WithMessage(Rules.DateTimeMessage);
        RuleFor(x => x.TotalPrice).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.LineItems).NotNull().WithMessage("'{PropertyName}' is required.")
            .ValidateWith(new LineItemsValidator());
        RuleFor(x => x.Payments!.Items).NotNull().When(x => x.Payments is not null)
            .WithMessage("'payments.items' is required when 'payments' is given.").OverridePropertyName("Payments.Items");
        RuleForEach(x => x.Payments!.Items).NotNull().WithMessage("A payment must not be null.")
            .ValidateWith(new PaymentValidator()).When(x => x.Payments?.Items is not null).OverridePropertyName("Payments.Items");
        RuleFor(x => x.Fees!.Items).NotNull().When(x => x.Fees is not null)
            .WithMessage("'fees.items' is required when 'fees' is given.").OverridePropertyName("Fees.Items");
        RuleForEach(x => x.Fees!.Items).NotNull().WithMessage("A fee must not be null.")
            .ValidateWith(new FeeValidator()).When(x => x.Fees?.Items is not null).OverridePropertyName("Fees.Items");
        RuleFor(x => x.Discounts!.Items).NotNull().When(x => x.Discounts is not null)
            .WithMessage("'discounts.items' is required when 'discounts' is given.").OverridePropertyName("Discounts.Items");
        RuleForEach(x => x.Discounts!.Items).NotNull().WithMessage("A discount must not be null.")
            .ValidateWith(new DiscountValidator()).When(x => x.Discounts?.Items is not null).OverridePropertyName("Discounts.Items");
        RuleForEach(x => x.Taxes).NotNull().WithMessage("A tax must not be null.").ValidateWith(new TaxValidator());
        RuleFor(x => x.Delivery).ValidateWith(new DeliveryValidator());
        RuleFor(x => x.BillingAddress).ValidateWith(new AddressValidator());
        RuleFor(x => x.ShippingAddress).ValidateWith(new AddressValidator());
        RuleFor(x => x.OrderAction).ValidateWith(new EmbeddedOrderActionValidator());
    }
}

internal sealed class ContactKeyValidator : AbstractValidator<ContactKey>
{
    public ContactKeyValidator()
    {
        RuleFor(x => x.MatchKeyType).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => Enums.Canonical(Enums.MatchKeyTypes, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.MatchKeyTypes)}.");
        RuleFor(x => x.MatchKey).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 256).WithMessage("'{PropertyName}' must be 1–256 characters and not blank.");
        RuleFor(x => x.MatchKey).Must(Rules.IsEmail).WithMessage("'{PropertyName}' must be an email address when matchKeyType is Email.")
            .When(x => Enums.Canonical(Enums.MatchKeyTypes, x.MatchKeyType) == "Email" && x.MatchKey is not null);
        RuleFor(x => x.MatchKey).Must(Rules.IsGuid).WithMessage("'{PropertyName}' must be a GUID when matchKeyType is ContactId.")
            .When(x => Enums.Canonical(Enums.MatchKeyTypes, x.MatchKeyType) == "ContactId" && x.MatchKey is not null);
    }
}

internal sealed class LineItemsValidator : AbstractValidator<LineItems>
{
    public LineItemsValidator()
    {
        RuleFor(x => x.Items).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(items => items is null || items.Count is >= 1 and <= 1000)
            .WithMessage("'{PropertyName}' must have 1–1000 line items.");
        RuleForEach(x => x.Items).NotNull().WithMessage("A line item must not be null.").ValidateWith(new LineItemValidator());
        RuleFor(x => x.SubTotal).Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        // Compared only when every item's total is valid money (each bad one is reported on its item):
        // 1,000 totals below 10^12 cannot overflow a decimal sum, two of 7·10^28 would, and throw.
        RuleFor(x => x.SubTotal)
            .Must((lineItems, subTotal) => subTotal == lineItems.Items!.Sum(i => i!.TotalPrice ?? 0m))
            .When(x => x.SubTotal is not null && x.Items is { Count: > 0 } && x.Items.All(i => i?.TotalPrice is { } total && Rules.IsMoney(total)))
            .WithMessage("'{PropertyName}' must equal the sum of the line items' totalPrice.");
        RuleFor(x => x.Items).Custom((items, context) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if (items![i]?.Id is { } id && !seen.Add(id))
                {
                    context.AddFailure($"Items[{i}].Id", "Line item ids must be unique within the order.");
                }
            }
        });
    }
}

internal sealed class LineItemValidator : AbstractValidator<LineItem>
{
    public LineItemValidator()
    {
        RuleFor(x => x.Id).MaximumLength(100).Must(Rules.IsNotBlank).WithMessage("'{PropertyName}' must not be blank.");
        RuleFor(x => x.Type).Must(v => v is null || Enums.Canonical(Enums.LineItemTypes, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.LineItemTypes)}.");
        RuleFor(x => x.ExternalStatus).MaximumLength(100);
        RuleFor(x => x.Quantity).NotNull().WithMessage("'{PropertyName}' is required.")
            .GreaterThan(0m).WithMessage("'{PropertyName}' must be greater than 0.")
            .Must(Rules.IsMoney).WithMessage("'{PropertyName}' must have at most 4 decimals and be below 10^12.");
        RuleFor(x => x.Article).NotNull().WithMessage("'{PropertyName}' is required.").ValidateWith(new ArticleValidator());
        RuleFor(x => x.PricePerUnit).Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.OriginalPricePerUnit).Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.TotalPrice).NotNull().WithMessage("'{PropertyName}' is required.").Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.OriginalTotalPrice).Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleForEach(x => x.Discounts).NotNull().WithMessage("A discount must not be null.").ValidateWith(new DiscountValidator());
        RuleForEach(x => x.Taxes).NotNull().WithMessage("A tax must not be null.").ValidateWith(new TaxValidator());
        RuleFor(x => x.ReturnDetails).ValidateWith(new ReturnDetailsValidator());
        RuleFor(x => x.Group).MaximumLength(100);
    }
}

internal sealed class ArticleValidator : AbstractValidator<Article>
{
    public ArticleValidator()
    {
        RuleFor(x => x.Sku).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100).WithMessage("'{PropertyName}' must be 1–100 characters and not blank.");
        RuleFor(x => x.Name).MaximumLength(255);
        RuleFor(x => x.Description).MaximumLength(2000);
        RuleFor(x => x.ImageUri).Must(Rules.IsHttpUri).WithMessage(Rules.UriMessage);
        RuleFor(x => x.TargetUri).Must(Rules.IsHttpUri).WithMessage(Rules.UriMessage);
    }
}

internal sealed class ReturnDetailsValidator : AbstractValidator<ReturnDetails>
{
    public ReturnDetailsValidator()
    {
        RuleFor(x => x.Type).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => Enums.Canonical(Enums.ReturnTypes, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.ReturnTypes)}.");
        RuleFor(x => x.Reason).MaximumLength(255);
    }
}

internal sealed class DiscountValidator : AbstractValidator<Discount>
{
    public DiscountValidator()
    {
        RuleFor(x => x.Type).Must(v => v is null || Enums.Canonical(Enums.DiscountTypes, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.DiscountTypes)}.");
        RuleFor(x => x.Description).MaximumLength(255);
        RuleFor(x => x.Amount).NotNull().WithMessage("'{PropertyName}' is required.").Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
    }
}

internal sealed class TaxValidator : AbstractValidator<Tax>
{
    public TaxValidator()
    {
        RuleFor(x => x.Type).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => Enums.Canonical(Enums.TaxTypes, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.TaxTypes)}.");
        RuleFor(x => x.Percentage).InclusiveBetween(0m, 100m).WithMessage("'{PropertyName}' must be between 0 and 100.")
            .Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.Amount).NotNull().WithMessage("'{PropertyName}' is required.").Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.Description).MaximumLength(255);
    }
}

internal sealed class PaymentValidator : AbstractValidator<Payment>
{
    public PaymentValidator()
    {
        RuleFor(x => x.Method).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => Enums.Canonical(Enums.PaymentMethods, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.PaymentMethods)}.");
        RuleFor(x => x.Amount).NotNull().WithMessage("'{PropertyName}' is required.").Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.Reference).MaximumLength(100);
    }
}

internal sealed class FeeValidator : AbstractValidator<Fee>
{
    public FeeValidator()
    {
        RuleFor(x => x.Type).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => Enums.Canonical(Enums.FeeTypes, v) is not null)
            .WithMessage($"'{{PropertyName}}' must be one of {Enums.OneOf(Enums.FeeTypes)}.");
        RuleFor(x => x.Amount).NotNull().WithMessage("'{PropertyName}' is required.").Must(Rules.IsMoney).WithMessage(Rules.MoneyMessage);
        RuleFor(x => x.Description).MaximumLength(255);
        RuleForEach(x => x.Taxes).NotNull().WithMessage("A tax must not be null.").ValidateWith(new TaxValidator());
    }
}

internal sealed class DeliveryValidator : AbstractValidator<Delivery>
{
    public DeliveryValidator()
    {
        RuleFor(x => x.Method).MaximumLength(100);
        RuleFor(x => x.TrackingNumber).MaximumLength(100);
        RuleFor(x => x.TrackingUri).Must(Rules.IsHttpUri).WithMessage(Rules.UriMessage);
        RuleFor(x => x.DeliveryDate).Must(Rules.IsDateTimeWithOffset).WithMessage(Rules.DateTimeMessage);
    }
}

internal sealed class AddressValidator : AbstractValidator<Address>
{
    public AddressValidator()
    {
        RuleFor(x => x.Title).MaximumLength(255);
        RuleFor(x => x.FirstName).MaximumLength(255);
        RuleFor(x => x.LastName).MaximumLength(255);
        RuleFor(x => x.CareOf).MaximumLength(255);
        RuleFor(x => x.Street).MaximumLength(255);
        RuleFor(x => x.ZipCode).MaximumLength(255);
        RuleFor(x => x.City).MaximumLength(255);
        RuleFor(x => x.Region).MaximumLength(255);
        RuleFor(x => x.CountryCode).Must(c => c is null || IsoCodes.IsCountry(c))
            .WithMessage("'{PropertyName}' must be an ISO 3166-1 alpha-2 country code, e.g. SE.");
        RuleFor(x => x.Email).MaximumLength(255).Must(Rules.IsEmail).WithMessage("'{PropertyName}' must be an email address.");
        RuleFor(x => x.MobilePhone).MaximumLength(255);
    }
}

internal sealed class EmbeddedOrderActionValidator : AbstractValidator<EmbeddedOrderAction>
{
    public const int MaxDataBytes = 64 * 1024;

    public EmbeddedOrderActionValidator()
    {
        RuleFor(x => x.Action).NotNull().WithMessage("'{PropertyName}' is required.")
            .Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100).WithMessage("'{PropertyName}' must be 1–100 characters and not blank.");
        RuleFor(x => x.Language).Must(Rules.IsLanguageTag).WithMessage("'{PropertyName}' must be a BCP 47 language tag, e.g. en-US.");
        RuleFor(x => x.Data).Must(d => d is null || System.Text.Encoding.UTF8.GetByteCount(d.Value.GetRawText()) <= MaxDataBytes)
            .WithMessage("'{PropertyName}' must be at most 64 KiB of JSON.");
    }
}
