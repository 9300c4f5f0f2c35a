using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Newtonsoft.Json.Linq;

namespace SsmOnPrem.Client.Tests.Compat
{
    /// <summary>
    /// The lab (net10.0) as a separate process, for the net472 build run under Mono, which cannot host ASP.NET Core
    /// in process: 'SsmOnPrem.Lab.dll onprem' (the HTTPS emulator alone, writes onprem.json) or 'start' (devices
    /// behind the real sshd, writes lab.json). Uses the lab that 'build.ps1 Build' lays out in out/SsmOnPrem.Lab.
    /// </summary>
    public sealed class LabProcess : IDisposable
    {
        private readonly Process _process;

        private LabProcess(Process process, string directory, JObject description)
        {
            _process = process;
            Directory = directory;
            Description = description;
        }

        public string Directory { get; }
        public JObject Description { get; }

        public static LabProcess StartOnPrem() => Start("onprem --port 0 --state-dir", "onprem.json");

        public static LabProcess StartDevices(int count, string platforms) =>
            Start($"start --devices {count} --platform {platforms} --state", "lab.json");

        private static LabProcess Start(string arguments, string descriptionFile)
        {
            var dll = LabDll();
            var dir = Path.Combine(Path.GetTempPath(), "ssm-compat-" + Guid.NewGuid().ToString("n").Substring(0, 10));
            System.IO.Directory.CreateDirectory(dir);
            var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments} \"{dir}\"")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var process = Process.Start(info);
            var stderr = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
            process.OutputDataReceived += (_, e) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var json = Path.Combine(dir, descriptionFile);
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (true)
            {
                if (File.Exists(json))
                {
                    try { return new LabProcess(process, dir, JObject.Parse(File.ReadAllText(json))); }
                    catch (Exception e) when (e is IOException || e is Newtonsoft.Json.JsonException) { /* still being written */ }
                }
                if (process.HasExited) throw new InvalidOperationException($"The lab exited ({process.ExitCode}): {stderr}");
                if (DateTime.UtcNow > deadline)
                {
                    Stop(process);
                    throw new TimeoutException($"The lab did not write {descriptionFile} within 120 s: {stderr}");
                }
                Thread.Sleep(100);
            }
        }

        /// <summary>out/SsmOnPrem.Lab/SsmOnPrem.Lab.dll of the repository this test assembly was built in (or $SSMONPREM_LAB_DLL).</summary>
        private static string LabDll()
        {
            var configured = Environment.GetEnvironmentVariable("SSMONPREM_LAB_DLL");
            if (!string.IsNullOrEmpty(configured)) return configured;
            for (var dir = new DirectoryInfo(AppDomain.CurrentDomain.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "out", "SsmOnPrem.Lab", "SsmOnPrem.Lab.dll");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("out/SsmOnPrem.Lab/SsmOnPrem.Lab.dll is missing: run 'dotnet pwsh ./build.ps1 Build' first.");
        }

        // SIGTERM, not Kill(): the lab stops its sshd processes and removes its state on a graceful stop.
        private static void Stop(Process process)
        {
            if (process.HasExited) return;
            using (var kill = Process.Start(new ProcessStartInfo("kill", "-TERM " + process.Id) { UseShellExecute = false })) kill.WaitForExit();
            if (!process.WaitForExit(15000)) process.Kill();
        }

        public void Dispose()
        {
            Stop(_process);
            _process.Dispose();
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
