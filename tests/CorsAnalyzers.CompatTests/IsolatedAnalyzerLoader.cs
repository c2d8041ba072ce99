using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.CompatTests;

/// <summary>
/// A plain analyzer loader, as a compiler host has one: the analyzer assemblies of one folder in a load context of
/// their own, sharing the host's Roslyn (anything not found in the folder comes from the host).
/// </summary>
internal sealed class IsolatedAnalyzerLoader : IAnalyzerAssemblyLoader
{
    private readonly FolderLoadContext _context = new();

    public void AddDependencyLocation(string fullPath) => _context.AddFolder(Path.GetDirectoryName(fullPath)!);

    public Assembly LoadFromPath(string fullPath)
    {
        _context.AddFolder(Path.GetDirectoryName(fullPath)!);
        return _context.LoadFromAssemblyPath(fullPath);
    }

    private sealed class FolderLoadContext : AssemblyLoadContext
    {
        private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

        public FolderLoadContext()
            : base("analyzers", isCollectible: false)
        {
        }

        public void AddFolder(string folder)
        {
            lock (_folders)
            {
                _folders.Add(folder);
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Roslyn itself always comes from the host, as in a real compiler.
            if (assemblyName.Name is null || assemblyName.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            {
                return null;
            }

            lock (_folders)
            {
                foreach (var folder in _folders)
                {
                    var candidate = Path.Combine(folder, assemblyName.Name + ".dll");
                    if (File.Exists(candidate))
                    {
                        return LoadFromAssemblyPath(candidate);
                    }
                }
            }

            return null;
        }
    }
}
