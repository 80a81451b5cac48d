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
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _shapingConstructors = new(SymbolEqualityComparer.Default);

    /// <summary>Where an operation is judged: how far calls into the project's own code are followed. Each level
    /// follows less, so the walk ends and every cached verdict is computed the same way.</summary>
    private enum Reach
    {
        /// <summary>The try body: private helpers of the type (one level) and constructors that shape values in memory.</summary>
        TryBody,

        /// <summary>A constructor's body: private helpers of its type (one level), constructors that only assign.</summary>
        Constructor,

        /// <summary>A helper's body: no calls into project code are followed; constructors that only assign.</summary>
        Helper,
    }

    /// <summary>
    /// The try reads reflection metadata at least once, and everything else it does is in memory: reflection readers and
    /// property getters, LINQ, generic collections, strings, <c>Try…</c> methods of the System namespace, lambdas,
    /// <c>typeof</c>, <c>Math</c>, <c>Uri</c>/<c>UriBuilder</c>, construction of the project's own types whose
    /// constructors only shape their arguments this way, and private helpers of the same type that do only these things
    /// (one level). Whatever fails there fails on the program's own metadata, not on anything operational.
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
            if (!IsInMemory(operation, containingType, Reach.TryBody))
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

    private bool IsInMemory(IOperation operation, INamedTypeSymbol containingType, Reach reach)
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
                return property.Arguments.IsEmpty
                       && (IsInMemoryPropertyType(property.Property) || IsOwnMemberStore(property, containingType));
            case IInvocationOperation invocation:
                return IsInMemoryCall(invocation, containingType, reach);
            case IObjectCreationOperation creation:
                return creation.Initializer is null
                       && creation.Constructor is { } constructor
                       && (NamespaceOf(constructor.ContainingType) == "System.Collections.Generic"
                           || IsInMemoryValueType(constructor.ContainingType)
                           || (reach == Reach.TryBody ? ConstructorShapesInMemory(constructor) : ConstructorOnlyAssigns(constructor)));
            // Storing into a local, into the type's own field or auto-property, or into a builder in hand.
            case ISimpleAssignmentOperation or ICompoundAssignmentOperation:
                var assignment = (IAssignmentOperation)operation;
                return (assignment is not ICompoundAssignmentOperation compound || !compound.IsChecked)
                       && (assignment.Target is ILocalReferenceOperation
                           || IsOwnMemberStore(assignment.Target, containingType)
                           || assignment.Target is IPropertyReferenceOperation { Arguments.IsEmpty: true } stored && IsInMemoryValueType(stored.Property.ContainingType));
            default:
                return false;
        }
    }

    private static bool IsInMemoryPropertyType(IPropertySymbol property)
    {
        var type = property.ContainingType;
        var name = SymbolNames.GetFullMetadataName(type);
        return IsReflectionType(type)
               || IsInMemoryValueType(type)
               || NamespaceOf(type) == "System.Collections.Generic"
               || name is "System.String" or "System.StringComparer"
               || (name == "System.Globalization.CultureInfo" && property.Name == "InvariantCulture");
    }

    /// <summary><c>Uri</c>, <c>UriBuilder</c>: values built and read in memory (no I/O; a malformed input fails like a parse).</summary>
    private static bool IsInMemoryValueType(INamedTypeSymbol? type)
        => type is not null && SymbolNames.GetFullMetadataName(type) is "System.Uri" or "System.UriBuilder";

    private bool IsInMemoryCall(IInvocationOperation invocation, INamedTypeSymbol containingType, Reach reach)
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

        if (typeName is "System.Linq.Enumerable" or "System.StringComparer" or "System.Math" || ns == "System.Collections.Generic"
            || (IsInMemoryValueType(type) && method.MethodKind == MethodKind.Ordinary))
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

        return reach != Reach.Helper
               && method.DeclaredAccessibility == Accessibility.Private
               && method.MethodKind == MethodKind.Ordinary
               && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, containingType.OriginalDefinition)
               && _inMemoryHelpers.GetOrAdd(method.OriginalDefinition, helper => HelperIsInMemory(helper, containingType));
    }

    /// <summary>A private helper of the same type whose body does only in-memory work; its own calls to project code are
    /// not followed.</summary>
    private bool HelperIsInMemory(IMethodSymbol helper, INamedTypeSymbol containingType)
        => GetSourceOperation<MethodDeclarationSyntax>(helper) is { } body
           && body.DescendantsAndSelf().All(operation => IsInMemory(operation, containingType, Reach.Helper));

    /// <summary>A constructor of the project's own type that only assigns its parameters to fields and auto-properties,
    /// in a type whose base is <c>object</c>, without a static constructor, and whose member initializers are plain values.</summary>
    private bool ConstructorOnlyAssigns(IMethodSymbol constructor)
        => SymbolEqualityComparer.Default.Equals(constructor.ContainingAssembly, _compilation.Assembly)
           && _assigningConstructors.GetOrAdd(constructor.OriginalDefinition, c => CheckConstructor(c, shapes: false));

    /// <summary>A constructor of the project's own type (with the same conditions on the type as
    /// <see cref="ConstructorOnlyAssigns"/>) whose body shapes its arguments in memory into its own fields and
    /// auto-properties: <c>ShortCommit = commit.Substring(0, Math.Min(10, commit.Length))</c>, a <c>Uri</c> combined
    /// by a private helper. A constructor that validates (throws), calls out or does I/O is not one.</summary>
    private bool ConstructorShapesInMemory(IMethodSymbol constructor)
        => SymbolEqualityComparer.Default.Equals(constructor.ContainingAssembly, _compilation.Assembly)
           && _shapingConstructors.GetOrAdd(constructor.OriginalDefinition, c => CheckConstructor(c, shapes: true));

    private bool CheckConstructor(IMethodSymbol constructor, bool shapes)
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
               && (shapes
                   ? block.DescendantsAndSelf().All(operation => IsInMemory(operation, type, Reach.Constructor))
                   : block.Operations.All(statement =>
                       statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                       && IsOwnMemberStore(assignment.Target, type)
                       && IsPlainValue(assignment.Value)));
    }

    private static IEnumerable<EqualsValueClauseSyntax> InitializersOf(MemberDeclarationSyntax member)
        => member switch
        {
            FieldDeclarationSyntax field when !field.Modifiers.Any(m => m.ValueText == "const") =>
                field.Declaration.Variables.Select(v => v.Initializer).Where(i => i is not null).Select(i => i!),
            PropertyDeclarationSyntax { Initializer: { } initializer } => new[] { initializer },
            _ => Enumerable.Empty<EqualsValueClauseSyntax>(),
        };

    /// <summary><c>this.field</c> or <c>Property</c>, an auto-property of the type itself (stored into or read).</summary>
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
