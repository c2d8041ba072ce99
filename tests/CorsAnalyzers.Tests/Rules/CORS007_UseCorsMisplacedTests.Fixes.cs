using System.Collections.Immutable;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UseCorsMisplacedRule>,
    CorsAnalyzers.Rules.UseCorsMisplacedFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS007_UseCorsMisplacedTests
{
    // ---- Code fix --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Fix_TopLevel_MovesUseCorsBeforeUseAuthorization_KeepsComments()
    {
        var source = ProgramHeader + """
            app.UseRouting();
            app.{|#1:UseAuthorization()|};

            // The SPA at app.contoso.com calls this API.
            app.{|#0:UseCors("Frontend")|}; // named policy
            app.MapGet("/orders", () => "orders");
            app.Run();
            """;
        var fixedSource = ProgramHeader + """
            app.UseRouting();

            // The SPA at app.contoso.com calls this API.
            app.UseCors("Frontend"); // named policy
            app.UseAuthorization();
            app.MapGet("/orders", () => "orders");
            app.Run();
            """;

        await Verify.VerifyCodeFixAsync(source, Diagnostic("before UseAuthorization"), fixedSource, Key);
    }

    [Fact]
    public async Task Fix_Startup_MovesUseCorsAfterUseRouting()
    {
        var source = StartupHeader + """
                    // CORS for the SPA.
                    app.{|#0:UseCors()|};
                    app.{|#1:UseRouting()|};
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;
        var fixedSource = StartupHeader + """
                    app.UseRouting();
                    // CORS for the SPA.
                    app.UseCors();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;

        await Verify.VerifyCodeFixAsync(source, Diagnostic("after UseRouting"), fixedSource, Key);
    }

    [Fact]
    public async Task Fix_Startup_MovesUseCorsBeforeUseEndpoints()
    {
        var source = StartupHeader + """
                    app.UseRouting();
                    app.{|#1:UseEndpoints(endpoints =>
                    {
                        endpoints.MapControllers();
                    })|};
                    app.{|#0:UseCors(policy => policy
                        .WithOrigins("https://app.contoso.com")
                        .AllowAnyHeader())|};
                }
            }
            """;
        var fixedSource = StartupHeader + """
                    app.UseRouting();
                    app.UseCors(policy => policy
                        .WithOrigins("https://app.contoso.com")
                        .AllowAnyHeader());
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.MapControllers();
                    });
                }
            }
            """;

        await Verify.VerifyCodeFixAsync(source, Diagnostic("before the endpoints (UseEndpoints/Run)"), fixedSource, Key);
    }

    [Fact]
    public async Task Fix_TopLevel_MovesUseCorsBeforeAwaitedRunAsync()
    {
        var source = ProgramHeader + """
            app.MapGet("/orders", () => "orders");
            await app.{|#1:RunAsync()|};
            app.{|#0:UseCors("Frontend")|};
            """;
        var fixedSource = ProgramHeader + """
            app.MapGet("/orders", () => "orders");
            app.UseCors("Frontend");
            await app.RunAsync();
            """;

        await Verify.VerifyCodeFixAsync(source, Diagnostic(RunAsyncWhere), fixedSource, Key);
    }

    [Fact]
    public async Task Fix_ExtensionMethod_MovesUseCorsBeforeUseAuthentication()
    {
        // Reported for UseAuthorization; moved into the documented order, before UseAuthentication.
        var source = """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseMyPipeline(this IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.{|#2:UseAuthentication()|};
                    app.{|#1:UseAuthorization()|};
                    app.{|#0:UseCors("Frontend")|};
                    return app;
                }
            }
            """;
        var fixedSource = """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseMyPipeline(this IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors("Frontend");
                    app.UseAuthentication();
                    app.UseAuthorization();
                    return app;
                }
            }
            """;

        await Verify.VerifyCodeFixAsync(
            source,
            Verify.Diagnostic("CORS007").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("before UseAuthorization"),
            fixedSource,
            Key);
    }

    [Fact]
    public async Task Fix_UseAuthenticationBeforeUseRouting_MovesBeforeUseAuthorizationOnly()
    {
        // Before UseAuthentication would be before routing: UseCors goes right before UseAuthorization, where it works.
        var source = StartupHeader + """
                    app.UseAuthentication();
                    app.UseRouting();
                    app.{|#1:UseAuthorization()|};
                    app.{|#0:UseCors("Frontend")|};
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """;
        var fixedSource = StartupHeader + """
                    app.UseAuthentication();
                    app.UseRouting();
                    app.UseCors("Frontend");
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """;

        await Verify.VerifyCodeFixAsync(source, Diagnostic("before UseAuthorization"), fixedSource, Key);
    }

    [Fact]
    public async Task Fix_FluentChain_NotOffered()
    {
        var source = StartupHeader + """
                    app.UseRouting().{|#1:UseAuthorization()|}.{|#0:UseCors("Frontend")|};
                }
            }
            """;

        await VerifyNoFixAsync(source, "before UseAuthorization");
    }

    [Fact]
    public async Task Fix_ResponseCachingBeforeUseRouting_NotOffered()
    {
        // Moving UseCors before UseResponseCaching would put it before UseRouting: the fix is to move UseResponseCaching.
        var source = StartupHeader + """
                    app.{|#1:UseResponseCaching()|};
                    app.UseRouting();
                    app.{|#0:UseCors("Frontend")|};
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """;

        await VerifyNoFixAsync(source, "before UseResponseCaching");
    }

    [Fact]
    public async Task Fix_UseAuthorizationBeforeUseRouting_AfterUseRoutingNotOffered()
    {
        // UseCors must follow UseRouting and precede UseAuthorization, which comes before UseRouting: no single move.
        var source = StartupHeader + """
                    app.{|#0:UseCors()|};
                    app.UseAuthorization();
                    app.{|#1:UseRouting()|};
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;

        await VerifyNoFixAsync(source, "after UseRouting");
    }

    [Fact]
    public async Task Fix_UseAuthenticationBeforeUseRouting_MovesUseCorsAfterUseRouting()
    {
        // UseCors after UseAuthentication works (authentication never rejects a request): the move may pass it.
        var source = StartupHeader + """
                    app.{|#0:UseCors()|};
                    app.UseAuthentication();
                    app.{|#1:UseRouting()|};
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;
        var fixedSource = StartupHeader + """
                    app.UseAuthentication();
                    app.UseRouting();
                    app.UseCors();
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;

        await Verify.VerifyCodeFixAsync(source, Diagnostic("after UseRouting"), fixedSource, Key);
    }

    [Fact]
    public async Task Fix_DifferentBlocks_NotOffered()
    {
        var source = StartupHeader + """
                    app.{|#1:UseAuthorization()|};
                    {
                        app.{|#0:UseCors("Frontend")|};
                    }
                }
            }
            """;

        await VerifyNoFixAsync(source, "before UseAuthorization");
    }

    [Fact]
    public async Task FixAll_TwoBuildersInOneBlock_MovesBoth()
    {
        var source = """
            public static class Pipelines
            {
                public static void Configure(IApplicationBuilder api, IApplicationBuilder admin)
                {
                    api.{|#1:UseAuthorization()|};
                    admin.{|#3:UseAuthorization()|};
                    api.{|#0:UseCors("Api")|};
                    admin.{|#2:UseCors("Admin")|};
                }
            }
            """;
        var fixedSource = """
            public static class Pipelines
            {
                public static void Configure(IApplicationBuilder api, IApplicationBuilder admin)
                {
                    api.UseCors("Api");
                    api.UseAuthorization();
                    admin.UseCors("Admin");
                    admin.UseAuthorization();
                }
            }
            """;

        await new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics =
            {
                Diagnostic("before UseAuthorization"),
                Verify.Diagnostic("CORS007").WithLocation(2).WithLocation(3).WithArguments("before UseAuthorization"),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task FixAll_TwoUseCorsBeforeTheSameCall_MovesBothInOrder()
    {
        // Both moves insert at the same place: a batch merge of the two edits would conflict.
        var source = ProgramHeader + """
            app.UseRouting();
            app.{|#1:UseAuthorization()|};
            app.{|#0:UseCors("Frontend")|};
            app.{|#2:UseCors()|};
            app.Run();
            """;
        var fixedSource = ProgramHeader + """
            app.UseRouting();
            app.UseCors("Frontend");
            app.UseCors();
            app.UseAuthorization();
            app.Run();
            """;

        await new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics =
            {
                Diagnostic("before UseAuthorization"),
                Verify.Diagnostic("CORS007").WithLocation(2).WithLocation(1).WithArguments("before UseAuthorization"),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task FixAll_SinglePass_MovesEveryUseCorsOfTheBlock()
    {
        // The verifier repeats Fix All until nothing is left; this checks one pass already fixes a whole block, where
        // the moves' text edits touch the same lines.
        var source = ProgramHeader + """
            app.UseRouting();
            app.UseAuthorization();
            app.UseCors("Frontend");
            app.UseCors();
            app.Run();
            """;
        var expected = ProgramHeader + """
            app.UseRouting();
            app.UseCors("Frontend");
            app.UseCors();
            app.UseAuthorization();
            app.Run();
            """;

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RuleAnalyzer<UseCorsMisplacedRule>());
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Program.cs", source) }, analyzers: analyzers);
        var run = await TestProjectFactory.AnalyzeAsync(project, analyzers);
        Assert.Empty(run.Failures);
        var diagnostics = run.Diagnostics.Where(d => d.Id == "CORS007").ToImmutableArray();
        Assert.Equal(2, diagnostics.Length);

        var document = project.Documents.Single(d => d.Name == "Program.cs");
        var fixer = new UseCorsMisplacedFixer();
        var context = new FixAllContext(
            document,
            fixer,
            FixAllScope.Document,
            Key,
            new[] { "CORS007" },
            new FixedDiagnosticProvider(diagnostics),
            CancellationToken.None);
        var action = await fixer.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);

        var operations = await action!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        Assert.Equal(expected, (await changed.GetTextAsync()).ToString());
    }

    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }

    [Fact]
    public async Task FixAll_TopLevelAndExtensionMethodInOneFile_MovesBoth()
    {
        var source = ProgramHeader + """
            app.{|#1:UseAuthorization()|};
            app.{|#0:UseCors("Frontend")|};
            app.UseAdminPipeline();
            app.Run();

            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseAdminPipeline(this IApplicationBuilder admin)
                {
                    admin.{|#3:UseResponseCaching()|};
                    admin.{|#2:UseCors("Frontend")|};
                    return admin;
                }
            }
            """;
        var fixedSource = ProgramHeader + """
            app.UseCors("Frontend");
            app.UseAuthorization();
            app.UseAdminPipeline();
            app.Run();

            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseAdminPipeline(this IApplicationBuilder admin)
                {
                    admin.UseCors("Frontend");
                    admin.UseResponseCaching();
                    return admin;
                }
            }
            """;

        await new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics =
            {
                Diagnostic("before UseAuthorization"),
                Verify.Diagnostic("CORS007").WithLocation(2).WithLocation(3).WithArguments("before UseResponseCaching"),
            },
        }.RunAsync();
    }
}
