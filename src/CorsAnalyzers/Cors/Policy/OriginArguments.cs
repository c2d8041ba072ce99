using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>
    /// The origin values the <c>params string[]</c> argument of <c>WithOrigins(...)</c> or <c>new CorsPolicyBuilder(...)</c>
    /// holds, in order: the elements of an array creation, of a C# 12 collection expression (<c>WithOrigins(["*"])</c>)
    /// with its spreads of known arrays (<c>[.. defaults, "https://a.com"]</c>), or of a local initialized with one of those
    /// and only ever given to WithOrigins or spread.
    /// </summary>
    internal static class OriginArguments
    {
        /// <summary>
        /// <c>OperationKind.CollectionExpression</c> of Roslyn 4.8 and later. The analyzer is compiled against Roslyn 4.5,
        /// whose enum has no name for it (nor an interface for the operation); a newer compiler hands us the operation with
        /// this kind and its elements as <see cref="IOperation.ChildOperations"/>. Roslyn 4.5 never produces it: it does
        /// not parse collection expressions (the argument is then an empty params array next to an error).
        /// </summary>
        public const OperationKind CollectionExpression = (OperationKind)0x7F;

        /// <summary><c>OperationKind.Spread</c> (<c>..values</c> in a collection expression), Roslyn 4.8 and later; its one child is the spread value.</summary>
        public const OperationKind Spread = (OperationKind)0x80;

        private const int MaxLocalDepth = 2;

        /// <summary><c>SyntaxKind.CollectionExpression</c> of Roslyn 4.8 and later (not in 4.5's enum).</summary>
        private const int CollectionExpressionSyntaxKind = 9076;

        /// <summary>
        /// Adds the origin values of <paramref name="argument"/> to <paramref name="elements"/>. True when they are all of
        /// them; false when some are not visible, in which case the visible ones are still added and the lists that are
        /// not (the argument itself when it is computed, e.g. read from configuration, or the unknown spreads of a
        /// collection expression) go to <paramref name="computed"/>.
        /// </summary>
        public static bool TryGetElements(
            IOperation argument,
            CorsSymbols symbols,
            List<IOperation> elements,
            List<IOperation> computed,
            CancellationToken cancellationToken) =>
            Collect(argument, symbols, elements, computed, 0, cancellationToken);

        /// <summary>
        /// Whether other origins are given next to <paramref name="value"/> in the same call: an array or collection
        /// element with siblings, or a spread among other elements.
        /// </summary>
        public static bool HasSiblings(IOperation value)
        {
            var parent = value.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent?.Kind == Spread)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IArrayInitializerOperation initializer => initializer.ElementValues.Length > 1,
                { Kind: CollectionExpression } collection => CountChildren(collection) > 1,
                _ => false,
            };
        }

        private static int CountChildren(IOperation operation)
        {
            var count = 0;
            foreach (var _ in operation.ChildOperations)
            {
                count++;
            }

            return count;
        }

        /// <summary>Whether the value is an element of an array creation or a collection expression (what WithOrigins receives).</summary>
        public static bool IsArrayElement(IOperation value)
        {
            var parent = value.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArrayInitializerOperation || parent?.Kind == CollectionExpression;
        }

        private static bool Collect(
            IOperation? written,
            CorsSymbols symbols,
            List<IOperation> elements,
            List<IOperation> computed,
            int depth,
            CancellationToken cancellationToken)
        {
            var operation = PolicyInterpreter.Unwrap(written);
            switch (operation)
            {
                case null:
                    return false;

                case IArrayCreationOperation { Initializer: { } initializer } creation when IsStringArray(creation.Type):
                    elements.AddRange(initializer.ElementValues);
                    return true;

                case ILocalReferenceOperation local when depth < MaxLocalDepth
                                                          && GetUnchangedArray(local, symbols, cancellationToken) is { } value:
                    // The elements of an array written in place, and the parts of it that are computed.
                    return Collect(value, symbols, elements, computed, depth + 1, cancellationToken);

                default:
                    if (operation.Kind != CollectionExpression || !IsStringArray(operation.Type))
                    {
                        computed.Add(written!);
                        return false;
                    }

                    var complete = true;
                    foreach (var element in operation.ChildOperations)
                    {
                        if (element.Kind == Spread)
                        {
                            if (TryGetSingleChild(element, out var spread))
                            {
                                complete &= Collect(spread, symbols, elements, computed, depth, cancellationToken);
                            }
                            else
                            {
                                computed.Add(element);
                                complete = false;
                            }
                        }
                        else if (element.Type?.SpecialType == SpecialType.System_String)
                        {
                            elements.Add(element);
                        }
                        else
                        {
                            computed.Add(element);
                            complete = false;
                        }
                    }

                    return complete;
            }
        }

        private static bool TryGetSingleChild(IOperation operation, out IOperation? child)
        {
            child = null;
            var count = 0;
            foreach (var current in operation.ChildOperations)
            {
                child = current;
                count++;
            }

            return count == 1;
        }

        private static bool IsStringArray(ITypeSymbol? type) =>
            type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String };

        /// <summary>
        /// The initializer of a local string array (<c>var origins = new[] { ... };</c>, <c>string[] origins = [...];</c>)
        /// declared in the same body and used nowhere but as WithOrigins/CorsPolicyBuilder arguments and spreads: nothing
        /// else can have changed it. Null otherwise.
        /// </summary>
        private static IOperation? GetUnchangedArray(ILocalReferenceOperation reference, CorsSymbols symbols, CancellationToken cancellationToken)
        {
            var local = reference.Local;
            if (local.IsRef
                || !IsStringArray(local.Type)
                || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } written }
                || !(written is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                     || written.IsKind(SyntaxKind.ArrayInitializerExpression)
                     || written.RawKind == CollectionExpressionSyntaxKind))
            {
                // Not an array written in place (a computed one, e.g. read from configuration, is the caller's to name).
                return null;
            }

            IOperation root = reference;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            IOperation? initializer = null;
            foreach (var operation in root.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.Initializer?.Value;
                        if (initializer is null)
                        {
                            return null;
                        }

                        break;
                    case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local) && !IsOriginsRead(other, symbols):
                        return null;
                }
            }

            return initializer;
        }

        /// <summary>The local is read as the origins of WithOrigins / new CorsPolicyBuilder(...) or spread into a collection.</summary>
        private static bool IsOriginsRead(ILocalReferenceOperation reference, CorsSymbols symbols)
        {
            var parent = reference.Parent;
            while (parent is IConversionOperation { IsImplicit: true })
            {
                parent = parent.Parent;
            }

            if (parent?.Kind == Spread)
            {
                return true;
            }

            return parent is IArgumentOperation { Parent: var call }
                   && call switch
                   {
                       IInvocationOperation invocation => invocation.TargetMethod.Name == "WithOrigins" && symbols.IsBuilderMethod(invocation.TargetMethod),
                       IObjectCreationOperation creation => symbols.IsCorsPolicyBuilder(creation.Type),
                       _ => false,
                   };
        }
    }
}
