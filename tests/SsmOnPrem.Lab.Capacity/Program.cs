using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Renci.SshNet;

// Measures what the lab issue asks for, against the lab as Start-SsmLab runs it (a separate 'SsmOnPrem.Lab start' process):
//   lab start time for 10 and 1,000 devices; connect-to-prompt latency at 1 and 100 concurrent sessions;
//   memory (RSS) of the lab process, its sshd instances and the session processes with 100 sessions open.
ThreadPool.SetMinThreads(200, 200);
var labDll = args.Length > 1 && args[0] == "--lab" ? args[1] : Path.Combine(FindRepoRoot(), "out/SsmOnPrem.Lab/SsmOnPrem.Lab.dll");
if (!File.Exists(labDll)) { Console.Error.WriteLine($"{labDll} is missing: run 'dotnet pwsh ./build.ps1 Build' first."); return 2; }
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}; lab: {labDll}");

foreach (var count in new[] { 10, 1000 })
{
    using var lab = LabProcess.Start(labDll, count);
    Console.WriteLine($"start {count,5} devices: {lab.StartSeconds:F2} s to lab.json (lab's own figure {lab.Json.RootElement.GetProperty("StartSeconds").GetDouble():F2} s), sshd instances: {lab.Json.RootElement.GetProperty("SshdProcessIds").GetArrayLength()}, lab PSS {Rss(lab.Process.Id) / 1024.0:F0} MB");
    if (count != 1000) continue;

    var devices = lab.Json.RootElement.GetProperty("Devices").EnumerateArray().ToList();
    var single = Enumerable.Range(0, 10).Select(i => ConnectToPrompt(devices[i * 97 % devices.Count], out _)).ToList();
    Console.WriteLine($"connect-to-prompt, 1 session at a time (10 runs): median {Median(single):F0} ms, max {single.Max():F0} ms");

    var sessions = new SshClient[100];
    var times = new double[100];
    using var barrier = new Barrier(100);
    var threads = Enumerable.Range(0, 100).Select(i => new Thread(() =>
    {
        barrier.SignalAndWait();
        times[i] = ConnectToPrompt(devices[i * 7 % devices.Count], out sessions[i]);
    })).ToList();
    var wall = Stopwatch.StartNew();
    threads.ForEach(t => t.Start());
    threads.ForEach(t => t.Join());
    Console.WriteLine($"connect-to-prompt, 100 concurrent: median {Median(times):F0} ms, p95 {Percentile(times, 0.95):F0} ms, max {times.Max():F0} ms, all 100 in {wall.Elapsed.TotalSeconds:F1} s, failures {times.Count(t => t < 0)}");

    Thread.Sleep(500);
    var sshdPids = lab.Json.RootElement.GetProperty("SshdProcessIds").EnumerateArray().Select(e => e.GetInt32()).ToList();
    var sessionPids = sshdPids.SelectMany(Descendants).ToList();
    long labRss = Rss(lab.Process.Id), sshdRss = sshdPids.Sum(Rss), sessionRss = sessionPids.Sum(Rss);
    Console.WriteLine($"memory with 100 sessions open: lab process {labRss / 1024.0:F0} MB, {sshdPids.Count} listening sshd {sshdRss / 1024.0:F0} MB, " +
                      $"{sessionPids.Count} per-session processes (sshd+bash+cat) {sessionRss / 1024.0:F0} MB (PSS: shared pages split among sharers)");
    foreach (var s in sessions) s?.Dispose();
    Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
}
return 0;

static double ConnectToPrompt(JsonElement device, out SshClient client)
{
    var watch = Stopwatch.StartNew();
    client = null;
    try
    {
        var user = device.GetProperty("Username").GetString();
        var password = device.GetProperty("Password").GetString();
        var keyboard = new KeyboardInteractiveAuthenticationMethod(user);
        keyboard.AuthenticationPrompt += (s, e) => { foreach (var p in e.Prompts) p.Response = password; };
        client = new SshClient(new ConnectionInfo("127.0.0.1", device.GetProperty("Port").GetInt32(), user, keyboard) { Timeout = TimeSpan.FromSeconds(60) });
        client.Connect();
        var shell = client.CreateShellStream("vt100", 200, 24, 0, 0, 4096);
        var prompt = shell.Expect(new Regex(@"[>#] ?$"), TimeSpan.FromSeconds(60));
        if (prompt == null) return -1;
        return watch.Elapsed.TotalMilliseconds;
    }
    catch (Exception e) { Console.Error.WriteLine("session failed: " + e.Message); return -1; }
}

static double Median(IEnumerable<double> values) => Percentile(values, 0.5);
static double Percentile(IEnumerable<double> values, double p)
{
    var sorted = values.Where(v => v >= 0).OrderBy(v => v).ToList();
    return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

// Proportional set size in kB: shared pages (sshd's, bash's code) divided among the processes sharing them.
static long Rss(int pid)
{
    try { return long.Parse(File.ReadAllLines($"/proc/{pid}/smaps_rollup").First(l => l.StartsWith("Pss:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]); }
    catch { return 0; }
}

static IEnumerable<int> Descendants(int pid)
{
    var children = new List<int>();
    foreach (var dir in Directory.GetDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var id)) continue;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var ppid = int.Parse(stat.Substring(stat.LastIndexOf(')') + 2).Split(' ')[1]);
            if (ppid == pid) children.Add(id);
        }
        catch { }
    }
    return children.Concat(children.SelectMany(Descendants)).ToList();
}

static string FindRepoRoot()
{
    var dir = AppContext.BaseDirectory;
    while (dir != null && !File.Exists(Path.Combine(dir, "SsmOnPrem.sln"))) dir = Path.GetDirectoryName(dir);
    return dir ?? Directory.GetCurrentDirectory();
}

sealed class LabProcess : IDisposable
{
    public Process Process { get; private set; }
    public JsonDocument Json { get; private set; }
    public double StartSeconds { get; private set; }
    private string state;

    public static LabProcess Start(string dll, int devices)
    {
        var lab = new LabProcess { state = Path.Combine(Path.GetTempPath(), "ssmonprem-capacity-" + Guid.NewGuid().ToString("N")[..8]) };
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "start", "--devices", devices.ToString(), "--state", lab.state, "--registration-delay-ms", "0" }) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        lab.Process = Process.Start(psi);
        var ready = lab.Process.StandardOutput.ReadLine();
        lab.StartSeconds = watch.Elapsed.TotalSeconds;
        if (ready == null || !ready.StartsWith("READY")) throw new InvalidOperationException("lab failed: " + lab.Process.StandardError.ReadToEnd());
        lab.Json = JsonDocument.Parse(File.ReadAllText(Path.Combine(lab.state, "lab.json")));
        return lab;
    }

    public void Dispose()
    {
        // SIGTERM: the lab stops its own sshd instances; anything left after 10 s is killed by PID.
        try { System.Diagnostics.Process.Start("kill", new[] { "-TERM", Process.Id.ToString() }).WaitForExit(); Process.WaitForExit(10000); Process.Kill(); } catch { }
        foreach (var pid in Json.RootElement.GetProperty("SshdProcessIds").EnumerateArray().Select(e => e.GetInt32()))
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch { }
        try { Directory.Delete(state, true); } catch { }
    }
}
