using System.Text;

namespace CorsAnalyzers.RuntimeTests.Differential;

/// <summary>One generated policy: a method that registers it, and where its origin literals are in the generated source.</summary>
internal sealed class GeneratedPolicy
{
    public required string Name { get; init; }

    /// <summary>The policy's method (<c>static void Pn(CorsOptions options, bool c0, bool c1)</c>), as generated.</summary>
    public required string Text { get; init; }

    /// <summary>Where the method is in the generated source.</summary>
    public required int Start { get; init; }

    /// <summary>Each origin literal given to WithOrigins, in order (its marker is <see cref="PolicyProgramGenerator.Marker"/> of its index here).</summary>
    public required IReadOnlyList<OriginLiteral> OriginLiterals { get; init; }

    /// <summary>Whether AddDefaultPolicy registers it (else AddPolicy(Name, ...)).</summary>
    public required bool IsDefault { get; init; }

    public int End => Start + Text.Length;
}

/// <summary>An origin literal: its value, where its token starts in the generated source, and the conditions under which it runs.</summary>
internal sealed record OriginLiteral(string Value, int Offset, IReadOnlyList<(int Condition, bool Value)> Guard, int ArgumentsInCall)
{
    /// <summary>Whether the literal's WithOrigins call runs when the conditions are <paramref name="c0"/>, <paramref name="c1"/>.</summary>
    public bool RunsWhen(bool c0, bool c1) => Guard.All(g => (g.Condition == 0 ? c0 : c1) == g.Value);
}

/// <summary>
/// A seeded generator of CorsPolicyBuilder programs over the calls the policy model knows (issue 24, part 1): AllowAnyOrigin,
/// WithOrigins with good and bad origins, SetIsOriginAllowed with always-true, exact, list-contains and substring
/// predicates, SetIsOriginAllowedToAllowWildcardSubdomains, AllowCredentials/DisallowCredentials, headers and methods, in
/// random order, as one fluent chain or split across statements, aliases, returned builders, if/else branches and
/// ternaries. Branch conditions are the parameters c0 and c1, each used by at most one branch: the model follows every
/// branch independently ("it reports when some path reaches the combination", docs/rules/CORS001.md), so two branches
/// on one condition would give it paths the runtime never takes.
/// </summary>
internal static class PolicyProgramGenerator
{
    public const string ClassName = "GeneratedPolicies";

    /// <summary>Origins as developers write them: right, and wrong in every way CORS004 knows.</summary>
    public static readonly string[] OriginPool =
    {
        "https://app.contoso.com", "http://localhost:5173", "https://api.contoso.com:8443", "https://admin.contoso.com",
        "https://app.contoso.com/", "https://app.contoso.com/login", "https://app.contoso.com:443", "http://localhost:80",
        "https://App.Contoso.com", "HTTPS://ADMIN.CONTOSO.COM", "https://bücher.de", "https://bücher.de/",
        "null", "*", "https://*.contoso.com", "https://*.contoso.com:8443", "app.contoso.com", " https://app.contoso.com",
    };

    /// <summary>Origin predicates: always-true, exact, list-contains and substring.</summary>
    public static readonly string[] PredicatePool =
    {
        "_ => true", "origin => true", "origin => origin != null", "origin => !string.IsNullOrEmpty(origin)",
        "origin => origin == \"https://app.contoso.com\"", "origin => Trusted.Contains(origin)",
        "origin => origin.Contains(\"contoso.com\")", "origin => origin.EndsWith(\"contoso.com\")",
        "origin => origin.StartsWith(\"https://app.contoso.com\")",
    };

    private static readonly string[] OtherCalls =
    {
        "AllowAnyHeader()", "WithHeaders(\"X-Api-Key\")", "AllowAnyMethod()", "WithMethods(\"GET\", \"POST\")",
        "WithExposedHeaders(\"X-Total-Count\")", "SetPreflightMaxAge(TimeSpan.FromMinutes(10))",
    };

    /// <summary>
    /// The origin that stands for literal <paramref name="index"/> of a policy in the marker copy of the source: the same
    /// program with every origin literal replaced by a distinct origin, so that the runtime's origin list shows which
    /// literals a path keeps.
    /// </summary>
    public static string Marker(int index) => "https://m" + index + ".marker.test";

    /// <summary>The generated source, its marker copy (see <see cref="Marker"/>), and the policies.</summary>
    public static (string Source, string MarkerSource, IReadOnlyList<GeneratedPolicy> Policies) Generate(int seed, int count)
    {
        var random = new Random(seed);
        var source = new StringBuilder();
        source.Append("using Microsoft.AspNetCore.Cors.Infrastructure;\n\n");
        source.Append("public static class ").Append(ClassName).Append("\n{\n");
        source.Append("    private static readonly string[] Trusted = { \"https://app.contoso.com\", \"https://admin.contoso.com\" };\n");
        var policies = new List<GeneratedPolicy>();
        for (var i = 0; i < count; i++)
        {
            source.Append('\n');
            var start = source.Length;
            var writer = new PolicyWriter(random, source, "P" + i);
            writer.Write();
            policies.Add(new GeneratedPolicy
            {
                Name = "P" + i,
                Text = source.ToString(start, source.Length - start),
                Start = start,
                OriginLiterals = writer.OriginLiterals,
                IsDefault = writer.IsDefault,
            });
        }

        source.Append("}\n");
        var text = source.ToString();
        var markers = new StringBuilder(text);
        foreach (var policy in Enumerable.Reverse(policies))
        {
            for (var i = policy.OriginLiterals.Count - 1; i >= 0; i--)
            {
                var literal = policy.OriginLiterals[i];
                markers.Remove(literal.Offset, literal.Value.Length + 2).Insert(literal.Offset, "\"" + Marker(i) + "\"");
            }
        }

        return (text, markers.ToString(), policies);
    }

