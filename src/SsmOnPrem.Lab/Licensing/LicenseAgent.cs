using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Contracts;
using SsmOnPrem.Lab.Devices;
using SsmOnPrem.Lab.Outputs;

namespace SsmOnPrem.Lab.Licensing
{
    /// <summary>
    /// The device's Smart Licensing agent: registration, trust, usage reports, renew and deregister run in the
    /// background after the CLI has answered, call the On-Prem emulator over HTTPS at the configured URL, and land
    /// in the device's license state and syslog, as on a real device.
    /// </summary>
    public static class LicenseAgent
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        private const string Cssm = "the Cisco Smart Software Manager (CSSM)";

        public static void StartRegistration(DeviceRuntime d, string token, bool force)
        {
            var l = d.License;
            int generation;
            lock (d.Sync)
            {
                generation = ++l.RegistrationGeneration;   // a newer 'register' supersedes one still in flight
                l.Registration = RegistrationState.InProgress;
                l.FailureReason = null;
                l.LastAttempt = DateTimeOffset.UtcNow;
            }
            _ = Task.Run(() => RegisterAsync(d, token, force, generation));
        }

        private static async Task RegisterAsync(DeviceRuntime d, string token, bool force, int generation)
        {
            await Task.Delay(Delay(d));
            if (d.Faults.RegistrationStuck) return;   // stays REGISTRATION IN PROGRESS
            var request = new DeviceRegistrationRequest { Action = DeviceActions.Register, IdToken = token, Force = force, Device = Identity(d) };
            var (response, reason) = await PostAsync<DeviceRegistrationResponse>(d, request, usage: false);
            var now = DateTimeOffset.UtcNow;
            var l = d.License;
            lock (d.Sync)
            {
                if (generation != l.RegistrationGeneration || !ReferenceEquals(l, d.License)) return;
                l.LastAttempt = now;
                if (response != null && response.Success)
                {
                    l.Registration = RegistrationState.Registered;
                    l.SmartAccount = response.SmartAccount;
                    l.VirtualAccount = response.VirtualAccount;
                    l.ExportControlled = response.ExportControlled;
                    l.InitialRegistration = now;
                    l.RegistrationExpires = response.RegistrationExpires ?? now.AddDays(365);
                    l.AuthorizedOn = now;
                    l.AuthorizationExpires = response.AuthorizationExpires ?? now.AddDays(90);
                    l.FailureReason = null;
                }
                else
                {
                    l.Registration = RegistrationState.Failed;
                    l.FailureReason = reason;
                }
            }
            if (l.Registration == RegistrationState.Registered)
            {
                d.Syslog($"%SMART_LIC-6-AGENT_REG_SUCCESS: Smart Agent for Licensing Registration with {Cssm} for udi {d.Profile.Udi}");
                d.Syslog($"%SMART_LIC-6-AUTH_RENEW_SUCCESS: Authorization renewal with {Cssm} : State changed to Authorized. for udi {d.Profile.Udi}");
            }
            else d.Syslog($"%SMART_LIC-3-AGENT_REG_FAILED: Smart Agent for Licensing Registration with {Cssm} failed: {reason}");
        }

