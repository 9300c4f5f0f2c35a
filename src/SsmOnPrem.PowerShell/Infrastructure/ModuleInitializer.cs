using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Runs when the module is imported and removed. It makes the engine (SsmOnPrem.Client) and its
    /// dependencies (SSH.NET, BouncyCastle, Newtonsoft.Json, ...) load from bin/dependencies, isolated
    /// from other modules' copies of the same assemblies:
    /// - PowerShell 7: a private AssemblyLoadContext (see <see cref="DependencyLoadContext"/>).
    /// - Windows PowerShell 5.1: an AppDomain.AssemblyResolve handler (no ALC exists there).
    /// Pattern: Microsoft's "Resolving PowerShell module assembly dependency conflicts" and
    /// PSResourceGet's ModuleInitAndCleanup.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal static readonly string DependencyDirectory = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");

        // Windows PowerShell 5.1 runs on .NET Framework; PowerShell 7 on .NET (CoreCLR).
        private static readonly bool IsCoreClr = !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
            .StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        // Windows PowerShell 5.1 only; one instance so OnRemove unregisters the same handler.
        private static readonly DesktopDependencyResolver DesktopResolver = new DesktopDependencyResolver(DependencyDirectory);

        public void OnImport()
        {
            if (IsCoreClr)
            {
                CoreClrResolver.Register(DependencyDirectory);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += DesktopResolver.OnAssemblyResolve;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsCoreClr)
            {
                CoreClrResolver.Unregister();
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve -= DesktopResolver.OnAssemblyResolve;
            }
        }
    }
}
