using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    // Transport URLs, product instances, transfers, licenses and synchronization.
    public sealed partial class OnPremClient
    {
        /// <summary>
        /// The device-facing URL of a transport. CallHome and SmartTransport are fixed paths on the server's host. Cslu
        /// belongs to the local account: its cslu_tenant_url (evidence A) — an absolute URL is used as given (its
        /// percent-encoding kept), a bare tenant or path is completed on the device-facing host. <paramref name="tenantId"/>
        /// overrides it: a number n ("account-n", as public examples show), a tenant, a path or a whole URL.
        /// </summary>
        public async Task<TransportUrl> GetTransportUrlAsync(TransportType type, string virtualAccount = null, string tenantId = null, CancellationToken ct = default)
        {
            var va = string.IsNullOrWhiteSpace(virtualAccount) ? _connection.VirtualAccount : CheckName(virtualAccount);
            switch (type)
            {
                case TransportType.CallHome:
                    return new TransportUrl { Type = type, Url = DeviceUrl(ConfirmedEndpoints.CallHomePath), VirtualAccount = va };
                case TransportType.SmartTransport:
                    return new TransportUrl { Type = type, Url = DeviceUrl(ConfirmedEndpoints.SmartTransportPath), VirtualAccount = va };
            }
            var account = RequireAccount();
            string given;
            string source;
            if (!string.IsNullOrWhiteSpace(tenantId))
            {
                given = tenantId.Trim();
                source = "parameter";
                if (given.All(char.IsDigit)) given = Uri.EscapeDataString(account) + "-" + given;
            }
            else
            {
                var record = _connection.LocalAccount;
                if (record == null || !string.Equals(record.Name, account, StringComparison.Ordinal))
                {
                    var accounts = await TryListAccountsAsync(ct).ConfigureAwait(false);
                    record = accounts == null ? null : Match(accounts, account);
                }
                given = record?.CsluTenantUrl?.Trim();
                source = "server";
                if (string.IsNullOrEmpty(given))
                    throw new SsmOnPremException(OnPremErrorIds.TenantIdRequired, SsmErrorKind.InvalidOperation,
                        record == null
                            ? $"This SSM On-Prem does not list its local accounts to this API client, so the CSLU tenant of '{account}' (cslu_tenant_url) is unknown."
                            : $"SSM On-Prem gave no CSLU tenant (cslu_tenant_url) for the local account '{account}'.",
                        "In the On-Prem UI open Smart Licensing > Inventory, tab General: copy the 'CSLU Transport URL' and pass it (or the number after its last '-') with -TenantId.") { Target = account };
            }
            var url = CsluUrl(given, tenantId != null ? "-TenantId" : "cslu_tenant_url");
            var tenant = url.Substring(url.LastIndexOf('/') + 1);
            return new TransportUrl { Type = type, Url = url, VirtualAccount = va, Account = account, Tenant = tenant, TenantSource = source };
        }

        /// <summary>An absolute http(s) URL as given (AbsoluteUri keeps and completes the percent-encoding); a path or tenant on the device host.</summary>
        private string CsluUrl(string given, string what)
        {
            SsmOnPremException Bad(string why) => new SsmOnPremException(OnPremErrorIds.TenantIdRequired, SsmErrorKind.InvalidArgument,
                $"'{given}' ({what}) is not a CSLU tenant: {why}.", "Pass the 'CSLU Transport URL' of the local account (On-Prem UI: Inventory > General), its last part, or the number after its last '-'.");
            string url;
            if (given.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                if (!Uri.TryCreate(given, UriKind.Absolute, out var absolute) || (absolute.Scheme != "https" && absolute.Scheme != "http")) throw Bad("it is not an http(s) URL");
                // The server's cslu_tenant_url names the host as the server knows itself; a -DeviceHost given on the
                // connection is the name devices must use (the certificate's), so it re-hosts the server's URL. A whole
                // URL the user typed (-TenantId) is taken as given.
                url = _connection.DeviceHost != null && what == "cslu_tenant_url"
                    ? new Uri(absolute.Scheme + "://" + HostPart() + absolute.AbsolutePath).AbsoluteUri
                    : absolute.AbsoluteUri;
            }
            else if (given.StartsWith("/", StringComparison.Ordinal))
            {
                url = DeviceUrl(given);
            }
            else
            {
                if (given.IndexOfAny(new[] { '/', '?', '#', '\r', '\n' }) >= 0) throw Bad("it contains '/', '?' or '#'");
                // Normalise to one level of percent-encoding: "Lab Account-1" and "Lab%20Account-1" are the same tenant.
                url = DeviceUrl(ConfirmedEndpoints.CsluPathPrefix + Uri.EscapeDataString(Uri.UnescapeDataString(given)));
            }
            if (url.TrimEnd('/').EndsWith(ConfirmedEndpoints.CsluPathPrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) throw Bad("it has no tenant after /cslu/v1/pi/");
            return url;
        }

        private string HostPart()
        {
            var server = _connection.DeviceHost ?? _connection.Server;
            var host = server.IndexOf(':') >= 0 && !server.StartsWith("[", StringComparison.Ordinal) ? "[" + server + "]" : server; // Uri.Host brackets IPv6 already
            return _connection.DevicePort == 443 ? host : host + ":" + _connection.DevicePort;
        }

        private string DeviceUrl(string path) => new Uri("https://" + HostPart() + path).AbsoluteUri;

        /// <summary>
        /// Product instances of a virtual account (GET .../devices, evidence A), filtered here: by serial number first
        /// (sudi.udiSerialNumber), then by name (instanceName). Nothing is sent as a query: no public client does.
        /// </summary>
        public async Task<IReadOnlyList<ProductInstance>> GetProductInstancesAsync(string virtualAccount = null, string name = null, string serialNumber = null, CancellationToken ct = default)
        {
            var account = RequireAccount();
            var va = RequireVirtualAccount(virtualAccount);
            var path = ConfirmedEndpoints.ProductInstances(account, va);
            var json = await CallAsync(HttpMethod.Get, path, null, true, $"list the product instances of '{va}'", account, va, confirmed: true, ct, feature: "product instances").ConfigureAwait(false);
            var array = JsonFields.Array(json, "devices", "productInstances");
            if (array == null) throw Transport.InvalidResponse(new OnPremTransport.Response { Method = "GET", Path = path }, "the answer has no devices list");
            IEnumerable<ProductInstance> all = array.OfType<JObject>().Select(o => ReadProductInstance(o, va)).ToList();
            if (!string.IsNullOrEmpty(serialNumber)) all = all.Where(p => string.Equals(p.SerialNumber, serialNumber.Trim(), StringComparison.OrdinalIgnoreCase));
            if (!string.IsNullOrEmpty(name)) all = all.Where(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            return all.ToList();
        }

        /// <summary>
        /// A device by serial number: in the connection's LVA first, then in every other LVA of the account (an SLP
        /// report lands in the account's default LVA, which need not be the connection's).
        /// </summary>
        public async Task<IReadOnlyList<ProductInstance>> FindProductInstancesAsync(string serialNumber, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(serialNumber)) return Array.Empty<ProductInstance>();
            var first = _connection.VirtualAccount;
            if (first != null)
            {
                var here = await GetProductInstancesAsync(first, null, serialNumber, ct).ConfigureAwait(false);
                if (here.Count > 0) return here;
            }
            var lvas = await TryListVirtualAccountsAsync(RequireAccount(), ct).ConfigureAwait(false);
            foreach (var va in (lvas ?? Array.Empty<VirtualAccount>()).Where(v => v.Name != first))
            {
                var there = await GetProductInstancesAsync(va.Name, null, serialNumber, ct).ConfigureAwait(false);
                if (there.Count > 0) return there;
            }
            return Array.Empty<ProductInstance>();
        }

        private static ProductInstance ReadProductInstance(JObject o, string va)
        {
            var sudi = JsonFields.First(o, "sudi") as JObject;
            var pid = JsonFields.String(sudi, "udiPid") ?? JsonFields.String(o, "productId", "pid");
            var serial = JsonFields.String(sudi, "udiSerialNumber") ?? JsonFields.String(o, "serialNumber", "sn");
            return new ProductInstance
            {
                Name = JsonFields.String(o, "instanceName", "hostname", "name"),
                ProductTag = JsonFields.String(o, "productTagName", "productTag"),
                ProductId = pid,
                SerialNumber = serial,
                Sudi = sudi == null ? null : new ProductInstanceSudi
                {
                    UdiPid = JsonFields.String(sudi, "udiPid"),
                    UdiSerialNumber = JsonFields.String(sudi, "udiSerialNumber"),
                    UdiVid = JsonFields.String(sudi, "udiVid"),
                    Suvi = JsonFields.String(sudi, "suvi"),
                    Uuid = JsonFields.String(sudi, "uuid"),
                    HostIdentifier = JsonFields.String(sudi, "hostIdentifier"),
                    MacAddress = JsonFields.String(sudi, "macAddress"),
                },
                Udi = JsonFields.String(o, "udi") ?? (pid != null || serial != null ? $"PID:{pid},SN:{serial}" : null),
                VirtualAccount = JsonFields.String(o, "virtualAccount", "virtualAccountName") ?? va,
                Transport = JsonFields.String(o, "transport", "transportType"),
                RegisteredOn = JsonFields.Date(o, "registrationDate", "registeredOn"),
                TrustedOn = JsonFields.Date(o, "trustDate", "trustedOn"),
                LastReportOn = JsonFields.Date(o, "lastReportDate", "lastContactDate", "lastReportOn", "lastContact"),
                ExportControlled = JsonFields.Allowed(o, "exportControlled"),
                Alerts = (JsonFields.Array(o, "alerts") ?? new JArray()).OfType<JObject>().Select(a => new ProductInstanceAlert
                {
                    Message = JsonFields.String(a, "message", "alertMessage", "description"),
                    Severity = JsonFields.String(a, "severity", "type"),
                    RaisedOn = JsonFields.Date(a, "date", "raisedOn", "createdOn"),
                }).ToList(),
            };
        }

        /// <summary>The transfer body for one product instance (evidence A): its sudi, product tag and the target LVA.</summary>
        internal static JObject TransferBody(ProductInstance instance, string target)
        {
            var sudi = new JObject();
            void Put(string key, string value) { if (value != null) sudi[key] = value; }
            Put("udiPid", instance.Sudi?.UdiPid ?? instance.ProductId);
            Put("udiSerialNumber", instance.Sudi?.UdiSerialNumber ?? instance.SerialNumber);
            Put("udiVid", instance.Sudi?.UdiVid);
            Put("suvi", instance.Sudi?.Suvi);
            Put("uuid", instance.Sudi?.Uuid);
            Put("hostIdentifier", instance.Sudi?.HostIdentifier);
            Put("macAddress", instance.Sudi?.MacAddress);
            var item = new JObject { ["sudi"] = sudi, ["targetVirtualAccount"] = target };
            if (instance.ProductTag != null) item["productTagName"] = instance.ProductTag;
            return new JObject { ["productInstances"] = new JArray(item) };
        }

        public string DescribeMoveProductInstance(ProductInstance instance, string target) =>
            $"POST {ApiUrl(ConfirmedEndpoints.TransferProductInstances(RequireAccount()))} {TransferBody(instance, CheckName(target)).ToString(Newtonsoft.Json.Formatting.None)}";

        /// <summary>
        /// Moves a product instance to another LVA (POST accounts/{a}/devices/transfer, evidence A). The target must
        /// exist (listed when the server can); after an ambiguous failure the target is checked for the instance.
        /// </summary>
        public async Task<ProductInstance> MoveProductInstanceAsync(ProductInstance instance, string targetVirtualAccount, CancellationToken ct = default)
        {
            if (instance == null) throw new ArgumentNullException(nameof(instance));
            var account = RequireAccount();
            var target = RequireVirtualAccount(targetVirtualAccount);
            if (instance.SerialNumber == null && instance.Sudi?.UdiSerialNumber == null)
                throw new SsmOnPremException(OnPremErrorIds.ProductInstanceNotFound, SsmErrorKind.InvalidArgument,
                    $"The product instance '{instance}' has no serial number (sudi.udiSerialNumber): SSM On-Prem cannot tell which device to move.", "Pipe the instance from Get-SsmProductInstance.");
            var lvas = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
            if (lvas != null && !lvas.Any(v => string.Equals(v.Name, target, StringComparison.Ordinal)))
                throw VirtualAccountNotFound(account, target, lvas, "Use -TargetVirtualAccount with one of those names, or create it with New-SsmVirtualAccount.");
            var body = TransferBody(instance, target);
            JToken json;
            try
            {
                json = await CallAsync(HttpMethod.Post, ConfirmedEndpoints.TransferProductInstances(account), () => JsonContent(body), false,
                    $"move '{instance}' to '{target}'", account, null, confirmed: true, ct, feature: "product instance transfers").ConfigureAwait(false);
            }
            catch (SsmOnPremException ex) when (IsAmbiguous(ex))
            {
                var there = await GetProductInstancesAsync(target, null, instance.SerialNumber ?? instance.Sudi.UdiSerialNumber, ct).ConfigureAwait(false);
                if (there.Count == 0) throw;
                _log.Verbose($"The server did move '{instance}' to '{target}' despite the error");
                return there[0];
            }
            var results = JsonFields.Array(json, "productInstances", "results", "devices");
            var status = JsonFields.String(results?.OfType<JObject>().FirstOrDefault(), "status");
            if (status != null && (status.Equals("FAILED", StringComparison.OrdinalIgnoreCase) || status.Equals("ERROR", StringComparison.OrdinalIgnoreCase)))
            {
                var said = JsonFields.String(results.OfType<JObject>().First(), "statusMessage", "message") ?? status;
                throw new SsmOnPremException(OnPremErrorIds.RequestRejected, SsmErrorKind.InvalidOperation, $"SSM On-Prem did not move '{instance}' to '{target}': {said}.", "Check the instance and the target in the On-Prem UI.") { Target = instance.ToString() };
            }
            _log.Verbose($"Moved '{instance}' from '{instance.VirtualAccount}' to '{target}'");
            var moved = instance.Copy();
            moved.VirtualAccount = target;
            return moved;
        }

        /// <summary>Licenses of a virtual account (POST accounts/{a}/licenses {"virtualAccounts":[va]}, evidence A; read-only).</summary>
        public async Task<IReadOnlyList<License>> GetLicensesAsync(string virtualAccount = null, CancellationToken ct = default)
        {
            var account = RequireAccount();
            var va = RequireVirtualAccount(virtualAccount);
            var body = new JObject { ["virtualAccounts"] = new JArray(va) };
            var json = await CallAsync(HttpMethod.Post, ConfirmedEndpoints.Licenses(account), () => JsonContent(body), true,
                $"list the licenses of '{va}'", account, va, confirmed: false, ct, feature: "licenses").ConfigureAwait(false);
            var array = JsonFields.Array(json, "licenses");
            if (array == null) throw Transport.InvalidResponse(new OnPremTransport.Response { Method = "POST", Path = ConfirmedEndpoints.Licenses(account) }, "the answer has no licenses list");
            return array.OfType<JObject>().Select(o => new License
            {
                Name = JsonFields.String(o, "license", "licenseName", "name"),
                VirtualAccount = JsonFields.String(o, "virtualAccount", "virtualAccountName") ?? va,
                Status = JsonFields.String(o, "status")?.Trim(),
                Purchased = JsonFields.Int(o, "quantity", "purchased", "available"),
                InUse = JsonFields.Int(o, "inUse", "consumed", "usage"),
                Balance = JsonFields.Int(o, "balance", "surplus"),
                Account = account,
            }).Where(l => l.Name != null && string.Equals(l.VirtualAccount, va, StringComparison.Ordinal)).ToList();
        }

        public string DescribeSynchronize() => $"POST {ApiUrl(InferredEndpoints.Synchronization(RequireAccount()))}";

        /// <summary>Reads (and with <paramref name="trigger"/>, starts) On-Prem ↔ CSSM synchronization (inferred endpoint).</summary>
        public async Task<SynchronizationStatus> SynchronizeAsync(bool trigger, CancellationToken ct = default)
        {
            var account = RequireAccount();
            var json = await CallAsync(trigger ? HttpMethod.Post : HttpMethod.Get, InferredEndpoints.Synchronization(account), null, !trigger,
                trigger ? "synchronize with Cisco (CSSM)" : "read the synchronization status", account, null, confirmed: false, ct,
                feature: "synchronization with Cisco (CSSM)").ConfigureAwait(false) as JObject;
            return new SynchronizationStatus
            {
                Account = account,
                Status = JsonFields.String(json, "status")?.ToUpperInvariant(),
                LastSynchronization = JsonFields.Date(json, "lastSynchronization", "lastSyncDate", "lastSync"),
                Mode = JsonFields.String(json, "mode"),
                Triggered = trigger,
            };
        }
    }
}
