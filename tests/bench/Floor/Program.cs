// The floor: what the hardware allows for the registration script, with nothing but SSH.NET.
// Usage: dotnet Floor.dll <job.json> <result.json>
//   job.json    { "concurrency": 16, "devices": [ { "name", "host", "port", "username", "password", "enableSecret" } ],
//                 "script": (tests/bench/Bench.psm1, Get-RegistrationScript: enable, setup, exec, config, save, register,
//                            answers, poll, verify) }
//   result.json { "devices": [ { "name", "ok", "error", "polls", "seconds", "kex" } ] }
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Renci.SshNet;

var job = JsonSerializer.Deserialize<Job>(File.ReadAllText(args[0]), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
var queue = new ConcurrentQueue<Device>(job.Devices);
var results = new ConcurrentBag<DeviceResult>();
// Dedicated threads: SSH.NET's Connect and Expect block, and the thread pool must not be what limits the fan-out.
var workers = Enumerable.Range(0, Math.Max(1, Math.Min(job.Concurrency, job.Devices.Count))).Select(_ => new Thread(() =>
{
    while (queue.TryDequeue(out var device)) results.Add(DeviceRun.Register(device, job.Script));
}) { IsBackground = true }).ToList();
workers.ForEach(t => t.Start());
workers.ForEach(t => t.Join());
File.WriteAllText(args[1], JsonSerializer.Serialize(new { devices = results.OrderBy(r => r.Name) }, new JsonSerializerOptions { IncludeFields = true }));
var ok = results.Count(r => r.Ok);
Console.WriteLine($"floor: {ok}/{job.Devices.Count} registered");
foreach (var failure in results.Where(r => !r.Ok).Take(5)) Console.WriteLine($"  {failure.Name}: {failure.Error}");

static class DeviceRun
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);   // Register-SsmDevice's default -TimeoutSec

    public static DeviceResult Register(Device d, Script s)
    {
        var clock = Stopwatch.StartNew();
        var result = new DeviceResult { Name = d.Name };
        try
        {
            var info = new ConnectionInfo(d.Host, d.Port, d.Username, new PasswordAuthenticationMethod(d.Username, d.Password)) { Timeout = TimeSpan.FromSeconds(60) };
            using var client = new SshClient(info);
            client.HostKeyReceived += (_, e) => e.CanTrust = true;   // the floor checks nothing it does not have to
            client.Connect();
            result.Kex = client.ConnectionInfo.CurrentKeyExchangeAlgorithm;
            using var shell = client.CreateShellStream("vt100", 511, 24, 0, 0, 4096);
            var first = shell.Expect(new Regex(@"[\w.\-/:]+[>#] ?$"), CommandTimeout) ?? throw new TimeoutException("no prompt after login");
            var host = Regex.Match(first, @"([\w.\-/:]+)[>#] ?$").Groups[1].Value;
            var prompt = new Regex("(?m)^" + Regex.Escape(host) + @"(\([\w.\-]+\))?[>#] ?\r?$");
            if (s.Enable && first.TrimEnd().EndsWith(">"))
            {
                shell.WriteLine("enable");
                if (shell.Expect(new Regex("[Pp]assword: ?$"), CommandTimeout) == null) throw new TimeoutException("no enable password prompt");
                shell.WriteLine(d.EnableSecret);
                // A second 'Password:' means the secret was refused: fail now, as the module does, not at the timeout.
                var after = shell.Expect(new Regex(prompt + "|[Pp]assword: ?$"), CommandTimeout) ?? throw new TimeoutException("no prompt after the enable secret");
                if (!prompt.IsMatch(after)) throw new InvalidOperationException("enable secret refused (asked again)");
            }
            foreach (var line in s.Setup.Concat(s.Exec)) Run(shell, prompt, line);
            if (s.Config.Count > 0)
            {
                Run(shell, prompt, s.EnterConfig);
                foreach (var line in s.Config) Run(shell, prompt, line);
                Run(shell, prompt, s.ExitConfig);
            }
            foreach (var line in s.Save.Concat(s.Register)) Run(shell, prompt, line, s.Answers.FirstOrDefault(a => a.Line == line));
            result.Ok = Poll(shell, prompt, s.Poll, out result.Polls, out result.Error);
            foreach (var line in s.Verify) Run(shell, prompt, line);
        }
        catch (Exception ex)
        {
            result.Ok = false;
            result.Error = ex.GetType().Name + ": " + ex.Message;
        }
        result.Seconds = clock.Elapsed.TotalSeconds;
        return result;
    }

    // Same cadence as the module's LicensePoller: read at once, then wait 250 ms growing by half up to 5 s.
    static bool Poll(ShellStream shell, Regex prompt, PollSpec p, out int polls, out string error)
    {
        var done = new Regex(p.Until);
        var failed = string.IsNullOrEmpty(p.Failed) ? null : new Regex(p.Failed);
        var deadline = DateTime.UtcNow.AddSeconds(p.TimeoutSec);
        var interval = (double)p.InitialMs;
        polls = 0;
        while (true)
        {
            var output = Run(shell, prompt, p.Command);
            polls++;
            if (done.IsMatch(output)) { error = null; return true; }
            if (failed != null && failed.IsMatch(output)) { error = "registration failed"; return false; }
            if (DateTime.UtcNow > deadline) { error = "registration still pending at the deadline"; return false; }
            Thread.Sleep((int)interval);
            interval = Math.Min(p.MaxMs, interval * p.Factor);
        }
    }

    static string Run(ShellStream shell, Regex prompt, string line, Answer answer = null)
    {
        if (line != null) shell.WriteLine(line);
        if (answer != null)
        {
            // The question comes before the prompt: answer it, then wait for the prompt as usual.
            _ = shell.Expect(new Regex(answer.Expect), CommandTimeout) ?? throw new TimeoutException($"no question after '{line}'");
            shell.WriteLine(answer.Reply);
        }
        return shell.Expect(prompt, CommandTimeout) ?? throw new TimeoutException($"no prompt after '{line}'");
    }
}

sealed class Job
{
    public int Concurrency { get; set; } = 1;
    public List<Device> Devices { get; set; } = new();
    public Script Script { get; set; }
}

sealed class Device
{
    public string Name { get; set; }
    public string Host { get; set; }
    public int Port { get; set; }
    public string Username { get; set; }
    public string Password { get; set; }
    public string EnableSecret { get; set; }
}

sealed class Script
{
    public bool Enable { get; set; }
    public List<string> Setup { get; set; } = new();
    public List<string> Exec { get; set; } = new();
    public string EnterConfig { get; set; } = "configure terminal";
    public List<string> Config { get; set; } = new();
    public string ExitConfig { get; set; } = "end";
    public List<string> Save { get; set; } = new();
    public List<string> Register { get; set; } = new();
    public List<Answer> Answers { get; set; } = new();
    public PollSpec Poll { get; set; }
    public List<string> Verify { get; set; } = new();
}

sealed class Answer
{
    public string Line { get; set; }
    public string Expect { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("answer")]   // a member may not be named like its class
    public string Reply { get; set; }
}

sealed class PollSpec
{
    public string Command { get; set; }
    public string Until { get; set; }
    public string Failed { get; set; }
    public int InitialMs { get; set; } = 250;
    public double Factor { get; set; } = 1.5;
    public int MaxMs { get; set; } = 5000;
    public int TimeoutSec { get; set; } = 120;
}

sealed class DeviceResult
{
    public string Name { get; set; }
    public bool Ok { get; set; }
    public string Error;
    public int Polls;
    public double Seconds { get; set; }
    public string Kex { get; set; }
}