        public static void StartTrust(DeviceRuntime d, string token, bool force)
        {
            lock (d.Sync) { d.License.TrustInProgress = true; d.License.TrustFailureReason = null; d.License.TrustAttempt = DateTimeOffset.UtcNow; }
            _ = Task.Run(async () =>
            {
                await Task.Delay(Delay(d));
                if (d.Faults.RegistrationStuck) return;
                var request = new UsageReportRequest { Action = DeviceActions.Trust, IdToken = token, Device = Identity(d), Usage = Usage(d) };
                var (response, reason) = await PostAsync<UsageReportResponse>(d, request, usage: true);
                var now = DateTimeOffset.UtcNow;
                lock (d.Sync)
                {
                    var l = d.License;
                    l.TrustInProgress = false;
                    if (response != null && response.Success)
                    {
                        l.TrustCodeInstalled = response.TrustCodeInstalled ?? now;
                        l.SmartAccount = response.SmartAccount ?? l.SmartAccount;
                        l.VirtualAccount = response.VirtualAccount ?? l.VirtualAccount;
                        l.AccountAsOf = now;
                    }
                    else l.TrustFailureReason = reason;
                }
                if (d.License.TrustFailureReason == null)
                    d.Syslog($"%SMART_LIC-6-TRUST_INSTALL_SUCCESS: A new licensing trust code was successfully installed on P:{d.Profile.Pid},S:{d.Profile.SerialNumber}.");
                else
                    d.Syslog($"%SMART_LIC-3-TRUST_INSTALL_FAILED: The install of a new licensing trust code has failed on P:{d.Profile.Pid},S:{d.Profile.SerialNumber}: {d.License.TrustFailureReason}.");
            });
        }

        public static void StartSync(DeviceRuntime d)
        {
            var now = DateTimeOffset.UtcNow;
            lock (d.Sync) { d.License.LastReportPush = now; d.License.WaitingForAck++; d.License.LastReportAttempt = now; d.License.ReportsTotal++; }
            _ = Task.Run(async () =>
            {
                await Task.Delay(Math.Min(Delay(d), 1000));
                if (d.Faults.RegistrationStuck) return;
                var request = new UsageReportRequest { Action = DeviceActions.Report, Device = Identity(d), Usage = Usage(d) };
                var (response, reason) = await PostAsync<UsageReportResponse>(d, request, usage: true);
                bool restored;
                lock (d.Sync)
                {
                    var l = d.License;
                    restored = l.LastReportFailure != null;
                    if (response != null && response.Success)
                    {
                        l.LastAckReceived = response.AckReceived ?? DateTimeOffset.UtcNow;
                        l.WaitingForAck = 0;
                        l.AcksReceived++;
                        l.LastReportFailure = null;
                        l.SmartAccount = response.SmartAccount ?? l.SmartAccount;
                        l.VirtualAccount = response.VirtualAccount ?? l.VirtualAccount;
                        l.AccountAsOf = l.LastAckReceived;
                    }
                    else l.LastReportFailure = reason;
                }
                if (d.License.LastReportFailure == null)
                {
                    if (restored) d.Syslog("%SMART_LIC-5-COMM_RESTORED: Communications with Cisco Smart License Utility (CSLU) restored");
                    d.Syslog($"%SMART_LIC-6-USAGE_ACK_RECEIVED: Usage report acknowledgement received from {(d.License.SmartAccount ?? "CSLU")}");
                }
                else d.Syslog($"%SMART_LIC-3-COMM_FAILED: Communications failure with the Cisco Smart License Utility (CSLU) : {reason}");
            });
        }

        public static void StartRenew(DeviceRuntime d, bool registration)
        {
            _ = Task.Run(async () =>
            {
                var request = new DeviceRegistrationRequest { Action = DeviceActions.Renew, Device = Identity(d) };
                var (response, reason) = await PostAsync<DeviceRegistrationResponse>(d, request, usage: false);
                var now = DateTimeOffset.UtcNow;
                lock (d.Sync)
                {
                    var l = d.License;
                    l.LastRenewalAttempt = now;
                    l.LastRenewalResult = response?.Success == true ? null : reason;
                    if (response?.Success == true)
                    {
                        if (registration) l.RegistrationExpires = response.RegistrationExpires ?? now.AddDays(365);
                        l.AuthorizedOn = now;
                        l.AuthorizationExpires = response.AuthorizationExpires ?? now.AddDays(90);
                    }
                }
                if (response?.Success == true) d.Syslog($"%SMART_LIC-6-{(registration ? "ID_CERT_RENEW_SUCCESS" : "AUTH_RENEW_SUCCESS")}: {(registration ? "Identity certificate renewal successful" : $"Authorization renewal with {Cssm} : State changed to Authorized.")} for udi {d.Profile.Udi}");
                else d.Syslog($"%SMART_LIC-3-{(registration ? "ID_CERT_RENEW_FAILED" : "AUTH_RENEW_FAILED")}: {(registration ? "Identity certificate renewal failed" : $"Authorization renewal with {Cssm}")} : {reason} for udi {d.Profile.Udi}");
            });
        }

