namespace Engage.Modules.Orders.Model;

/// <summary>The enum vocabularies of the contract. Input is matched case-insensitively; output uses these spellings.</summary>
internal static class Enums
{
    public static readonly string[] MatchKeyTypes = ["Email", "MobilePhone", "MemberNumber", "ExternalId", "SocialSecurityNumber", "ContactId"];
    public static readonly string[] OrderStatuses = ["InProgress", "Completed", "Cancelled"];
    public static readonly string[] LineItemTypes = ["Purchase", "Return"];
    public static readonly string[] ReturnTypes = ["Normal", "Complaint", "Change"];
    public static readonly string[] PaymentMethods = ["Card", "CreditCard", "DebitCard", "Cash", "Invoice", "Swish", "Klarna", "PayPal", "GiftCard", "Voucher", "BankTransfer", "MobilePayment", "Other"];
    public static readonly string[] FeeTypes = ["Shipping", "Administration", "Handling", "Packaging", "Other"];
    public static readonly string[] DiscountTypes = ["Campaign", "Coupon", "Loyalty", "Employee", "Manual", "Other"];
    public static readonly string[] TaxTypes = ["Vat", "SalesTax", "Other"];

    /// <summary>The canonical spelling of <paramref name="value"/>, or null when it is not one of <paramref name="names"/>.</summary>
    public static string? Canonical(string[] names, string? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }

    public static string OneOf(string[] names) => string.Join(", ", names);
}
