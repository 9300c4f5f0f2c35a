using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
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
    /// (docs/performance.md). Before both, bin/dependencies/readytorun/net&lt;major&gt;.0-&lt;os&gt;-&lt;arch&gt; when the build made
    /// one for this runtime and platform: the same IL with native code compiled ahead of time, so a fleet run does not
    /// JIT-compile the engine and SSH.NET while its first sessions connect (tests/tools/ReadyToRunHelpers.ps1).
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly string RuntimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        internal const string ModernRuntimeFolder = "net8.0";
        internal const string ReadyToRunFolder = "readytorun";
        private readonly string[] _directories;

        internal DependencyLoadContext(string directory)
        {
            var probe = new List<string>();
            var readyToRun = Path.Combine(directory, ReadyToRunFolder, ReadyToRunPlatform());
            if (Directory.Exists(readyToRun)) probe.Add(readyToRun);
            if (Environment.Version.Major >= 8) probe.Add(Path.Combine(directory, ModernRuntimeFolder));
            probe.Add(directory);
            _directories = probe.ToArray();
        }

        /// <summary>This runtime and platform as the build names ReadyToRun folders: net10.0-win-x64, net10.0-linux-x64, ...</summary>
        internal static string ReadyToRunPlatform()
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux" : "other";
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            return $"net{Environment.Version.Major}.0-{os}-{arch}";
        }

        protected override Assembly Load(AssemblyName assemblyName)
        {
            if (IsFrameworkAssembly(assemblyName.Name)) return null;
            foreach (var directory in _directories)
            {
                var path = Path.Combine(directory, assemblyName.Name + ".dll");
                if (File.Exists(path)) return LoadFromAssemblyPath(path);
            }
            return null;
        }

        private static bool IsFrameworkAssembly(string name) =>
            (name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard" || name == "mscorlib")
            && File.Exists(Path.Combine(RuntimeDirectory, name + ".dll"));
    }
}
