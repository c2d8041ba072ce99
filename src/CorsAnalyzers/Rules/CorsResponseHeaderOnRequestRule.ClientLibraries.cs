using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS003 on the HTTP client libraries: RestSharp, Flurl.Http and Refit (<see cref="ClientHeaderWrites"/> knows their
    /// APIs). Registered only when the compilation references one of them. The diagnostic carries the text edit that
    /// removes the header (<see cref="TextEditProperty"/>), computed here where every header of the same call chain,
    /// list or attribute is known, so that Fix All edits never overlap.
    /// </summary>
    public sealed partial class CorsResponseHeaderOnRequestRule
    {
        /// <summary>
        /// Diagnostic property of a client-library header: the text that replaces the additional location (empty: delete
        /// it). Absent when no removal leaves valid code.
        /// </summary>
        internal const string TextEditProperty = "TextEdit";

        private static void InitializeClientLibraries(CorsCompilationContext compilation, ClientLibrarySymbols clients)
        {
            var headers = compilation.Headers;
            var names = new List<string>();
            if (clients.HasRestSharp)
            {
                names.AddRange(ClientHeaderWrites.RestSharpMethodNames);
            }

            if (clients.HasFlurl)
            {
                names.AddRange(ClientHeaderWrites.FlurlMethodNames);
            }

            if (names.Count > 0)
            {
                compilation.RegisterInvocationAction(
                    context =>
                    {
                        List<ClientHeaderWrite>? found = null;
                        ClientHeaderWrites.FromInvocation((IInvocationOperation)context.Operation, clients, headers, ref found, context.CancellationToken);
                        if (found is not null)
                        {
                            Report(found, context.ReportDiagnostic, context.Operation.Syntax.SyntaxTree);
                        }
                    },
                    names.ToArray());
            }

            // HeaderParameter, and dictionaries of headers (RestSharp AddHeaders, Flurl WithHeaders, Refit [HeaderCollection]).
            compilation.RegisterOperationAction(
                context =>
                {
                    var creation = (IObjectCreationOperation)context.Operation;
                    if (creation.Initializer is null && creation.Arguments.Length == 0)
                    {
                        return;
                    }

                    List<ClientHeaderWrite>? found = null;
                    ClientHeaderWrites.FromObjectCreation(creation, clients, headers, ref found, context.CancellationToken);
                    if (found is not null)
                    {
                        Report(found, context.ReportDiagnostic, creation.Syntax.SyntaxTree);
                    }
                },
                OperationKind.ObjectCreation);

            if (clients.HasRefit)
            {
                compilation.RegisterNamedTypeAction(context =>
                {
                    if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } type)
                    {
                        return;
                    }

                    var found = new List<ClientHeaderWrite>();
                    RefitHeaderAttributes.FromInterface(type, clients, found, context.CancellationToken);
                    foreach (var write in found)
                    {
                        Report(write, context.ReportDiagnostic, write.NameSyntax.SyntaxTree);
                    }
                });
            }
        }

        private static void Report(List<ClientHeaderWrite> found, System.Action<Diagnostic> report, SyntaxTree tree)
        {
            foreach (var write in found)
            {
                Report(write, report, tree);
            }
        }

        private static void Report(ClientHeaderWrite write, System.Action<Diagnostic> report, SyntaxTree tree)
        {
            var location = write.NameSyntax.GetLocation();
            if (write.Removal is not { } removal)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.CorsResponseHeaderOnRequest, location, OutgoingProperties, write.Header, OutgoingRequestText));
                return;
            }

            var properties = OutgoingProperties.Add(TextEditProperty, write.Replacement);
            report(Diagnostic.Create(
                DiagnosticDescriptors.CorsResponseHeaderOnRequest,
                location,
                new[] { Location.Create(tree, removal) },
                properties,
                write.Header,
                OutgoingRequestText));
        }
    }
}
