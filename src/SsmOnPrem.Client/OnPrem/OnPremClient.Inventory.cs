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
    // Transport URLs, product instances and synchronization.
    public sealed partial class OnPremClient
    {
        /// <summary>
        /// The device-facing URL of a transport. CallHome and SmartTransport are fixed paths on the server's host; Cslu
        /// needs the tenant "URL-encoded LVA name"-"n": from <paramref name="tenantId"/> (the number, or the whole
        /// tenant), else from what the server reports, else TenantIdRequired.
        /// </summary>
        public async Task<TransportUrl> GetTransportUrlAsync(TransportType type, string virtualAccount = null, string tenantId = null, CancellationToken ct = default)
        {
            switch (type)
            {
                case TransportType.CallHome:
                    return new TransportUrl { Type = type, Url = DeviceUrl(ConfirmedEndpoints.CallHomePath), VirtualAccount = virtualAccount ?? _connection.VirtualAccount };
                case TransportType.SmartTransport:
                    return new TransportUrl { Type = type, Url = DeviceUrl(ConfirmedEndpoints.SmartTransportPath), VirtualAccount = virtualAccount ?? _connection.VirtualAccount };
            }
            var va = RequireVirtualAccount(virtualAccount);
            string tenant;
            string source;
            if (!string.IsNullOrWhiteSpace(tenantId))
            {
                tenant = TenantFromParameter(tenantId.Trim(), va);
                source = "parameter";
            }
            else
            {
                var account = RequireAccount();
                var lvas = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
                if (lvas == null) await ThrowAccountNotFoundIfUnknownAsync(account, ct).ConfigureAwait(false);
                var entry = lvas?.FirstOrDefault(v => string.Equals(v.Name, va, StringComparison.Ordinal));
                if (lvas != null && entry == null)
                    throw new SsmOnPremException(OnPremErrorIds.VirtualAccountNotFound, SsmErrorKind.ObjectNotFound,
                        $"The local account '{account}' has no local virtual account '{va}'. Its virtual accounts: {NameList(lvas.Select(v => v.Name))}.",
                        "Use -VirtualAccount with one of those names.") { Target = va };
                tenant = entry?.CsluTenant;
                source = "server";
                if (tenant == null)
                    throw new SsmOnPremException(OnPremErrorIds.TenantIdRequired, SsmErrorKind.InvalidOperation,
                        $"This SSM On-Prem does not report the CSLU tenant of '{va}' through its API, so the CSLU URL (https://{HostPart()}/cslu/v1/pi/{Uri.EscapeDataString(va)}-<n>) cannot be completed.",
                        "In the On-Prem UI open Smart Licensing > Inventory, select the local virtual account, tab General: copy the 'CSLU Transport URL' and pass the number after its last '-' with -TenantId (or the whole last part of the URL).") { Target = va };
            }
            return new TransportUrl { Type = type, Url = DeviceUrl(ConfirmedEndpoints.CsluPathPrefix + tenant), VirtualAccount = va, Tenant = tenant, TenantSource = source };
        }

        private static string TenantFromParameter(string tenantId, string va)
        {
            if (tenantId.All(char.IsDigit)) return Uri.EscapeDataString(va) + "-" + tenantId;
            var fromUrl = TenantFrom(tenantId, va);
            if (fromUrl.IndexOfAny(new[] { '/', '?', '#', ' ', '\r', '\n' }) >= 0)
                throw new SsmOnPremException(OnPremErrorIds.InvalidServerAddress, SsmErrorKind.InvalidArgument,
                    $"'{tenantId}' is not a CSLU tenant id.", "Pass the number after the last '-' of the CSLU Transport URL, the last part of that URL, or the whole URL.");
            return fromUrl;
        }

        /// <summary>Normalizes what a server (or user) gives: a URL -> its last segment; a bare number -> "LVA-n".</summary>
        private static string TenantFrom(string reported, string va)
        {
            if (string.IsNullOrWhiteSpace(reported)) return null;
            reported = reported.Trim();
            var marker = reported.IndexOf(ConfirmedEndpoints.CsluPathPrefix, StringComparison.OrdinalIgnoreCase);
            if (marker >= 0) reported = reported.Substring(marker + ConfirmedEndpoints.CsluPathPrefix.Length).TrimEnd('/');
            if (reported.All(char.IsDigit) && va != null) return Uri.EscapeDataString(va) + "-" + reported;
            return reported;
        }

        private string HostPart()
        {
            var host = _connection.DeviceHost ?? _connection.Server;
            return _connection.DevicePort == 443 ? host : host + ":" + _connection.DevicePort;
        }

        private Uri DeviceUrl(string path) => new Uri("https://" + HostPart() + path);

        /// <summary>Product instances of a virtual account, with alerts (inferred endpoint).</summary>
        public async Task<IReadOnlyList<ProductInstance>> GetProductInstancesAsync(string virtualAccount = null, string name = null, string serialNumber = null, CancellationToken ct = default)
        {
            var account = RequireAccount();
            var va = RequireVirtualAccount(virtualAccount);
            var query = new List<string>();
            if (!string.IsNullOrEmpty(name)) query.Add("name=" + Uri.EscapeDataString(name));
            if (!string.IsNullOrEmpty(serialNumber)) query.Add("serialNumber=" + Uri.EscapeDataString(serialNumber));
            var path = InferredEndpoints.ProductInstances(account, va) + (query.Count > 0 ? "?" + string.Join("&", query) : "");
            var json = await CallAsync(HttpMethod.Get, path, null, true, $"list the product instances of '{va}'", account, va, confirmed: false, ct, feature: "product instances").ConfigureAwait(false);
            var array = JsonFields.Array(json, InferredEndpoints.ProductInstanceArrays);
            if (array == null) throw Transport.InvalidResponse(new OnPremTransport.Response { Method = "GET", Path = path }, "the answer has no devices list");
            var all = array.OfType<JObject>().Select(o => ReadProductInstance(o, va)).ToList();
            // Filter here too: a server may ignore the query.
            return all.Where(p => string.IsNullOrEmpty(name) || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                      .Where(p => string.IsNullOrEmpty(serialNumber) || string.Equals(p.SerialNumber, serialNumber, StringComparison.OrdinalIgnoreCase))
                      .ToList();
        }

        private static ProductInstance ReadProductInstance(JObject o, string va) => new ProductInstance
        {
            Name = JsonFields.String(o, "hostname", "name", "hostName"),
            ProductId = JsonFields.String(o, "productId", "pid", "productName"),
            SerialNumber = JsonFields.String(o, "serialNumber", "sn"),
            Udi = JsonFields.String(o, "udi"),
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
