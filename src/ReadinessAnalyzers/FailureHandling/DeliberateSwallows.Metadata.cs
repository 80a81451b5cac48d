using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// Pattern 8, second shape: the try only reads the program's own metadata (its version attributes, assembly name)
/// and shapes it in memory — nothing operational can fail, so a fallback value is deliberate.
/// </summary>
internal sealed partial class DeliberateSwallows
{
    /// <summary>Reflection members that run code, load assemblies or read files: not metadata reads.</summary>
    private static readonly HashSet<string> ReflectionMembersThatDoWork = new(StringComparer.Ordinal)
    {
        "GetManifestResourceStream", "GetManifestResourceInfo", "GetManifestResourceNames", "GetFile", "GetFiles",
        "GetSatelliteAssembly", "GetValue", "SetValue", "GetRawConstantValue", "Invoke", "InvokeMember", "CreateInstance",
        "CreateDelegate", "MakeGenericType", "MakeGenericMethod", "GetType", "GetTypeFromHandle", "GetTypeFromProgID",
        "GetTypeFromCLSID", "GetObjectData",
    };

    private static readonly HashSet<string> MetadataReaders = new(StringComparer.Ordinal)
    {
        "GetCustomAttribute", "GetCustomAttributes", "GetCustomAttributesData", "IsDefined", "GetName",
    };

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _inMemoryHelpers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _assigningConstructors = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The try reads reflection metadata at least once, and everything else it does is in memory: reflection readers and
    /// property getters, LINQ, generic collections, strings, <c>Try…</c> methods of the System namespace, lambdas,
    /// <c>typeof</c>, construction of the project's own types whose constructors only assign, and private helpers of
    /// the same type that do only these things (one level).
    /// </summary>
    public bool TryOnlyReadsOwnMetadata(ITryOperation tryOperation, ISymbol containingSymbol)
    {
        if (tryOperation.Body.Operations.IsEmpty || containingSymbol.ContainingType is not { } containingType)
        {
            return false;
        }

        var readsMetadata = false;
        foreach (var operation in tryOperation.Body.DescendantsAndSelf())
        {
            if (!IsInMemory(operation, containingType, followHelpers: true))
            {
                return false;
            }

            readsMetadata |= IsMetadataRead(operation);
        }

        return readsMetadata;
    }

    private static bool IsMetadataRead(IOperation operation)
        => operation switch
        {
            IInvocationOperation invocation => MetadataReaders.Contains(invocation.TargetMethod.Name)
                                               && IsReflectionType(invocation.TargetMethod.ContainingType),
            IPropertyReferenceOperation property => IsReflectionType(property.Property.ContainingType),
            _ => false,
        };

    /// <summary>System.Reflection's types (not its sub-namespaces such as Emit) and <c>System.Type</c>.</summary>
    private static bool IsReflectionType(INamedTypeSymbol? type)
        => type is not null
           && (NamespaceOf(type) == "System.Reflection" || SymbolNames.GetFullMetadataName(type) == "System.Type");

    private static string NamespaceOf(ISymbol symbol) => symbol.ContainingNamespace?.ToDisplayString() ?? string.Empty;

    private bool IsInMemory(IOperation operation, INamedTypeSymbol containingType, bool followHelpers)
    {
        if (CannotFail(operation))
        {
            return true;
        }

        switch (operation)
        {
            case IArgumentOperation or IDeclarationExpressionOperation or ITypeOfOperation or IAnonymousFunctionOperation
                or IDelegateCreationOperation or IMethodBodyOperation or IArrayInitializerOperation
                // value is not null, value is string s: tests of a value in hand.
                or IIsPatternOperation or IConstantPatternOperation or INegatedPatternOperation or ITypePatternOperation
                or IDeclarationPatternOperation or IDiscardPatternOperation:
                return true;
            case IArrayCreationOperation array:
                return array.DimensionSizes.All(size => size.ConstantValue.HasValue);
            case IPropertyReferenceOperation property:
                return property.Arguments.IsEmpty && IsInMemoryPropertyType(property.Property);
            case IInvocationOperation invocation:
                return IsInMemoryCall(invocation, containingType, followHelpers);
            case IObjectCreationOperation creation:
                return creation.Initializer is null
                       && creation.Constructor is { } constructor
                       && (NamespaceOf(constructor.ContainingType) == "System.Collections.Generic" || ConstructorOnlyAssigns(constructor));
            default:
                return false;
        }
    }

    private static bool IsInMemoryPropertyType(IPropertySymbol property)
    {
        var type = property.ContainingType;
        var name = SymbolNames.GetFullMetadataName(type);
        return IsReflectionType(type)
               || NamespaceOf(type) == "System.Collections.Generic"
               || name is "System.String" or "System.StringComparer"
               || (name == "System.Globalization.CultureInfo" && property.Name == "InvariantCulture");
    }

    private bool IsInMemoryCall(IInvocationOperation invocation, INamedTypeSymbol containingType, bool followHelpers)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        var typeName = SymbolNames.GetFullMetadataName(type);
        var ns = NamespaceOf(type);
        if (IsReflectionType(type))
        {
            return !ReflectionMembersThatDoWork.Contains(method.Name)
                   && !method.Name.StartsWith("Load", StringComparison.Ordinal)
                   && (method.Name.StartsWith("Get", StringComparison.Ordinal) || method.Name.StartsWith("Is", StringComparison.Ordinal));
        }

        if (typeName == "System.Linq.Enumerable" || ns == "System.Collections.Generic" || typeName == "System.StringComparer")
        {
            return true;
        }

        if (typeName == "System.String")
        {
            // Format parses its format string: it can fail like a Parse call.
            return method.Name != "Format";
        }

