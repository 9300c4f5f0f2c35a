using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SsmOnPrem.Lab.OnPrem
{
    /// <summary>
    /// 'SsmOnPrem.Lab onprem': runs the emulator out of process until killed (SIGTERM/SIGINT).
    ///   --port N (0 = dynamic)  --state-dir DIR  --account NAME  --lva NAME (repeatable; first = default)
    ///   --client-id ID  --client-secret S  --boot-seconds N  --api-prefix Both|RootOnly|BackendOnly
    ///   --user NAME  --password P (password grant)  --extra-account NAME (repeatable)  --no-tenant-url (alias
    ///   --no-tenant-id)  --no-inferred-endpoints  --legacy-account-list  --expired-bearer-status 401|403
    ///   --token-lifetime SECONDS  --faults JSON (OnPremFaults, camelCase; replaces fault options given before it)
    /// Writes DIR/onprem.json (url, thumbprints, account, lva, client id/secret, pid) once listening, and keeps its
    /// certificate in DIR/onprem.pfx and secret in the json so a restart keeps both.
    /// </summary>
    public static class OnPremCommand
    {
        public const string DescriptionFileName = "onprem.json";

        public static async Task<int> RunAsync(string[] args)
        {
            OnPremEmulatorOptions options;
            string stateDir;
            try { (options, stateDir) = Parse(args); }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is JsonException)
            {
                Console.Error.WriteLine("onprem: " + ex.Message);
                return 2;
            }
            Directory.CreateDirectory(stateDir);
            var descriptionPath = Path.Combine(stateDir, DescriptionFileName);
            options.CertificatePath = Path.Combine(stateDir, "onprem.pfx");
            if (options.ClientSecret == null && File.Exists(descriptionPath))
            {
                // Restart: keep the secrets the lab already handed out.
                using var previous = JsonDocument.Parse(File.ReadAllText(descriptionPath));
                if (previous.RootElement.TryGetProperty("clientSecret", out var s)) options.ClientSecret = s.GetString();
                if (options.UserPassword == null && previous.RootElement.TryGetProperty("userPassword", out var p)) options.UserPassword = p.GetString();
            }

            using var stop = new CancellationTokenSource();
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

            await using var emulator = await OnPremEmulator.StartAsync(options, stop.Token);
            var description = new
            {
                url = emulator.BaseAddress.ToString().TrimEnd('/'),
                host = emulator.BaseAddress.Host,
                port = emulator.Port,
                certificateThumbprint = emulator.CertificateThumbprint,
                certificateThumbprintSha1 = emulator.CertificateThumbprintSha1,
                account = emulator.Account,
                accountId = emulator.AccountId,
                virtualAccount = emulator.DefaultVirtualAccount,
                virtualAccounts = emulator.VirtualAccounts,
                clientId = emulator.ClientId,
                clientSecret = emulator.ClientSecret,
                userName = emulator.UserName,
                userPassword = emulator.UserPassword,
                domain = emulator.Options.Domain,
                csluTenant = emulator.CsluTenant,
                csluUrl = emulator.CsluUrl,
                smartTransportUrl = emulator.SmartTransportUrl.ToString(),
                callHomeUrl = emulator.CallHomeUrl.ToString(),
                processId = Environment.ProcessId,
            };
            var temp = descriptionPath + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(description, new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temp, descriptionPath, overwrite: true);
            Console.WriteLine($"SSM On-Prem emulator listening on {description.url} (SHA-256 {description.certificateThumbprint})");

            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }
            return 0;
        }

        private static (OnPremEmulatorOptions, string) Parse(string[] args)
        {
            var options = new OnPremEmulatorOptions();
            var lvas = new List<string>();
            string stateDir = null;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i].ToLowerInvariant())
                {
                    case "onprem": break;
                    case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--state-dir": stateDir = Next(); break;
                    case "--account": options.Account = Next(); break;
                    case "--lva": lvas.Add(Next()); break;
                    case "--client-id": options.ClientId = Next(); break;
                    case "--client-secret": options.ClientSecret = Next(); break;
                    case "--boot-seconds": options.Faults.BootSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--api-prefix": options.ApiPrefixes = Enum.Parse<EmulatedApiPrefix>(Next(), ignoreCase: true); break;
                    case "--faults": options.Faults = JsonSerializer.Deserialize<OnPremFaults>(Next(), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? new OnPremFaults(); break;
                    case "--no-tenant-id":
                    case "--no-tenant-url": options.ReportTenantUrl = false; break;
                    case "--legacy-account-list": options.LegacyAccountList = true; break;
                    case "--extra-account": options.ExtraAccounts.Add(Next()); break;
                    case "--user": options.UserName = Next(); break;
                    case "--password": options.UserPassword = Next(); break;
                    case "--expired-bearer-status": options.ExpiredBearerStatus = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--no-inferred-endpoints": options.InferredEndpoints = false; break;
                    case "--token-lifetime": options.AccessTokenLifetimeSeconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
            if (stateDir == null) throw new ArgumentException("--state-dir is required");
            if (lvas.Count > 0) options.VirtualAccounts = lvas;
            return (options, stateDir);
        }
    }
}
