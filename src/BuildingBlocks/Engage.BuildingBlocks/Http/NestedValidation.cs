using FluentValidation;
using FluentValidation.Validators;

namespace Engage.BuildingBlocks.Http;

/// <summary>
/// <c>ValidateWith(validator)</c> in place of <c>SetValidator(validator)</c> for a nested object or
/// each item of a collection: the nested validator runs as a root of its own and its failures are
/// added under the property's path (<c>LineItems.Items[0]</c> + <c>.Article.Sku</c>), so clients
/// see exactly the paths and messages SetValidator gives.
/// </summary>
/// <remarks>
/// Why: FluentValidation builds a new property chain and path string for every rule it runs inside
/// a child context, failing or not (about 150 bytes a rule). The benchmark order runs about 150
/// rules nested one to three levels deep, so validating it allocated 28 KB, and validation was a
/// quarter of the CPU of accepting an order. A root validation pays that only when a rule fails.
/// </remarks>
public static class NestedValidation
{
    public static IRuleBuilderOptions<T, TProperty?> ValidateWith<T, TProperty>(this IRuleBuilder<T, TProperty?> rule, IValidator<TProperty> validator)
        where TProperty : class =>
        rule.SetValidator(new RootedValidator<T, TProperty>(validator));

    private sealed class RootedValidator<T, TProperty>(IValidator<TProperty> validator) : PropertyValidator<T, TProperty?>
        where TProperty : class
    {
        public override string Name => "NestedValidator";

        public override bool IsValid(ValidationContext<T> context, TProperty? value)
        {
            if (value is null)
            {
                return true; // as SetValidator: a null is for a NotNull rule to report
            }

            var result = validator.Validate(value);
            if (result.IsValid)
            {
                return true;
            }

            var path = context.PropertyPath;
            foreach (var failure in result.Errors)
            {
                failure.PropertyName = string.IsNullOrEmpty(failure.PropertyName) ? path : $"{path}.{failure.PropertyName}";
                context.AddFailure(failure);
            }

            return true; // the nested failures are added above; this rule adds none of its own
        }
    }
}
