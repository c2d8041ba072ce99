using System.Collections.Immutable;
using System.Reflection;
using CorsAnalyzers.Tests.Verifiers;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// The inputs of the rule tests (CorsAnalyzers.Tests.Rules): every [Fact] and every data row of every [Theory] is
/// run with <see cref="TestSourceRecorder"/> started, so the verifier records the sources (and expected fixes) it
/// would compile instead of verifying them.
/// </summary>
internal static class RuleTestSources
{
    public static IEnumerable<Type> TestClasses { get; } = typeof(RuleTestSources).Assembly.GetTypes()
        .Where(t => t.Namespace == "CorsAnalyzers.Tests.Rules" && t.IsClass && !t.IsAbstract && t.IsPublic && TestMethods(t).Any())
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>
    /// The distinct source sets recorded from <paramref name="testClass"/>'s tests, and the test cases that threw
    /// while recording (they do more than call the verifier; their text says which).
    /// </summary>
    public static async Task<(ImmutableArray<RecordedTest> Tests, ImmutableArray<string> Errors)> RecordAsync(Type testClass)
    {
        var (cases, errors) = await RecordCasesAsync(testClass);
        var distinct = cases
            .SelectMany(c => c.Recorded)
            .GroupBy(r => string.Join("\0", r.Sources.Select(s => s.Name + "\0" + s.Text)) + "\0" + r.EditorConfig + "\0" + r.References.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToImmutableArray();
        return (distinct, errors);
    }

    /// <summary>
    /// What each test case of <paramref name="testClass"/> recorded, in order (for a code-fix test: the test code, then
    /// the expected fix), named <c>Method</c> or <c>Method(arguments)</c>; and the test cases that threw while recording.
    /// </summary>
    public static async Task<(ImmutableArray<RecordedTestCase> Cases, ImmutableArray<string> Errors)> RecordCasesAsync(Type testClass)
    {
        var cases = new List<RecordedTestCase>();
        var errors = new List<string>();
        foreach (var method in TestMethods(testClass))
        {
            foreach (var arguments in Rows(method))
            {
                var recorded = new List<RecordedTest>();
                using (TestSourceRecorder.Start(recorded))
                {
                    try
                    {
                        var instance = Activator.CreateInstance(testClass, ConstructorArguments(testClass));
                        if (method.Invoke(instance, arguments) is Task task)
                        {
                            await task;
                        }
                    }
                    catch (Exception e) when (ExpectedAVerifierFailure(e is TargetInvocationException { InnerException: { } inner } ? inner : e, recorded))
                    {
                        // The test asserts that the verifier fails (a fix not offered); recording verifies nothing, so the
                        // verifier did not fail. Its inputs were recorded in full before that assertion.
                    }
                    catch (Exception e)
                    {
                        errors.Add($"{testClass.Name}.{method.Name}: {(e is TargetInvocationException { InnerException: { } inner } ? inner : e).Message}");
                    }
                }

                var name = arguments.Length == 0 ? method.Name : method.Name + "(" + string.Join(", ", arguments.Select(a => a is string text ? "\"" + text + "\"" : a?.ToString() ?? "null")) + ")";
                cases.Add(new RecordedTestCase(name, recorded.ToImmutableArray()));
            }
        }

        return (cases.ToImmutableArray(), errors.ToImmutableArray());
    }

    /// <summary>
    /// <c>Assert.ThrowsAsync&lt;VerificationException&gt;</c> around a verifier call that recorded instead of verifying:
    /// "No exception was thrown" after something was recorded.
    /// </summary>
    private static bool ExpectedAVerifierFailure(Exception e, List<RecordedTest> recorded) =>
        e is ThrowsException && e.Message.Contains("No exception was thrown", StringComparison.Ordinal) && recorded.Count > 0;

    private static IEnumerable<MethodInfo> TestMethods(Type type) => type
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        .Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null })
        .OrderBy(m => m.MetadataToken);

    /// <summary>No arguments for a [Fact]; each row of each data attribute for a [Theory].</summary>
    private static IEnumerable<object?[]> Rows(MethodInfo method)
    {
        if (method.GetCustomAttribute<FactAttribute>() is not TheoryAttribute)
        {
            return new[] { Array.Empty<object?>() };
        }

        return method.GetCustomAttributes<DataAttribute>().SelectMany(d => d.GetData(method)).Select(row => ConvertRow(method, row));
    }

    /// <summary>xUnit converts InlineData strings to enum parameters; the recorder calls the method itself.</summary>
    private static object?[] ConvertRow(MethodInfo method, object?[] row)
    {
        var parameters = method.GetParameters();
        var converted = new object?[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            converted[i] = row[i] is string text && i < parameters.Length && parameters[i].ParameterType.IsEnum
                ? Enum.Parse(parameters[i].ParameterType, text)
                : row[i];
        }

        return converted;
    }

    private static object?[] ConstructorArguments(Type type)
    {
        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        return constructor.GetParameters()
            .Select(p => p.ParameterType == typeof(ITestOutputHelper) ? (object?)new NullOutput() : null)
            .ToArray();
    }

    private sealed class NullOutput : ITestOutputHelper
    {
        public void WriteLine(string message)
        {
        }

        public void WriteLine(string format, params object[] args)
        {
        }
    }
}

/// <summary>One test case of a rule test class (a [Fact], or one data row of a [Theory]) and what it recorded.</summary>
internal sealed record RecordedTestCase(string Name, ImmutableArray<RecordedTest> Recorded);
