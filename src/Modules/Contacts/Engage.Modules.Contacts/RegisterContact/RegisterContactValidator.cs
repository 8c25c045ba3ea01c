using Engage.Modules.Contacts.Model;
using FluentValidation;

namespace Engage.Modules.Contacts.RegisterContact;

/// <summary>At least one identifier; an email is an address; a mobile number reduces to E.164; lengths.</summary>
internal sealed class RegisterContactValidator : AbstractValidator<RegisterContactRequest>
{
    private const string NotBlank = "'{PropertyName}' must not be blank.";

    public RegisterContactValidator()
    {
        RuleFor(x => x)
            .Must(x => new[] { x.Email, x.MobilePhone, x.MemberNumber, x.ExternalId, x.SocialSecurityNumber }.Any(v => v is not null))
            .WithMessage("A contact needs at least one identifier: email, mobilePhone, memberNumber, externalId or socialSecurityNumber.")
            .OverridePropertyName("");
        RuleFor(x => x.Email)
            .Must(v => MatchKeys.IsEmail(v!.Trim())).WithMessage("'{PropertyName}' must be an email address of at most 256 characters.")
            .When(x => x.Email is not null);
        RuleFor(x => x.MobilePhone)
            .Must(v => v!.Trim().StartsWith('+')).WithMessage("'{PropertyName}' must start with '+' and the country code, e.g. +46701234567.")
            .Must(v => v!.Length <= 256 && MatchKeys.ToE164(v) is not null)
            .WithMessage("'{PropertyName}' must be an E.164 number: '+' and 8–15 digits (spaces, dashes and parentheses are ignored).")
            .When(x => x.MobilePhone is not null);
        Identifier(x => x.MemberNumber);
        Identifier(x => x.ExternalId);
        Identifier(x => x.SocialSecurityNumber);
        RuleFor(x => x.FirstName).MaximumLength(100);
        RuleFor(x => x.LastName).MaximumLength(100);
    }

    private void Identifier(System.Linq.Expressions.Expression<Func<RegisterContactRequest, string?>> property)
    {
        var value = property.Compile();
        RuleFor(property).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(NotBlank).MaximumLength(256)
            .When(x => value(x) is not null);
    }
}
