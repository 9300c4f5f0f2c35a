using System;
using System.IO;
using System.Linq;
using System.Reflection;
using SsmOnPrem.Commands.Infrastructure;
using Xunit;

namespace SsmOnPrem.Client.Tests.Compat
{
    /// <summary>
    /// The Windows PowerShell 5.1 loader (AppDomain.AssemblyResolve), run on .NET Framework under Mono by 'build.ps1 Compat'
    /// and on .NET by the main suite. 'Ours' is a copy of the engine's SSH.NET (2026.0.0) in a private dependencies
    /// folder; 'theirs' is SSH.NET 2026.0.1 as another module (Posh-SSH, say) would have loaded it first.
    /// </summary>
    public sealed class DesktopDependencyResolverTests : IDisposable
    {
        private static readonly string Base = AppDomain.CurrentDomain.BaseDirectory;
        private readonly string _dependencies = Path.Combine(Path.GetTempPath(), "ssm-deps-" + Guid.NewGuid().ToString("n"));
        private readonly DesktopDependencyResolver _resolver;

        public DesktopDependencyResolverTests()
        {
            Directory.CreateDirectory(_dependencies);
            File.Copy(Path.Combine(Base, "Renci.SshNet.dll"), Path.Combine(_dependencies, "Renci.SshNet.dll"));
            _resolver = new DesktopDependencyResolver(_dependencies);
        }

        // Loaded assemblies keep their files open on Windows; the folder is left for the temp cleaner there.
        public void Dispose() { try { Directory.Delete(_dependencies, true); } catch (IOException) { } catch (UnauthorizedAccessException) { } }

        private static AssemblyName Ours => AssemblyName.GetAssemblyName(Path.Combine(Base, "Renci.SshNet.dll"));
        private static string TheirsPath => Path.Combine(Base, "other-module", "Renci.SshNet.dll");
        private static AssemblyName Theirs => AssemblyName.GetAssemblyName(TheirsPath);

        private static AssemblyName Request(AssemblyName like, Version version, byte[] token = null)
        {
            var name = new AssemblyName(like.FullName) { Version = version };
            if (token != null) name.SetPublicKeyToken(token);
            return name;
        }

        [Fact]
        public void The_test_has_two_different_ssh_net_versions_with_the_same_signing_key()
        {
            var theirs = AssemblyName.GetAssemblyName(TheirsPath);
            Assert.Equal(Ours.Name, theirs.Name);
            Assert.True(theirs.Version > Ours.Version, $"{theirs.Version} should be newer than {Ours.Version}");
            Assert.Equal(Ours.GetPublicKeyToken(), theirs.GetPublicKeyToken());
        }

        [Fact]
        public void Another_modules_request_for_a_newer_version_is_not_answered_with_ours()
        {
            Assert.Null(_resolver.Resolve(Theirs));
            Assert.Null(_resolver.Resolve(Request(Ours, new Version(2030, 0, 0, 0))));
        }

        [Fact]
        public void An_older_request_is_answered_as_a_binding_redirect_would()
        {
            var resolved = _resolver.Resolve(Request(Ours, new Version(2025, 1, 0, 0)));
            Assert.Equal(Ours.Version, resolved.GetName().Version);
        }

        [Fact]
        public void A_request_signed_with_another_key_or_for_a_name_we_do_not_ship_is_not_ours()
        {
            Assert.Null(_resolver.Resolve(Request(Ours, Ours.Version, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })));
            Assert.Null(_resolver.Resolve(new AssemblyName("Some.Other.Library, Version=1.0.0.0")));
            Assert.Null(_resolver.OnAssemblyResolve(null, new ResolveEventArgs("..\\..\\Renci.SshNet")));
            Assert.Null(_resolver.OnAssemblyResolve(null, new ResolveEventArgs("../../Renci.SshNet")));
        }

        [Fact]
        public void The_event_handler_never_throws_on_a_malformed_name()
        {
            Assert.Null(_resolver.OnAssemblyResolve(null, new ResolveEventArgs("Renci.SshNet, Version=not-a-version")));
            Assert.Null(_resolver.OnAssemblyResolve(null, new ResolveEventArgs("")));
        }

#if NETFRAMEWORK
        // .NET Framework only: one AppDomain holds both versions (on .NET, one AssemblyLoadContext cannot, hence the ALC on PowerShell 7).
        [Fact]
        public void With_another_modules_ssh_net_already_loaded_the_engines_request_gets_ours_side_by_side()
        {
            var theirs = Assembly.LoadFrom(TheirsPath);
            var resolved = _resolver.Resolve(Ours);
            Assert.NotNull(resolved);
            Assert.Equal(Ours.Version, resolved.GetName().Version);
            // (LoadFrom hands back a copy of the same identity loaded earlier from another folder, so no path check.)
            Assert.NotSame(theirs, resolved);
            Assert.Equal(Theirs.Version, theirs.GetName().Version);
            // Both are live: a type from each, of different identity.
            Assert.NotEqual(theirs.GetType("Renci.SshNet.SshClient", true), resolved.GetType("Renci.SshNet.SshClient", true));
            // Asking again loads nothing new.
            Assert.Same(resolved, _resolver.Resolve(Ours));
        }

        [Fact]
        public void Through_AppDomain_AssemblyResolve_an_assembly_only_in_the_folder_is_loaded_from_it()
        {
            // An assembly nothing else has: default probing (the test's folder, the GAC) fails and the runtime asks the
            // handler, as Windows PowerShell 5.1 asks for everything that is not next to powershell.exe.
            var name = "SsmCompatProbe" + Guid.NewGuid().ToString("n").Substring(0, 8);
            var builder = AppDomain.CurrentDomain.DefineDynamicAssembly(new AssemblyName(name), System.Reflection.Emit.AssemblyBuilderAccess.Save, _dependencies);
            builder.DefineDynamicModule(name, name + ".dll").DefineType(name + ".Marker", TypeAttributes.Public).CreateType();
            builder.Save(name + ".dll");
            var asked = new System.Collections.Generic.List<string>();
            ResolveEventHandler handler = (sender, args) => { asked.Add(args.Name); return _resolver.OnAssemblyResolve(sender, args); };
            AppDomain.CurrentDomain.AssemblyResolve += handler;
            try
            {
                var loaded = Assembly.Load(name);
                Assert.Equal(Path.Combine(_dependencies, name + ".dll"), loaded.Location);
                Assert.NotNull(loaded.GetType(name + ".Marker", true));
                Assert.Contains(asked, n => n.StartsWith(name, StringComparison.Ordinal));
            }
            finally
            {
                AppDomain.CurrentDomain.AssemblyResolve -= handler;
            }
        }
#endif
    }
}