    /// <summary>Writes one policy method.</summary>
    private sealed class PolicyWriter
    {
        private readonly Random _random;
        private readonly StringBuilder _out;
        private readonly string _name;
        private readonly Queue<int> _conditions = new(new[] { 0, 1 });
        private readonly List<(int Condition, bool Value)> _guard = new();
        private int _locals;

        public PolicyWriter(Random random, StringBuilder output, string name)
        {
            _random = random;
            _out = output;
            _name = name;
            IsDefault = random.Next(10) == 0;
        }

        public List<OriginLiteral> OriginLiterals { get; } = new();

        public bool IsDefault { get; }

        public void Write()
        {
            _out.Append("    public static void ").Append(_name).Append("(CorsOptions options, bool c0, bool c1)\n    {\n");
            _out.Append("        options.").Append(IsDefault ? "AddDefaultPolicy(" : "AddPolicy(\"" + _name + "\", ").Append("policy =>");
            var steps = _random.Next(1, 5);
            if (steps == 1 && _random.Next(2) == 0)
            {
                // One fluent chain as the lambda's expression body.
                _out.Append(" policy");
                WriteCalls(_random.Next(1, 5));
                _out.Append(");\n    }\n");
                return;
            }

            _out.Append("\n        {\n");
            for (var i = 0; i < steps; i++)
            {
                WriteStep("            ");
            }

            _out.Append("        });\n    }\n");
        }

        private void WriteStep(string indent)
        {
            var kind = _random.Next(10);
            if (kind < 2 && _conditions.Count > 0)
            {
                // if/else on a condition of its own.
                var condition = _conditions.Dequeue();
                _out.Append(indent).Append("if (c").Append(condition).Append(")\n").Append(indent).Append("{\n");
                _guard.Add((condition, true));
                WriteChain(indent + "    ", "policy", _random.Next(1, 3));
                _guard.RemoveAt(_guard.Count - 1);
                _out.Append(indent).Append("}\n");
                if (_random.Next(2) == 0)
                {
                    _out.Append(indent).Append("else\n").Append(indent).Append("{\n");
                    _guard.Add((condition, false));
                    WriteChain(indent + "    ", "policy", _random.Next(1, 3));
                    _guard.RemoveAt(_guard.Count - 1);
                    _out.Append(indent).Append("}\n");
                }

                return;
            }

            if (kind == 2 && _conditions.Count > 0)
            {
                // A ternary chooses between two configured builders.
                var local = "chosen" + _locals++;
                var condition = _conditions.Dequeue();
                _out.Append(indent).Append("var ").Append(local).Append(" = c").Append(condition).Append(" ? policy");
                _guard.Add((condition, true));
                WriteCalls(1);
                _guard[^1] = (condition, false);
                _out.Append(" : policy");
                WriteCalls(1);
                _guard.RemoveAt(_guard.Count - 1);
                _out.Append(";\n");
                WriteChain(indent, local, _random.Next(0, 2));
                return;
            }

            if (kind == 3)
            {
                // An alias of the builder.
                var local = "same" + _locals++;
                _out.Append(indent).Append("var ").Append(local).Append(" = policy;\n");
                WriteChain(indent, local, _random.Next(1, 3));
                return;
            }

            if (kind == 4)
            {
                // The builder a call returns.
                var local = "configured" + _locals++;
                _out.Append(indent).Append("var ").Append(local).Append(" = policy");
                WriteCalls(1);
                _out.Append(";\n");
                WriteChain(indent, local, _random.Next(0, 2));
                return;
            }

            WriteChain(indent, "policy", _random.Next(1, 4));
        }

        private void WriteChain(string indent, string receiver, int calls)
        {
            if (calls == 0)
            {
                return;
            }

            _out.Append(indent).Append(receiver);
            WriteCalls(calls);
            _out.Append(";\n");
        }

        private void WriteCalls(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _out.Append('.');
                switch (_random.Next(14))
                {
                    case 0:
                    case 1:
                        _out.Append("AllowAnyOrigin()");
                        break;
                    case 2:
                    case 3:
                    case 4:
                        _out.Append("WithOrigins(");
                        var origins = _random.Next(1, 4);
                        var first = OriginLiterals.Count;
                        for (var o = 0; o < origins; o++)
                        {
                            if (o > 0)
                            {
                                _out.Append(", ");
                            }

                            var origin = OriginPool[_random.Next(OriginPool.Length)];
                            OriginLiterals.Add(new OriginLiteral(origin, _out.Length, _guard.ToArray(), origins));
                            _out.Append('"').Append(origin).Append('"');
                        }

                        _out.Append(')');
                        break;
                    case 5:
                    case 6:
                        _out.Append("SetIsOriginAllowed(").Append(PredicatePool[_random.Next(PredicatePool.Length)]).Append(')');
                        break;
                    case 7:
                        _out.Append("SetIsOriginAllowedToAllowWildcardSubdomains()");
                        break;
                    case 8:
                    case 9:
                    case 10:
                        _out.Append("AllowCredentials()");
                        break;
                    case 11:
                        _out.Append("DisallowCredentials()");
                        break;
                    default:
                        _out.Append(OtherCalls[_random.Next(OtherCalls.Length)]);
                        break;
                }
            }
        }
    }
}
