using System.Reflection;
using System.Text.RegularExpressions;
using Engage.BuildingBlocks.Database;
using Engage.Modules.Catalog;
using Engage.Modules.Contacts;
using Engage.Modules.IntegrationLog;
using Engage.Modules.Orders;
using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace Engage.Tests.Architecture;

/// <summary>
/// Module boundaries, checked on the compiled assemblies (and, for SQL, on the sources): a module
/// sees other modules only through their Contracts, its internals stay internal, and it touches
/// only its own tables.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Dictionary<string, Assembly> Modules = new()
    {
        ["Orders"] = typeof(OrdersModule).Assembly,
        ["Contacts"] = typeof(ContactsModule).Assembly,
        ["Catalog"] = typeof(CatalogModule).Assembly,
        ["IntegrationLog"] = typeof(IntegrationLogModule).Assembly,
    };

    private static readonly Dictionary<string, string> TablePrefixes = new()
    {
        ["Orders"] = "orders_",
        ["Contacts"] = "contacts_",
        ["Catalog"] = "catalog_",
        ["IntegrationLog"] = "integration_log_",
    };

    public static TheoryData<string> ModuleNames() => new(Modules.Keys);

    private static Assembly Contracts(string module) => Assembly.Load($"Engage.Modules.{module}.Contracts");

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_references_no_other_module_implementation(string module)
    {
        var referenced = Modules[module].GetReferencedAssemblies().Select(a => a.Name!).ToHashSet();
        var others = Modules.Keys.Where(m => m != module).Select(m => $"Engage.Modules.{m}");

        Assert.DoesNotContain(others, referenced.Contains);
        Assert.DoesNotContain("Engage.Host", referenced);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_uses_no_type_of_another_module_outside_its_contracts(string module)
    {
        var otherNamespaces = Modules.Keys.Where(m => m != module).Select(m => $"Engage.Modules.{m}.").ToArray();
        var offenders = Types.InAssembly(Modules[module]).GetTypes()
            .SelectMany(type => DependenciesOf(type).Select(dependency => (type, dependency)))
            .Where(pair => otherNamespaces.Any(ns => pair.dependency.StartsWith(ns, StringComparison.Ordinal))
                           && !pair.dependency.Contains(".Contracts.", StringComparison.Ordinal))
            .Select(pair => $"{pair.type.FullName} -> {pair.dependency}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Contracts_reference_only_the_mediator_abstractions(string module)
    {
        var referenced = Contracts(module).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib");

        // The Mediator.Abstractions package ships the assembly that declares INotification.
        Assert.All(referenced, name => Assert.Equal(typeof(INotification).Assembly.GetName().Name, name));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Contracts_hold_only_public_sealed_notification_records(string module)
    {
        var result = Types.InAssembly(Contracts(module))
            .That().AreClasses().And().DoNotHaveNameStartingWith("<")
            .Should().BePublic().And().BeSealed().And().ImplementInterface(typeof(INotification))
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        Assert.All(Contracts(module).GetTypes().Where(t => t.IsClass && !t.Name.StartsWith('<')),
            type => Assert.NotNull(type.GetMethod("<Clone>$")));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Only_the_registration_class_and_the_carter_module_are_public(string module)
    {
        var exported = Modules[module].GetExportedTypes().Select(t => t.Name).OrderBy(n => n).ToArray();

        Assert.Equal(new[] { $"{module}Endpoints", $"{module}Module" }, exported);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Validators_and_handlers_are_named_by_their_role(string module)
    {
        foreach (var type in Modules[module].GetTypes().Where(t => t.IsClass && !t.IsAbstract && !t.Name.StartsWith('<')))
        {
            if (IsClosedOver(type, typeof(AbstractValidator<>)))
            {
                Assert.EndsWith("Validator", type.Name);
            }

            if (type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>)))
            {
                Assert.EndsWith("Handler", type.Name);
                Assert.False(type.IsPublic, $"{type.FullName} must be internal");
            }

            if (type.Name.EndsWith("Endpoint", StringComparison.Ordinal))
            {
                Assert.True(type.IsAbstract && type.IsSealed, $"{type.FullName}: an endpoint is a static class of Map* extensions");
            }
        }
    }

    [Fact]
    public void Building_blocks_know_no_module()
    {
        var referenced = typeof(Db).Assembly.GetReferencedAssemblies().Select(a => a.Name!);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Engage.Modules", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_touches_only_its_own_tables(string module)
    {
        var root = RepositoryRoot();
        var foreignPrefixes = TablePrefixes.Where(p => p.Key != module).Select(p => p.Value).ToArray();
        var pattern = new Regex($@"\b({string.Join('|', foreignPrefixes)})[a-z_]+\b");
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "Modules", module), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(root, f)}: {m.Value}"))
            .ToList();

        Assert.Empty(offenders);
    }

    private static IEnumerable<string> DependenciesOf(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = new List<Type?> { type.BaseType };
        types.AddRange(type.GetInterfaces());
        types.AddRange(type.GetFields(all).Select(f => f.FieldType));
        types.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            types.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                types.Add(info.ReturnType);
            }

            var body = method.GetMethodBody();
            if (body is not null)
            {
                types.AddRange(body.LocalVariables.Select(v => v.LocalType));
            }
        }

        return types.Where(t => t is not null).SelectMany(Flatten).Select(t => t.FullName ?? t.Name).Distinct();
    }

    private static IEnumerable<Type> Flatten(Type? type)
    {
        if (type is null)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return argument;
            }
        }
    }

    private static bool IsClosedOver(Type type, Type openGeneric)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == openGeneric)
            {
                return true;
            }
        }

        return false;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Engage.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Engage.sln not found above the test binaries.");
    }
}