        public static async Task DeregisterAsync(DeviceRuntime d)
        {
            var request = new DeviceRegistrationRequest { Action = DeviceActions.Deregister, Device = Identity(d) };
            await PostAsync<DeviceRegistrationResponse>(d, request, usage: false);   // a device forgets locally whatever the server says
            lock (d.Sync)
            {
                var l = d.License;
                l.Registration = RegistrationState.Unregistered;
                l.SmartAccount = l.VirtualAccount = null;
                l.InitialRegistration = l.RegistrationExpires = l.AuthorizedOn = l.AuthorizationExpires = null;
                l.FailureReason = null;
                l.TrustCodeInstalled = null;
            }
            d.Syslog($"%SMART_LIC-6-AGENT_DEREG_SUCCESS: Smart Agent for Licensing De-registration with {Cssm} was successful");
        }

        // ---- the HTTPS call ----

        private static async Task<(T response, string reason)> PostAsync<T>(DeviceRuntime d, object body, bool usage) where T : class
        {
            if (!string.IsNullOrEmpty(d.Faults.RegistrationFailure)) return (null, d.Faults.RegistrationFailure);
            var transport = LicenseTransport.Read(d);
            if (transport.Url == null) return (null, transport.MissingReason);
            string sendError = transport.Kind == TransportKind.Callhome ? "Fail to send out Call Home HTTP message." : "Communication message send error";
            if (!Uri.TryCreate(transport.Url, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http")) return (null, sendError);
            var address = await Ping.ResolveAsync(d, uri.Host);
            if (address == null) return (null, transport.Kind == TransportKind.Callhome ? sendError : "Unable to resolve server hostname/domain name");
            var target = new UriBuilder(uri) { Host = address.ToString() }.Uri;
            if (!System.Net.IPAddress.IsLoopback(address)) return (null, sendError);   // the lab's network has nothing else
            if (d.Faults.BlockOnPremPort) return (null, sendError);                  // an ACL: TCP to On-Prem refused
            if (!ServerIdentity.Accepts(d, uri.Host)) return (null, sendError);     // the device refuses the certificate's name, tersely
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, target) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
                message.Headers.Host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                using var answer = await d.Lab.Http.SendAsync(message, cts.Token);
                var text = await answer.Content.ReadAsStringAsync();
                T parsed = null;
                try { parsed = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, Json); } catch (JsonException) { }
                if (answer.IsSuccessStatusCode && parsed != null) return (parsed, null);
                var reason = parsed switch
                {
                    DeviceRegistrationResponse r when !string.IsNullOrEmpty(r.Reason) => r.Reason,
                    UsageReportResponse u when !string.IsNullOrEmpty(u.Reason) => u.Reason,
                    _ => string.IsNullOrWhiteSpace(text) ? "Received empty response from server" : $"HTTP {(int)answer.StatusCode} {answer.ReasonPhrase}",
                };
                return (null, reason);
            }
            catch (Exception)
            {
                return (null, sendError);
            }
        }

        private static int Delay(DeviceRuntime d) => d.Faults.RegistrationDelayMs ?? d.Lab.RegistrationDelayMs;

        private static DeviceIdentity Identity(DeviceRuntime d) => new DeviceIdentity
        {
            Hostname = DeviceText.Hostname(d), Pid = d.Profile.Pid, SerialNumber = d.Profile.SerialNumber, Platform = d.Profile.Platform, Release = d.Profile.Release,
        };

        public static List<UsageEntry> Usage(DeviceRuntime d) =>
            Entitlements.For(d.Profile).Select(e => new UsageEntry { EntitlementTag = e.Tag, Name = e.Name, Count = 1 }).ToList();
    }
}
