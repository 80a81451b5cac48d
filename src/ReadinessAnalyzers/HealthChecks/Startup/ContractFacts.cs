using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>
/// The few facts of a start-up call that only the operations contract needs (see <see cref="HostContract"/>).
/// <see cref="StartupCollector"/> asks for them only when the build requested the contract, on calls it already
/// looks at; each reads constants from the call's own arguments, nothing more.
/// </summary>
internal static class ContractFacts
{
    /// <summary><c>UseUrls("http://*:8080", …)</c> on a host builder, <c>app.Run("http://*:8080")</c>.</summary>
    public static void AddUrls(StartupModel model, IInvocationOperation invocation, IMethodSymbol method, Location location)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && !(method.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
                && argument.Parameter?.Type.SpecialType == SpecialType.System_String
                && StartupCollector.Unwrap(argument.Value).ConstantValue is not { HasValue: true, Value: string })
            {
                model.ListenNotConstant = true;
            }
            else if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value.DescendantsAndSelf().Any(o => o.Type?.SpecialType == SpecialType.System_String && o.ConstantValue is not { HasValue: true } && o is not IArrayInitializerOperation))
            {
                model.ListenNotConstant = true;
            }
        }

        foreach (var text in ConstantStrings(invocation, method))
        {
            foreach (var url in text.Split(';'))
            {
                if (url.Trim().Length > 0)
                {
                    model.ListenAddresses.Enqueue(new ListenAddress(url.Trim(), method.Name, location));
                }
            }
        }
    }

    /// <summary>Kestrel's <c>ListenAnyIP(8080)</c>, <c>ListenLocalhost(5000)</c>, <c>Listen(IPAddress.Any, 8080)</c>,
    /// <c>ListenUnixSocket("/tmp/app.sock")</c>; <c>https</c> when its configuration calls <c>UseHttps</c>.</summary>
    public static void AddKestrelListen(StartupModel model, IInvocationOperation invocation, IMethodSymbol method, Location location)
    {
        string? host = method.Name switch
        {
            "ListenAnyIP" => "*",
            "ListenLocalhost" => "localhost",
            "Listen" => "?",
            _ => null,
        };
        string? port = null;
        string? path = null;
        var https = false;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            var value = StartupCollector.Unwrap(argument.Value);
            if (value.ConstantValue is { HasValue: true, Value: int number })
            {
                port = number.ToString(CultureInfo.InvariantCulture);
            }
            else if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                path = text;
            }
            else if (value is IFieldReferenceOperation { Field.ContainingType.Name: "IPAddress" } field)
            {
                host = field.Field.Name switch
                {
                    "Any" => "0.0.0.0",
                    "IPv6Any" => "[::]",
                    "Loopback" => "127.0.0.1",
                    "IPv6Loopback" => "[::1]",
                    _ => host,
                };
            }
            else if (value.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i => i.TargetMethod.Name == "UseHttps"))
            {
                https = true;
            }
        }

        string address;
        if (host is not null)
        {
            address = (https ? "https://" : "http://") + host + ":" + (port ?? "?");
        }
        else if (path is not null)
        {
            address = (method.Name == "ListenUnixSocket" ? "unix:" : method.Name == "ListenNamedPipe" ? "pipe:" : string.Empty) + path;
        }
        else
        {
            return;
        }

        model.ListenAddresses.Enqueue(new ListenAddress(address, method.Name, location));
    }

    /// <summary>The <c>name</c> and <c>tags</c> arguments of a health-check registration (<c>AddCheck("db", …, tags: ["ready"])</c>).</summary>
    public static HealthCheckFacts HealthCheck(IInvocationOperation invocation, IMethodSymbol method)
    {
        string? name = null;
        var tags = ImmutableArray.CreateBuilder<string>();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.Name == "name" && StartupCollector.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string text })
            {
                name = text;
            }
            else if (parameter.Name == "tags")
            {
                tags.AddRange(Strings(argument.Value));
            }
        }

        if (name is null && method.Name == "AddDbContextCheck" && method.TypeArguments.Length == 1)
        {
            // The framework names the check after the context type.
            name = method.TypeArguments[0].Name;
        }

        return new HealthCheckFacts(name, tags.ToImmutable());
    }

    /// <summary>What a <c>Predicate</c> selects: <c>_ =&gt; false</c> none, <c>r =&gt; r.Tags.Contains("ready")</c> tags,
    /// <c>r =&gt; r.Name == "db"</c> names.</summary>
    public static (string Selection, ImmutableArray<string> Selected) Selection(IOperation predicate)
    {
        var value = StartupCollector.Unwrap(predicate);
        if (value is IDelegateCreationOperation creation)
        {
            value = creation.Target;
        }

        if (value is not IAnonymousFunctionOperation lambda)
        {
            return ("predicate", ImmutableArray<string>.Empty);
        }

        var returnCount = 0;
        IOperation? returned = null;
        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returnedValue })
            {
                returnCount++;
                returned = returnedValue;
            }
        }

        if (returnCount == 1 && returned!.ConstantValue is { HasValue: true, Value: bool constant })
        {
            return (constant ? "all" : "none", ImmutableArray<string>.Empty);
        }

        var tags = new List<string>();
        var names = new List<string>();
        foreach (var operation in lambda.Body.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Contains" } contains when ReadsProperty(contains.Instance, "Tags") || AnyArgumentReads(contains, "Tags"):
                    // Loops, not LINQ: a query over Optional<object> (a value type) is compiled just in time in every
                    // compiler process.
                    foreach (var argument in contains.Arguments)
                    {
                        if (StartupCollector.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string tag })
                        {
                            tags.Add(tag);
                        }
                    }

                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    if (ReadsProperty(equals.LeftOperand, "Name") && equals.RightOperand.ConstantValue is { HasValue: true, Value: string right })
                    {
                        names.Add(right);
                    }
                    else if (ReadsProperty(equals.RightOperand, "Name") && equals.LeftOperand.ConstantValue is { HasValue: true, Value: string left })
                    {
                        names.Add(left);
                    }

                    break;
            }
        }

        return tags.Count > 0 && names.Count == 0 ? ("tags", tags.Distinct(StringComparer.Ordinal).ToImmutableArray())
            : names.Count > 0 && tags.Count == 0 ? ("names", names.Distinct(StringComparer.Ordinal).ToImmutableArray())
            : ("predicate", ImmutableArray<string>.Empty);
    }

    /// <summary><c>RequireHost("*:8081")</c>, <c>RequireAuthorization("ops")</c> as the contract shows them.</summary>
    public static string Restriction(IInvocationOperation chained)
    {
        var arguments = ConstantStrings(chained, chained.TargetMethod).ToList();
        return arguments.Count == 0 ? chained.TargetMethod.Name : chained.TargetMethod.Name + "(" + string.Join(", ", arguments) + ")";
    }

    private static bool AnyArgumentReads(IInvocationOperation invocation, string propertyName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (ReadsProperty(argument.Value, propertyName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsProperty(IOperation? operation, string name)
        => operation is not null && StartupCollector.Unwrap(operation) is IPropertyReferenceOperation property && property.Property.Name == name;

    /// <summary>The constant strings among a call's arguments (a <c>params</c> array's elements included), the extended receiver excluded.</summary>
    private static IEnumerable<string> ConstantStrings(IInvocationOperation invocation, IMethodSymbol method)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || (method.IsExtensionMethod && argument.Parameter?.Ordinal == 0))
            {
                continue;
            }

            foreach (var text in Strings(argument.Value))
            {
                yield return text;
            }
        }
    }

    /// <summary>The outermost constant strings in a value: the value itself, or the elements of an array or a
    /// collection expression (literals, constants, <c>nameof</c>).</summary>
    private static IEnumerable<string> Strings(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation.ConstantValue is { HasValue: true, Value: string text } && operation.Parent?.ConstantValue is not { HasValue: true, Value: string })
            {
                yield return text;
            }
        }
    }
}
