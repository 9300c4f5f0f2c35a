using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// PowerShell 7 only (never touched on 5.1, where AssemblyLoadContext does not exist).
    /// The default context is asked for exactly one of our assemblies: the engine. We answer by loading
    /// it into <see cref="DependencyLoadContext"/>, which then loads everything the engine needs from
    /// bin/dependencies, so another module's SSH.NET or Newtonsoft.Json never meets ours.
    /// </summary>
    internal static class CoreClrResolver
    {
        internal const string EngineAssemblyName = "SsmOnPrem.Client";
        private static DependencyLoadContext s_context;

        internal static void Register(string dependencyDirectory)
        {
            s_context = s_context ?? new DependencyLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        internal static void Unregister() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private static Assembly ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
            name.Name == EngineAssemblyName ? s_context.LoadFromAssemblyName(name) : null;
    }

    /// <summary>
    /// Loads our private dependencies from bin/dependencies. Framework assemblies (System.*, which we ship only
    /// for Windows PowerShell 5.1) always come from the runtime: a second System.Memory would make a second Span&lt;T&gt;.
    /// On .NET 8 and later (PowerShell 7.4+) the .NET 8 builds in bin/dependencies/net8.0 come first: the same package
    /// versions, but SSH.NET's key exchange and ciphers use the runtime's crypto instead of managed big integers
    /// (docs/performance.md).
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly string RuntimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        internal const string ModernRuntimeFolder = "net8.0";
        private readonly string _directory;
        private readonly string _modernDirectory;

        internal DependencyLoadContext(string directory)
        {
            _directory = directory;
            if (Environment.Version.Major >= 8) _modernDirectory = Path.Combine(directory, ModernRuntimeFolder);
        }

        protected override Assembly Load(AssemblyName assemblyName)
        {
            if (IsFrameworkAssembly(assemblyName.Name)) return null;
            var modern = _modernDirectory == null ? null : Path.Combine(_modernDirectory, assemblyName.Name + ".dll");
            if (modern != null && File.Exists(modern)) return LoadFromAssemblyPath(modern);
            var path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static bool IsFrameworkAssembly(string name) =>
            (name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard" || name == "mscorlib")
            && File.Exists(Path.Combine(RuntimeDirectory, name + ".dll"));
    }
}
