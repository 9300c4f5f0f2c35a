using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SsmOnPrem.PowerShell.Tests
{
    /// <summary>Runs PowerShell in-process with the built module (repo-root SsmOnPrem.psd1) imported.</summary>
    internal sealed class ModuleHost : IDisposable
    {
        private readonly Runspace _runspace;

        internal ModuleHost()
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { ManifestPath });
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
        }

        internal static string RepoRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SsmOnPrem.psd1"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("Repo root (SsmOnPrem.psd1) not found above the test output.");
            }
        }

        internal static string ManifestPath => Path.Combine(RepoRoot, "SsmOnPrem.psd1");

        internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

        /// <summary>Runs a script; returns its output and the errors it wrote.</summary>
        internal (Collection<PSObject> Output, ErrorRecord[] Errors) Run(string script, params (string Name, object Value)[] variables)
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
            ps.AddScript(script);
            var output = ps.Invoke();
            return (output, ps.Streams.Error.ToArray());
        }

        public void Dispose() => _runspace.Dispose();
    }
}