        if (ns == "System" && StartsWithWord(method.Name, "Try") && method.ReturnType.SpecialType == SpecialType.System_Boolean)
        {
            return true;
        }

        return followHelpers
               && method.DeclaredAccessibility == Accessibility.Private
               && method.MethodKind == MethodKind.Ordinary
               && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, containingType.OriginalDefinition)
               && _inMemoryHelpers.GetOrAdd(method.OriginalDefinition, helper => HelperIsInMemory(helper, containingType));
    }

    /// <summary>A private helper of the same type whose body does only in-memory work; its own calls to project code are
    /// not followed.</summary>
    private bool HelperIsInMemory(IMethodSymbol helper, INamedTypeSymbol containingType)
        => GetSourceOperation<MethodDeclarationSyntax>(helper) is { } body
           && body.DescendantsAndSelf().All(operation => IsInMemory(operation, containingType, followHelpers: false));

    /// <summary>A constructor of the project's own type that only assigns its parameters to fields and auto-properties,
    /// in a type whose base is <c>object</c>, without a static constructor, and whose member initializers are plain values.</summary>
    private bool ConstructorOnlyAssigns(IMethodSymbol constructor)
        => SymbolEqualityComparer.Default.Equals(constructor.ContainingAssembly, _compilation.Assembly)
           && _assigningConstructors.GetOrAdd(constructor.OriginalDefinition, CheckConstructorOnlyAssigns);

    private bool CheckConstructorOnlyAssigns(IMethodSymbol constructor)
    {
        var type = constructor.ContainingType;
        if (type.BaseType is { SpecialType: not SpecialType.System_Object } || type.TypeKind != TypeKind.Class
            || type.StaticConstructors.Any(c => !c.IsImplicitlyDeclared))
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration || !_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                return false;
            }

            if (declaration.BaseList?.Types.Any(t => t is PrimaryConstructorBaseTypeSyntax) == true)
            {
                return false;
            }

            var model = SourceOperations.ModelFor(_compilation, declaration.SyntaxTree);
            foreach (var initializer in declaration.Members.SelectMany(InitializersOf))
            {
                var value = model.GetOperation(initializer) switch
                {
                    IFieldInitializerOperation field => field.Value,
                    IPropertyInitializerOperation property => property.Value,
                    _ => null,
                };
                if (value is null || !(IsPlainValue(value) || IsOwnPlainCreation(value, type)))
                {
                    return false;
                }
            }
        }

        // A primary constructor (records, C# 12 classes) declares nothing else; an explicit one only assigns parameters.
        if (constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
        {
            return true;
        }

        return GetSourceOperation<ConstructorDeclarationSyntax>(constructor) is IConstructorBodyOperation body
               && (body.Initializer is null
                   || body.Initializer.DescendantsAndSelf().All(o =>
                       o is IExpressionStatementOperation or IInstanceReferenceOperation
                       || (o is IInvocationOperation { Arguments.IsEmpty: true } call && call.TargetMethod.ContainingType.SpecialType == SpecialType.System_Object)))
               && (body.BlockBody ?? body.ExpressionBody) is { } block
               && block.Operations.All(statement =>
                   statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                   && IsOwnMemberStore(assignment.Target, type)
                   && IsPlainValue(assignment.Value));
    }

    private static IEnumerable<EqualsValueClauseSyntax> InitializersOf(MemberDeclarationSyntax member)
        => member switch
        {
            FieldDeclarationSyntax field when !field.Modifiers.Any(m => m.ValueText == "const") =>
                field.Declaration.Variables.Select(v => v.Initializer).Where(i => i is not null).Select(i => i!),
            PropertyDeclarationSyntax { Initializer: { } initializer } => new[] { initializer },
            _ => Enumerable.Empty<EqualsValueClauseSyntax>(),
        };

    /// <summary><c>this.field = …</c> or <c>Property = …</c> on an auto-property of the type itself.</summary>
    private static bool IsOwnMemberStore(IOperation target, INamedTypeSymbol type)
        => target switch
        {
            IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field => SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, type),
            IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Arguments.IsEmpty: true } property =>
                SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, type)
                && type.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property.Property)),
            _ => false,
        };

    /// <summary>A parameter, constant, <c>default</c>, <c>null</c> or a built-in read-only value, through conversions.</summary>
    private static bool IsPlainValue(IOperation value)
        => value switch
        {
            IConversionOperation conversion => !conversion.IsChecked && IsPlainValue(conversion.Operand),
            IParameterReferenceOperation or ILiteralOperation or IDefaultValueOperation => true,
            // string.Empty, DateTime.MinValue: built-in values, no type initializer of the project runs.
            IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, ContainingType.SpecialType: not SpecialType.None } } => true,
            _ => value.ConstantValue.HasValue,
        };

    /// <summary><c>static readonly T Empty = new(null, "", …)</c>: the type itself built from plain values.</summary>
    private static bool IsOwnPlainCreation(IOperation value, INamedTypeSymbol type)
        => value is IConversionOperation conversion ? IsOwnPlainCreation(conversion.Operand, type)
           : value is IObjectCreationOperation { Initializer: null } creation
             && SymbolEqualityComparer.Default.Equals(creation.Type, type)
             && creation.Arguments.All(argument => IsPlainValue(argument.Value));

    /// <summary>The operation of a method's own source declaration (once per method: the callers cache the verdict).</summary>
    private IOperation? GetSourceOperation<TSyntax>(IMethodSymbol method)
        where TSyntax : SyntaxNode
        => SourceOperations.Of(_compilation, method, syntax => syntax is TSyntax);
}
