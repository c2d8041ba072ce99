using CorsAnalyzers.Cors;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="CorsDeclarationIndex"/>: which declarations carry CORS metadata attributes (each once, whatever the
/// namespace, nesting or partial declarations) and whether the compilation has its own ICorsPolicyProvider.
/// </summary>
public class CorsDeclarationIndexTests
{
    private const string Controllers = """
        using System;
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Cors.Infrastructure;

        namespace Contoso.Api
        {
            [EnableCors("Frontend")]
            public class OrdersController
            {
                public void List() { }

                [DisableCors]
                public void Delete(int id) { }

                [Obsolete]
                public void Delete(string id) { }

                [Obsolete]
                public void Archive() { }
            }

            [Obsolete]
            public class ObsoleteController
            {
                [Tenant]
                public void Get() { }
            }

            public class Generic<T>
            {
                [EnableCors("Generic")]
                public void Get() { }
            }

            public static class Area
            {
                public static class Inner
                {
                    [EnableCors("Nested")]
                    public sealed record NestedController;
                }
            }

            public partial class ReportsController
            {
                [EnableCors("Partial")]
                public partial void Get();

                [Obsolete]
                public partial void Get() { }
            }

            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
            public sealed class TenantAttribute : Attribute, ICorsMetadata
            {
            }

            public class Local
            {
                public void M()
                {
                    [EnableCors("LocalFunction")]
                    static void Handler() { }
                }
            }
        }
        """;

    private const string MoreControllers = """
        namespace Contoso.More;

        public partial class SplitController
        {
        }

        [Microsoft.AspNetCore.Cors.EnableCors("Split")]
        public partial class SplitController
        {
        }
        """;

    [Fact]
    public void MetadataCarriers_AreTheAttributedClassesAndMethods_OnceEach()
    {
        var index = CreateIndex(Controllers, MoreControllers);

        var carriers = index.GetMetadataCarriers(CancellationToken.None);

        Assert.Equal(
            new[]
            {
                "Contoso.Api.OrdersController",
                "Contoso.Api.OrdersController.Delete(int)",
                "Contoso.Api.ObsoleteController.Get()",
                "Contoso.Api.Generic<T>.Get()",
                "Contoso.Api.Area.Inner.NestedController",
                "Contoso.Api.ReportsController.Get()",
                "Contoso.More.SplitController",
            }.Order(StringComparer.Ordinal),
            carriers.Select(symbol => symbol.ToDisplayString()).Order(StringComparer.Ordinal));
        var partial = Assert.IsAssignableFrom<IMethodSymbol>(Assert.Single(carriers, symbol => symbol.ToDisplayString() == "Contoso.Api.ReportsController.Get()"));
        Assert.Null(partial.PartialDefinitionPart);
    }

    [Fact]
    public void MetadataCarriers_WithoutCorsAttributes_AreEmpty()
    {
        var index = CreateIndex("""
            [System.Obsolete]
            public class Plain
            {
                [System.Obsolete] public void M() { }
            }
            """);

        Assert.Empty(index.GetMetadataCarriers(CancellationToken.None));
        Assert.False(index.HasCustomPolicyProvider(CancellationToken.None));
    }

    [Fact]
    public void HasMetadataCarriers_IsTrue_AndTheFullListIsStillWalkedAfterIt()
    {
        var index = CreateIndex(Controllers, MoreControllers);

        Assert.True(index.HasMetadataCarriers(CancellationToken.None));
        Assert.True(index.HasMetadataCarriers(CancellationToken.None));
        // The existence walk may stop at the first carrier: it keeps no list, and the full one is still complete.
        Assert.Equal(7, index.GetMetadataCarriers(CancellationToken.None).Length);
        Assert.True(index.HasMetadataCarriers(CancellationToken.None));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("class P : ICorsPolicyProvider { public Task<CorsPolicy?> GetPolicyAsync(HttpContext c, string? n) => null!; }", true)]
    public void HasMetadataCarriers_WithoutCarriers_IsFalse_AndIsTheFullResult(string provider, bool hasProvider)
    {
        // A walk that finds no carrier has seen every declaration: it answers for the full walk, provider included.
        var index = CreateIndex($$"""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Http;

            [System.Obsolete]
            public class Plain
            {
                [System.Obsolete] public void M() { }
            }

            {{provider}}
            """);

        Assert.False(index.HasMetadataCarriers(CancellationToken.None));
        Assert.Empty(index.GetMetadataCarriers(CancellationToken.None));
        Assert.Equal(hasProvider, index.HasCustomPolicyProvider(CancellationToken.None));
    }

    [Fact]
    public void HasMetadataCarriers_FindsACarrierDeclaredOnlyOnAMethodOfANestedType()
    {
        var index = CreateIndex("""
            public static class Outer
            {
                public class Plain { public void M() { } }

                public class Inner
                {
                    [Microsoft.AspNetCore.Cors.DisableCors]
                    public void Get() { }
                }
            }
            """);

        Assert.True(index.HasMetadataCarriers(CancellationToken.None));
    }

    [Theory]
    [InlineData("class P : ICorsPolicyProvider { public Task<CorsPolicy?> GetPolicyAsync(HttpContext c, string? n) => null!; }", true)]
    [InlineData("class P : DefaultCorsPolicyProvider { public P(Microsoft.Extensions.Options.IOptions<CorsOptions> o) : base(o) { } }", true)]
    [InlineData("class P : IDerived { public Task<CorsPolicy?> GetPolicyAsync(HttpContext c, string? n) => null!; } interface IDerived : ICorsPolicyProvider { }", true)]
    [InlineData("class Base : ICorsPolicyProvider { public Task<CorsPolicy?> GetPolicyAsync(HttpContext c, string? n) => null!; } class P : Base { }", true)]
    [InlineData("struct P : ICorsPolicyProvider { public Task<CorsPolicy?> GetPolicyAsync(HttpContext c, string? n) => null!; }", true)]
    [InlineData("static class Outer { class P : ICorsPolicyProvider { public Task<CorsPolicy?> GetPolicyAsync(HttpContext c, string? n) => null!; } }", true)]
    [InlineData("interface IDerived : ICorsPolicyProvider { }", false)]
    [InlineData("class P : System.IDisposable { public void Dispose() { } } record R(int X);", false)]
    [InlineData("class P { ICorsPolicyProvider? Field; }", false)]
    public void HasCustomPolicyProvider(string declarations, bool expected)
    {
        var index = CreateIndex($$"""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Http;

            {{declarations}}
            """);

        Assert.Equal(expected, index.HasCustomPolicyProvider(CancellationToken.None));
    }

    [Fact]
    public void CancelledWalk_LeavesNothingBehind()
    {
        var index = CreateIndex(Controllers);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => index.GetMetadataCarriers(cancelled.Token));

        Assert.Equal(6, index.GetMetadataCarriers(CancellationToken.None).Length);
    }

    private static CorsDeclarationIndex CreateIndex(params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Index",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, TestProjectFactory.ParseOptions)),
            ReferenceSet.AspNetCore10.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var cors = CorsSymbols.TryCreate(compilation);
        Assert.NotNull(cors);
        return new CorsDeclarationIndex(compilation, cors);
    }
}
