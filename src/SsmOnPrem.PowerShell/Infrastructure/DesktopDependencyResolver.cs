using System;
using System.IO;
using System.Reflection;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework: one AppDomain, no AssemblyLoadContext): answers AppDomain.AssemblyResolve
    /// for the engine and its dependencies from bin/dependencies. Default probing (powershell.exe's folder, the GAC)
    /// never finds them, so the runtime asks here. Another module's copy of the same assembly (say an older SSH.NET
    /// from Posh-SSH) may already be loaded: a strong-named request for our version does not bind to it, the runtime
    /// asks us, and we load ours next to it. We answer only with an assembly that satisfies the request (same name and
    /// signing key, our version not older), so another module asking for a newer copy is never handed ours.
    /// No PowerShell types here: tests run this class on .NET Framework under Mono (docs/COMPATIBILITY.md).
    /// </summary>
    internal sealed class DesktopDependencyResolver
    {
        private readonly string _directory;

        internal DesktopDependencyResolver(string directory) => _directory = directory;

        /// <summary>The AppDomain.AssemblyResolve handler. Never throws: an exception here breaks the caller's load instead of failing it.</summary>
        internal Assembly OnAssemblyResolve(object sender, ResolveEventArgs args)
        {
            try { return Resolve(new AssemblyName(args.Name)); }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException || e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Our copy of the requested assembly, or null when we have none that satisfies the request.</summary>
        internal Assembly Resolve(AssemblyName requested)
        {
            if (string.IsNullOrEmpty(requested.Name) || requested.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            var path = Path.Combine(_directory, requested.Name + ".dll");
            if (!File.Exists(path)) return null;
            var ours = AssemblyName.GetAssemblyName(path);
            if (!Satisfies(ours, requested)) return null;
            // LoadFrom returns the copy already loaded from this path, so a second request never loads a second copy.
            return Assembly.LoadFrom(path);
        }

        /// <summary>Same signing key (or both unsigned) and a version at least the one asked for (what a binding redirect would allow).</summary>
        internal static bool Satisfies(AssemblyName ours, AssemblyName requested)
        {
            var requestedToken = requested.GetPublicKeyToken();
            if (requestedToken != null && requestedToken.Length > 0 && !SameBytes(requestedToken, ours.GetPublicKeyToken())) return false;
            return requested.Version == null || (ours.Version != null && ours.Version >= requested.Version);
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
